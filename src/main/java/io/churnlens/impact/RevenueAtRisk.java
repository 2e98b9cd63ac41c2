package io.churnlens.impact;

import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Revenue at risk next period (DESIGN.md): Σ churn_probability × expected_revenue_12m over customer_scores, and who
 * carries most of it. Customers without an expected revenue (CLV stage not run or not converged) are left out and
 * counted as unscored.
 */
public final class RevenueAtRisk {
    public static final String AT_RISK = "revenue_at_risk";
    static final String UNKNOWN_SEGMENT = "(no segment)";

    private RevenueAtRisk() {}

    /** @param topCustomers {@link #topCustomers} of the same scores, for the report */
    public record Summary(double total, long customersScored, long customersUnscored, String topSegment,
                          Double topSegmentShare, Double topDecileShare, List<Row> topCustomers) {}

    /** customer_id, churn_probability, expected_revenue_12m, rfm_segment, cluster_name and {@link #AT_RISK}. */
    public static Dataset<Row> perCustomer(Dataset<Row> scores) {
        return scores.select(col(ScoreColumns.CUSTOMER_ID), col(ScoreColumns.CHURN_PROBABILITY),
                col(ScoreColumns.EXPECTED_REVENUE_12M), col(ScoreColumns.RFM_SEGMENT), col(ScoreColumns.CLUSTER_NAME),
                col(ScoreColumns.CHURN_PROBABILITY).multiply(col(ScoreColumns.EXPECTED_REVENUE_12M)).as(AT_RISK));
    }

    /** Shared-intermediate key: the top customers the impact stage found, so the report stage need not recompute them. */
    public static final String TOP_CUSTOMERS = "top customers by revenue at risk";

    /**
     * The {@code n} customers carrying most revenue at risk ({@link #perCustomer} columns), most first; ties by
     * customer_id. Bounded by {@code n} (impact.top-customers).
     */
    public static List<Row> topCustomers(Dataset<Row> scores, int n) {
        return top(perCustomer(scores).filter(col(AT_RISK).isNotNull()), n);
    }

    private static List<Row> top(Dataset<Row> valued, int n) {
        return valued.orderBy(desc(AT_RISK), col(ScoreColumns.CUSTOMER_ID)).limit(n).collectAsList();
    }

    /**
     * The summary in four jobs over the cached per-customer risk: the totals and the top segment from one
     * aggregation by segment (bounded by the RFM segments), the 90th percentile, the sum above it, the top customers.
     */
    public static Summary summarise(Dataset<Row> scores, int topCustomers) {
        Dataset<Row> risk = perCustomer(scores).cache();
        try {
            SegmentTotals totals = SegmentTotals.of(risk);
            Dataset<Row> valued = risk.filter(col(AT_RISK).isNotNull());
            Double decileShare = null;
            if (totals.scored() > 0 && totals.total() > 0) {
                // The 90th percentile of risk on the executors, then one sum: no sort of all customers on the driver.
                double cut = valued.stat().approxQuantile(AT_RISK, new double[] {0.9}, 0.001)[0];
                Row above = valued.filter(col(AT_RISK).geq(cut)).agg(sum(AT_RISK)).first();
                decileShare = above.getDouble(0) / totals.total();
            }
            List<Row> topRows = top(valued, topCustomers);
            return new Summary(totals.total(), totals.scored(), totals.unscored(), totals.topSegment(),
                    totals.topSegment() == null || totals.total() <= 0 ? null : totals.topRisk() / totals.total(),
                    decileShare, topRows);
        } finally {
            risk.unpersist();
        }
    }

    /** Revenue at risk summed per RFM segment, most first (ties by name), and over all of them. */
    private record SegmentTotals(double total, long scored, long unscored, String topSegment, double topRisk) {
        static SegmentTotals of(Dataset<Row> risk) {
            List<Row> bySegment = risk.groupBy(coalesce(col(ScoreColumns.RFM_SEGMENT), lit(UNKNOWN_SEGMENT)).as("segment"))
                    .agg(sum(AT_RISK).as("risk"), count(col(AT_RISK)), count(when(col(AT_RISK).isNull(), 1)))
                    .orderBy(desc("risk"), col("segment")).collectAsList();
            double total = 0;
            long scored = 0;
            long unscored = 0;
            Row top = null;
            for (Row r : bySegment) {
                if (!r.isNullAt(1)) total += r.getDouble(1);
                if (top == null && !r.isNullAt(1)) top = r;
                scored += r.getLong(2);
                unscored += r.getLong(3);
            }
            return new SegmentTotals(total, scored, unscored, top == null ? null : top.getString(0),
                    top == null ? 0.0 : top.getDouble(1));
        }
    }

}
