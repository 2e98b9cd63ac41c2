package io.churnlens.impact;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

/**
 * The impact stage in one call: departures and revenue lost per quarter (observed and model-based), revenue at
 * risk, economics, scenarios, cohorts and segment risk, as of T. No I/O: the caller reads the inputs (optional ones
 * may be absent) and writes the four tables.
 */
public final class ImpactAnalysis {
    private final ImpactSettings settings;
    private final int inactivityDays;
    private final double monthlyDiscountRate;

    public ImpactAnalysis(ChurnlensConfig config) {
        this(config.impact(), config.churn().inactivityDays(), config.clv().monthlyDiscountRate());
    }

    public ImpactAnalysis(ImpactSettings settings, int inactivityDays, double monthlyDiscountRate) {
        this.settings = settings;
        this.inactivityDays = inactivityDays;
        this.monthlyDiscountRate = monthlyDiscountRate;
    }

    /**
     * @param segmentsAtStart customer_segments at the previous quarter end (departures by segment), if published
     * @param segmentsAtT     customer_segments as of T: the fallback for departures
     * @param features        customer_features as of T (country, channel), if published
     */
    public record Inputs(Dataset<Row> transactions, Optional<Dataset<Row>> customerValue,
                         Optional<Dataset<Row>> scores, Optional<Dataset<Row>> segmentsAtStart, LocalDate segmentsAtStartAsOf,
                         Optional<Dataset<Row>> segmentsAtT, Optional<Dataset<Row>> features) {}

    public record Result(Dataset<Row> churnImpact, Dataset<Row> scenarios, Dataset<Row> cohortRetention,
                         Dataset<Row> segmentRisk, QuarterObservation asOfQuarter,
                         Optional<RevenueAtRisk.Summary> risk) {}

    public Result run(Inputs in, LocalDate asOf) {
        LocalDate firstDay = firstDay(in.transactions(), asOf);
        QuarterCalendar calendar = new QuarterCalendar(firstDay, asOf);
        // The grid is built once (one shuffle of the transactions) and every figure below reads it or its last quarter.
        Dataset<Row> grid = CustomerQuarters.grid(CustomerQuarters.days(in.transactions(), calendar), calendar,
                inactivityDays).cache();
        Dataset<Row> current = grid.filter(col(QuarterCalendar.INDEX).equalTo(calendar.lastIndex())).cache();
        try {
            GridCells cells = GridCells.of(grid);
            List<QuarterObservation> quarters = ObservedQuarters.of(cells);
            QuarterObservation now = quarters.get(quarters.size() - 1);
            ModelFigures model = ModelFigures.of(current, in.customerValue(), asOf);
            RiskFigures risk = RiskFigures.of(in.scores(), settings.topCustomers(), asOf);
            List<String> notes = java.util.stream.Stream.of(model.note(), risk.note())
                    .filter(java.util.Objects::nonNull).toList();
            List<Row> impactRows = ChurnImpactRows.of(quarters, calendar,
                    new ChurnImpactRows.AsOfFigures(model, risk.summary().orElse(null), notes), settings, firstDay,
                    inactivityDays);
            List<Row> cohortRows = CohortRetention.of(cells, calendar, settings.cohortMinCustomers(),
                    settings.cohortProjectionQuarters());
            SparkSession spark = in.transactions().sparkSession();
            return new Result(spark.createDataFrame(impactRows, ImpactColumns.CHURN_IMPACT_SCHEMA),
                    spark.createDataFrame(Scenarios.rows(now, settings, monthlyDiscountRate), ImpactColumns.SCENARIOS_SCHEMA),
                    spark.createDataFrame(cohortRows, ImpactColumns.COHORT_SCHEMA),
                    spark.createDataFrame(segmentRows(in, current, risk, asOf), ImpactColumns.SEGMENT_RISK_SCHEMA),
                    now, risk.summary());
        } finally {
            current.unpersist();
            grid.unpersist();
        }
    }

    /** The first day of data, checked: a snapshot before every transaction has nothing to report. */
    private static LocalDate firstDay(Dataset<Row> transactions, LocalDate asOf) {
        Row first = transactions.agg(min(TransactionColumns.EVENT_DATE)).first();
        if (first.isNullAt(0) || first.getDate(0).toLocalDate().isAfter(asOf)) {
            throw new io.churnlens.io.InputException("no transactions on or before " + asOf + ": nothing to report");
        }
        return first.getDate(0).toLocalDate();
    }

    /** segment_risk: the as-of quarter's departures and revenue at risk per segment of each grouping. */
    private static List<Row> segmentRows(Inputs in, Dataset<Row> current, RiskFigures risk, LocalDate asOf) {
        Dataset<Row> activeAtStart = current.filter(col(CustomerQuarters.ACTIVE_START)).select(CustomerQuarters.CUSTOMER_ID,
                CustomerQuarters.ACTIVE_START, CustomerQuarters.DEPARTED, CustomerQuarters.LAST_PURCHASE,
                CustomerQuarters.ANNUAL_VALUE);
        return SegmentRisk.of(activeAtStart, risk.perCustomer(), groupings(in, risk.perCustomer(), asOf),
                risk.segmentNote());
    }

    private static List<SegmentRisk.Grouping> groupings(Inputs in, Dataset<Row> risk, LocalDate asOf) {
        List<SegmentRisk.Grouping> out = new ArrayList<>();
        Optional<Dataset<Row>> segments = in.segmentsAtStart().isPresent() ? in.segmentsAtStart() : in.segmentsAtT();
        LocalDate segmentsAsOf = in.segmentsAtStart().isPresent() ? in.segmentsAtStartAsOf() : asOf;
        for (String column : List.of(SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME)) {
            Dataset<Row> members = segments.map(s -> member(s, column)).orElse(null);
            Dataset<Row> riskMembers = risk == null ? null : member(risk, column);
            if (members != null || riskMembers != null) {
                out.add(new SegmentRisk.Grouping(column, members, riskMembers, members == null ? null : segmentsAsOf));
            }
        }
        for (String column : TransactionColumns.GROUP_COLUMNS) {
            Optional<Dataset<Row>> f = in.features().filter(d -> Arrays.asList(d.columns()).contains(column));
            // A grouping column counts as present when at least one customer has a value for it.
            if (f.isPresent() && f.get().filter(col(column).isNotNull()).limit(1).count() > 0) {
                Dataset<Row> members = member(f.get(), column);
                out.add(new SegmentRisk.Grouping(column, members, risk == null ? null : members, asOf));
            }
        }
        return out;
    }

    private static Dataset<Row> member(Dataset<Row> table, String column) {
        return table.select(col(FeatureColumns.CUSTOMER_ID), col(column).as("segment"));
    }

}
