package io.churnlens.impact;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Revenue at risk as of T for churn_impact and segment_risk: the summary when customer_scores carry expected
 * revenue, else why not. Each reason is worded here once per table it appears in (the two tables' wordings differ
 * and are kept as published).
 *
 * @param summary     present when at least one scored customer has expected_revenue_12m
 * @param perCustomer {@link RevenueAtRisk#perCustomer} of the scores when {@code summary} is present
 * @param note        for churn_impact: why the figure is missing or partial; null when complete
 * @param absence     why there is no summary; null when there is one
 */
record RiskFigures(Optional<RevenueAtRisk.Summary> summary, Dataset<Row> perCustomer, String note, Absence absence) {

    enum Absence {
        NO_SCORES("revenue at risk: the score stage has not run (no customer_scores)"),
        NO_EXPECTED_REVENUE("revenue at risk: no expected_revenue_12m in customer_scores");

        /** The segment_risk note. */
        final String segmentNote;

        Absence(String segmentNote) {
            this.segmentNote = segmentNote;
        }
    }

    static RiskFigures of(Optional<Dataset<Row>> scores, int topCustomers, LocalDate asOf) {
        if (scores.isEmpty()) {
            return new RiskFigures(Optional.empty(), null,
                    "revenue at risk: the score stage has not run (no customer_scores as of " + asOf + ")", Absence.NO_SCORES);
        }
        RevenueAtRisk.Summary s = RevenueAtRisk.summarise(scores.get(), topCustomers);
        if (s.customersScored() == 0) {
            // Scores without expected revenue (CLV not converged) give no revenue at risk, not a sum of 0.
            return new RiskFigures(Optional.empty(), null, "revenue at risk: no customer in customer_scores has "
                    + "expected_revenue_12m (clv not run or not converged)", Absence.NO_EXPECTED_REVENUE);
        }
        String partial = s.customersUnscored() == 0 ? null
                : "revenue at risk: " + s.customersUnscored() + " scored customers without expected_revenue_12m left out";
        return new RiskFigures(Optional.of(s), RevenueAtRisk.perCustomer(scores.get()), partial, null);
    }

    String segmentNote() {
        return absence == null ? null : absence.segmentNote;
    }
}
