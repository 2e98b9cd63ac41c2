package io.churnlens.impact;

import io.churnlens.clv.ClvAnalysis;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.io.Quarters;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.SimulationColumns.Raw;
import io.churnlens.schema.SimulationColumns.Truth;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.simulate.Simulation;
import io.churnlens.simulate.SimulationResult;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Model-based drop-outs of the last quarter against the generator's ground truth, shared by the test and the
 * benchmark. The export is generated without messy rows and turned into canonical transactions directly (ingest is
 * tested elsewhere); features, the BG/NBD fit and P(alive) come from the production stages.
 *
 * <p>Truth: the customers whose true drop-out (the purchase after which they left) fell in the quarter, and their
 * annual value computed from their transactions exactly as the impact stage computes it.
 */
public final class GeneratedHistory {
    private GeneratedHistory() {}

    /** Expected and true drop-outs (customers) and the annual value they took. */
    public record Comparison(long customers, double expectedDropouts, long trueDropouts, double modelRevenue,
                             double trueRevenue, double impactSeconds) {
        public double revenueRelativeError() {
            return (modelRevenue - trueRevenue) / trueRevenue;
        }

        public double countRelativeError() {
            return (expectedDropouts - trueDropouts) / trueDropouts;
        }
    }

    public static Comparison compare(SparkSession spark, int customers, long seed, LocalDate asOf, String... extra) {
        List<String> overrides = new ArrayList<>(List.of("simulate.customers=" + customers, "simulate.seed=" + seed,
                "simulate.end-date=" + asOf));
        for (String kind : List.of("missing-customer-id", "unparsable-date", "unparsable-amount", "duplicate",
                "implausible-amount", "float-customer-id", "date-after-end")) {
            overrides.add("simulate.messy." + kind + "=0");
        }
        overrides.addAll(List.of(extra));
        ChurnlensConfig config = ConfigLoader.load(null, overrides);
        SimulationResult sim = Simulation.run(spark, config.simulate());
        Dataset<Row> transactions = canonical(sim.transactions()).cache();
        try {
            Dataset<Row> features = new CustomerFeatures(FeatureSpec.from(config)).asOf(transactions, asOf).cache();
            Dataset<Row> customerValue = new ClvAnalysis(config).run(features).customerValue()
                    .orElseThrow(() -> new IllegalStateException("BG/NBD did not converge on the generated data")).cache();
            // Materialised first, as the pipeline reads them from Parquet: the timing below is the impact stage's own.
            transactions.count();
            customerValue.count();
            // The whole impact stage (as the pipeline runs it without scores or segments), timed for the benchmark.
            long t0 = System.nanoTime();
            ImpactAnalysis.Result impact = new ImpactAnalysis(config).run(new ImpactAnalysis.Inputs(transactions,
                    Optional.of(customerValue), Optional.empty(), Optional.empty(), asOf, Optional.empty(),
                    Optional.of(features)), asOf);
            double impactSeconds = (System.nanoTime() - t0) / 1e9;
            Row model = impact.churnImpact().filter(col(ImpactColumns.QUARTER).equalTo(Quarters.label(asOf))).first();

            QuarterCalendar calendar = new QuarterCalendar(config.simulate().startDate(), asOf);
            Dataset<Row> days = CustomerQuarters.days(transactions, calendar).cache();

            LocalDate start = Quarters.start(asOf);
            Dataset<Row> dropped = sim.groundTruth()
                    .filter(col(Truth.DROPOUT_DATE).geq(lit(java.sql.Date.valueOf(start)))
                            .and(col(Truth.DROPOUT_DATE).leq(lit(java.sql.Date.valueOf(asOf)))))
                    .select(col(Truth.CUSTOMER_ID), col(Truth.DROPOUT_DATE).as(CustomerQuarters.LAST_PURCHASE));
            Row truth = annualValue(dropped, CustomerQuarters.LAST_PURCHASE, days)
                    .agg(org.apache.spark.sql.functions.count(lit(1)).as("dropouts"), sum(CustomerQuarters.ANNUAL_VALUE).as("revenue")).first();
            days.unpersist();
            return new Comparison(customers, model.<Double>getAs(ImpactColumns.MODEL_EXPECTED_DROPOUTS), truth.<Long>getAs("dropouts"),
                    model.<Double>getAs(ImpactColumns.MODEL_DROPOUT_REVENUE),
                    truth.<Long>getAs("revenue") / 100.0, impactSeconds);
        } finally {
            transactions.unpersist();
        }
    }

    /**
     * Annual value computed another way than the stage's walk over each customer's days: a range join of
     * {@code customers} (customer_id, {@code lastPurchaseColumn}) with the per-customer days, summed.
     */
    static Dataset<Row> annualValue(Dataset<Row> customers, String lastPurchaseColumn, Dataset<Row> days) {
        org.apache.spark.sql.Column last = col("c." + lastPurchaseColumn);
        org.apache.spark.sql.Column day = col("d." + CustomerQuarters.DAY);
        return customers.as("c")
                .join(days.as("d"), col("c." + CustomerQuarters.CUSTOMER_ID).equalTo(col("d." + CustomerQuarters.CUSTOMER_ID))
                        .and(day.gt(org.apache.spark.sql.functions.date_sub(last, 365))).and(day.leq(last)), "left")
                .groupBy(java.util.Arrays.stream(customers.columns()).map(c -> col("c." + c)).toArray(org.apache.spark.sql.Column[]::new))
                .agg(sum(col("d." + CustomerQuarters.DAY_NET)).as(CustomerQuarters.ANNUAL_VALUE))
                .na().fill(0, new String[] {CustomerQuarters.ANNUAL_VALUE});
    }

    /** Overrides that leave one country and one channel with neutral factors: a single BG/NBD population. */
    public static String[] oneGroup() {
        return new String[] {"simulate.countries=[GB]", "simulate.country-shares=[1]", "simulate.country-rate-factors=[1]",
                "simulate.country-loyalty-factors=[1]", "simulate.channels=[web]", "simulate.channel-shares=[1]",
                "simulate.channel-rate-factors=[1]", "simulate.channel-loyalty-factors=[1]"};
    }

    /** The clean export as canonical transactions (TransactionColumns.SCHEMA). */
    static Dataset<Row> canonical(Dataset<Row> raw) {
        return raw.selectExpr(
                "sha2(" + Raw.TRANSACTION_ID + ", 256) AS " + TransactionColumns.ROW_KEY,
                Raw.TRANSACTION_ID + " AS " + TransactionColumns.TRANSACTION_ID,
                Raw.CUSTOMER_ID + " AS " + TransactionColumns.CUSTOMER_ID,
                "to_timestamp(" + Raw.ORDER_TS + ", '" + Raw.ORDER_TS_PATTERN + "') AS " + TransactionColumns.EVENT_TS,
                "to_date(to_timestamp(" + Raw.ORDER_TS + ", '" + Raw.ORDER_TS_PATTERN + "')) AS " + TransactionColumns.EVENT_DATE,
                "CAST(" + Raw.AMOUNT + " AS DECIMAL(18,2)) AS " + TransactionColumns.AMOUNT,
                "CAST(NULL AS BIGINT) AS " + TransactionColumns.QUANTITY,
                "CAST(" + Raw.AMOUNT + " AS DECIMAL(18,2)) < 0 AS " + TransactionColumns.IS_RETURN,
                Raw.PRODUCT_ID + " AS " + TransactionColumns.PRODUCT_ID,
                Raw.CATEGORY + " AS " + TransactionColumns.CATEGORY,
                Raw.COUNTRY + " AS " + TransactionColumns.COUNTRY,
                Raw.CHANNEL + " AS " + TransactionColumns.CHANNEL,
                "'generated' AS " + TransactionColumns.SOURCE_FILE,
                "'generated' AS " + TransactionColumns.INGEST_RUN,
                "date_format(to_timestamp(" + Raw.ORDER_TS + ", '" + Raw.ORDER_TS_PATTERN + "'), 'yyyy-MM') AS "
                        + TransactionColumns.EVENT_MONTH);
    }
}
