package io.churnlens.report;

import io.churnlens.config.ImpactSettings;
import io.churnlens.io.Quarters;
import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the management report shows, collected from the impact tables (small: one row per quarter, scenario,
 * cohort cell and segment). Rows carry their schema, so fields are read by the names in ImpactColumns.
 *
 * @param impact          churn_impact as of T, one row per quarter, oldest first
 * @param ownPartitions   for earlier quarters, their row in their own as_of partition when published (it holds the
 *                        model-based figures the current partition leaves null), by quarter label
 * @param topCustomers    customer_id, churn_probability, expected_revenue_12m, rfm_segment, cluster_name,
 *                        revenue_at_risk of the customers carrying most revenue at risk; empty without scores
 * @param fitNotes        what the purchase models' verdicts mean for the figures ({@link FitNotes}); empty when
 *                        every purchase model is identified or clv_params is not available
 * @param pseudonymised   the customer ids in topCustomers are keyed pseudonyms ({@link Pseudonyms})
 * @param sections        the tables behind the report's later sections (model_drift, churn_sensitivity, the
 *                        campaign line, ...), each empty when not published
 */
public record ReportData(LocalDate asOf, List<Row> impact, Map<String, Row> ownPartitions, List<Row> scenarios,
                         List<Row> cohorts, List<Row> segments, List<Row> topCustomers, ImpactSettings settings,
                         int inactivityDays, double monthlyDiscountRate, List<String> fitNotes,
                         boolean pseudonymised, Sections sections) {

    /**
     * @param drift       model_drift as of T, for {@link DriftSection}
     * @param definitions churn_sensitivity and revenue_lost_bridge
     * @param campaignLine the retention campaign's profit-maximising contacts in one sentence ({@link CampaignLine});
     *                     null without model_metrics campaign rows
     * @param modelChecks  sentences from the model checks (the back-test, {@link BacktestLine}) ending the summary
     */
    public record Sections(List<Row> drift, DefinitionReport definitions, String campaignLine, List<String> modelChecks) {
        static final Sections NONE = new Sections(List.of(), DefinitionReport.EMPTY, null, List.of());
    }

    /** Without the later sections' tables (each section then says it has nothing to show). */
    public ReportData(LocalDate asOf, List<Row> impact, Map<String, Row> ownPartitions, List<Row> scenarios,
                      List<Row> cohorts, List<Row> segments, List<Row> topCustomers, ImpactSettings settings,
                      int inactivityDays, double monthlyDiscountRate, List<String> fitNotes, boolean pseudonymised) {
        this(asOf, impact, ownPartitions, scenarios, cohorts, segments, topCustomers, settings, inactivityDays,
                monthlyDiscountRate, fitNotes, pseudonymised, Sections.NONE);
    }

    public ReportData with(Sections with) {
        return new ReportData(asOf, impact, ownPartitions, scenarios, cohorts, segments, topCustomers, settings,
                inactivityDays, monthlyDiscountRate, fitNotes, pseudonymised, with);
    }

    public List<Row> drift() {
        return sections.drift();
    }

    public DefinitionReport definitions() {
        return sections.definitions();
    }

    public String campaignLine() {
        return sections.campaignLine();
    }

    public String quarter() {
        return Quarters.label(asOf);
    }

    public Row current() {
        return impact.get(impact.size() - 1);
    }

    /** The row of the quarter {@code quartersBack} before T: from its own partition if published, else this one. */
    public Optional<Row> earlier(int quartersBack) {
        String label = Quarters.label(Quarters.start(asOf).minusMonths(3L * quartersBack));
        if (ownPartitions.containsKey(label)) return Optional.of(ownPartitions.get(label));
        return impact.stream().filter(r -> r.<String>getAs(ImpactColumns.QUARTER).equals(label)).findFirst();
    }

    static Double number(Row row, String column) {
        if (row == null) return null;
        Object v = row.getAs(column);
        return v == null ? null : ((Number) v).doubleValue();
    }
}
