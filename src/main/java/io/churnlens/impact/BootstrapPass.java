package io.churnlens.impact;

import io.churnlens.btyd.BgNbdModel;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The intervals' Spark passes: one over the as-of quarter's grid rows (left-joined with customer_value and the
 * BTYD statistics of customer_features) and one over customer_scores. Each partition turns its rows into the plain
 * Java records of {@link QuarterBootstrap}, {@link DropoutDraws} and {@link RiskBootstrap} and returns one small
 * object of replicate sums; the objects are summed on the driver. Exact fixed-point sums make the result the same on
 * any partitioning.
 */
final class BootstrapPass {
    private BootstrapPass() {}

    /** @param draws BG/NBD parameter draws; empty for no drop-out draws */
    record Plan(int replicates, long seed, List<BgNbdModel> draws) implements Serializable {}

    /** The summed replicate sums of one pass; a part is null when the plan has no replicates (or draws) for it. */
    record Sums(ReplicateSums quarter, ReplicateSums dropouts) implements Serializable {
        Sums merge(Sums o) {
            return new Sums(quarter == null ? null : quarter.merge(o.quarter), dropouts == null ? null : dropouts.merge(o.dropouts));
        }
    }

    /** Columns of the quarter pass, in the order {@link #partition} reads them. */
    static Dataset<Row> quarterRows(Dataset<Row> current, Optional<Dataset<Row>> value, Optional<Dataset<Row>> features) {
        Dataset<Row> rows = current.select(CustomerQuarters.CUSTOMER_ID, CustomerQuarters.ACTIVE_START,
                CustomerQuarters.DEPARTED, CustomerQuarters.ACTIVE_END, CustomerQuarters.PURCHASED,
                CustomerQuarters.ANNUAL_VALUE, CustomerQuarters.REVENUE_YEAR);
        if (value.isPresent()) {
            Dataset<Row> v = value.get().select(col(ClvColumns.CUSTOMER_ID).as("v_id"),
                    col(ClvColumns.P_ALIVE).cast("double").as(ClvColumns.P_ALIVE), col(ClvColumns.CLV).cast("double").as(ClvColumns.CLV));
            rows = rows.join(v, rows.col(CustomerQuarters.CUSTOMER_ID).equalTo(v.col("v_id")), "left").drop("v_id");
        } else {
            rows = rows.withColumn(ClvColumns.P_ALIVE, lit(null).cast("double")).withColumn(ClvColumns.CLV, lit(null).cast("double"));
        }
        if (features.isPresent()) {
            Dataset<Row> f = features.get().select(col(FeatureColumns.CUSTOMER_ID).as("f_id"),
                    col(FeatureColumns.X).cast("int").as(FeatureColumns.X), col(FeatureColumns.T_X).cast("double").as(FeatureColumns.T_X),
                    col(FeatureColumns.T_CAL).cast("double").as(FeatureColumns.T_CAL));
            return rows.join(f, rows.col(CustomerQuarters.CUSTOMER_ID).equalTo(f.col("f_id")), "left").drop("f_id");
        }
        return rows.withColumn(FeatureColumns.X, lit(null).cast("int")).withColumn(FeatureColumns.T_X, lit(null).cast("double"))
                .withColumn(FeatureColumns.T_CAL, lit(null).cast("double"));
    }

    static Sums quarter(Dataset<Row> rows, Plan plan) {
        return rows.javaRDD().mapPartitions((FlatMapFunction<Iterator<Row>, Sums>) it -> List.of(partition(it, plan)).iterator())
                .reduce(Sums::merge);
    }

    /** One partition's rows of {@link #quarterRows}: the quarter's replicate sums and the drop-out draws' sums. */
    static Sums partition(Iterator<Row> it, Plan plan) {
        ReplicateSums quarter = plan.replicates() == 0 ? null : new ReplicateSums(QuarterBootstrap.FIGURES, plan.replicates());
        ReplicateSums dropouts = plan.draws().isEmpty() ? null : new ReplicateSums(DropoutDraws.FIGURES, plan.draws().size());
        while (it.hasNext()) { // streamed: a partition's customers are never held in memory
            Row r = it.next();
            Double pAlive = r.isNullAt(7) ? null : r.getDouble(7);
            if (quarter != null) {
                QuarterBootstrap.add(quarter, new QuarterBootstrap.Customer(r.getString(0), r.getBoolean(1), r.getBoolean(2),
                        r.getBoolean(3), r.getBoolean(4), r.getLong(5), r.getLong(6), pAlive,
                        r.isNullAt(8) ? null : r.getDouble(8)), plan.seed());
            }
            if (dropouts != null && r.getBoolean(4) && pAlive != null && validStatistics(r)) {
                DropoutDraws.add(dropouts, new DropoutDraws.Buyer(r.getString(0), r.getInt(9), r.getDouble(10),
                        r.getDouble(11), r.getLong(5)), plan.draws(), plan.seed());
            }
        }
        return new Sums(quarter, dropouts);
    }

    /** The BTYD contract the fit used (BtydStatistics.validPurchaseStatistics). */
    private static boolean validStatistics(Row r) {
        if (r.isNullAt(9) || r.isNullAt(10) || r.isNullAt(11)) return false;
        int x = r.getInt(9);
        double tx = r.getDouble(10), t = r.getDouble(11);
        return x >= 0 && tx >= 0 && tx <= t && t > 0 && (x > 0 || tx == 0);
    }

    /** The risk pass: customer_scores' revenue at risk per customer, resampled with the same weights. */
    static ReplicateSums risk(Dataset<Row> scores, Plan plan) {
        Column atRisk = col(ScoreColumns.CHURN_PROBABILITY).multiply(col(ScoreColumns.EXPECTED_REVENUE_12M)).cast("double");
        return scores.select(col(ScoreColumns.CUSTOMER_ID), atRisk).filter(atRisk.isNotNull()).javaRDD()
                .mapPartitions((FlatMapFunction<Iterator<Row>, ReplicateSums>) it -> List.of(RiskBootstrap.sums(
                        new Iterator<RiskBootstrap.Customer>() {
                            public boolean hasNext() {
                                return it.hasNext();
                            }

                            public RiskBootstrap.Customer next() {
                                Row r = it.next();
                                return new RiskBootstrap.Customer(r.getString(0), r.getDouble(1));
                            }
                        }, plan.replicates(), plan.seed())).iterator())
                .reduce(ReplicateSums::merge);
    }
}
