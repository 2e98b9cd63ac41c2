package io.churnlens.report;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.impact.RevenueAtRisk;
import io.churnlens.io.Quarters;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;

/**
 * Collects the report data from the impact tables (small, so collected) and renders the report's files. No I/O:
 * {@code impactPartition} looks up churn_impact of another as_of (empty when not published).
 */
public final class ReportAssembly {
    private ReportAssembly() {}

    public static ReportData collect(ChurnlensConfig config, LocalDate asOf, Dataset<Row> churnImpact,
                                     Dataset<Row> scenarios, Dataset<Row> cohorts, Dataset<Row> segments,
                                     Optional<Dataset<Row>> scores, Function<LocalDate, Optional<Dataset<Row>>> impactPartition) {
        return collect(config, asOf, churnImpact, scenarios, cohorts, segments, scores, impactPartition, Optional.empty());
    }

    /** As above, with clv_params (when published) for the notes on the purchase models' verdicts. */
    public static ReportData collect(ChurnlensConfig config, LocalDate asOf, Dataset<Row> churnImpact,
                                     Dataset<Row> scenarios, Dataset<Row> cohorts, Dataset<Row> segments,
                                     Optional<Dataset<Row>> scores, Function<LocalDate, Optional<Dataset<Row>>> impactPartition,
                                     Optional<Dataset<Row>> clvParams) {
        List<Row> top = scores.map(s -> RevenueAtRisk.topCustomers(s, config.impact().topCustomers())).orElse(List.of());
        return collect(config, asOf, churnImpact, scenarios, cohorts, segments, top, impactPartition, clvParams);
    }

    /**
     * As above, with the top customers by revenue at risk already computed: the impact stage's
     * {@code RevenueAtRisk.Summary.topCustomers()} when it ran in the same pipeline (empty without scores).
     */
    public static ReportData collect(ChurnlensConfig config, LocalDate asOf, Dataset<Row> churnImpact,
                                     Dataset<Row> scenarios, Dataset<Row> cohorts, Dataset<Row> segments,
                                     List<Row> topCustomers, Function<LocalDate, Optional<Dataset<Row>>> impactPartition,
                                     Optional<Dataset<Row>> clvParams) {
        List<Row> impact = churnImpact.orderBy(ImpactColumns.QUARTER_START).collectAsList();
        Pseudonyms pseudonyms = Pseudonyms.forManagement(config.pseudonymise());
        return new ReportData(asOf, impact, ownPartitions(asOf, impactPartition),
                scenarios.orderBy(ImpactColumns.CHURN_REDUCTION_PP).collectAsList(),
                cohorts.orderBy(ImpactColumns.COHORT, ImpactColumns.QUARTERS_SINCE).collectAsList(),
                segments.collectAsList(), pseudonyms.apply(topCustomers, ScoreColumns.CUSTOMER_ID), config.impact(),
                config.churn().inactivityDays(), config.clv().monthlyDiscountRate(),
                clvParams.map(p -> FitNotes.from(p.collectAsList())).orElse(List.of()), pseudonyms.enabled());
    }

    /** The previous quarter's and the year-ago quarter's row from their own as_of partitions, when published. */
    private static Map<String, Row> ownPartitions(LocalDate asOf, Function<LocalDate, Optional<Dataset<Row>>> impactPartition) {
        Map<String, Row> own = new HashMap<>();
        for (int back : new int[] {1, 4}) {
            LocalDate end = Quarters.end(Quarters.start(asOf).minusMonths(3L * back));
            String label = Quarters.label(end);
            impactPartition.apply(end).ifPresent(d -> d.filter(col(ImpactColumns.QUARTER).equalTo(label))
                    .limit(1).collectAsList().stream().findFirst().ifPresent(r -> own.put(label, r)));
        }
        return own;
    }
}
