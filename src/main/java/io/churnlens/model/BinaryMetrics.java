package io.churnlens.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;

/**
 * Metrics of a churn probability against the 0/1 label, computed on Spark from one row per distinct score (so
 * ties are handled exactly and no customer is collected):
 * <ul>
 *   <li><b>ROC AUC</b>: the Mann-Whitney probability that a random churner scores above a random non-churner,
 *       ties counting one half;</li>
 *   <li><b>PR AUC</b>: average precision, Σ over distinct scores (descending) of Δrecall × precision at that score,
 *       a tie group entering as one step;</li>
 *   <li><b>top decile</b>: the 10% highest scores (0.1 × n customers, a tie group at the boundary shared
 *       proportionally, i.e. the expectation under a random tie break): churners captured / all churners, and
 *       lift = churn rate in the decile / overall churn rate;</li>
 *   <li><b>calibration</b>: ten equal-count bins by ascending score (a tie group stays in the bin of its first
 *       member), mean prediction vs observed churn rate; the calibration error is the mean absolute gap over the
 *       non-empty bins;</li>
 *   <li><b>Brier score</b> and <b>log loss</b> (probabilities clipped to [1e-15, 1 - 1e-15]).</li>
 * </ul>
 * Brier, log loss and calibration assume the score is a probability. The per-score table is ordered in one
 * partition (a window without partitioning): one row per distinct score, which is fine for millions of rows.
 * {@link #of(LocalScores)} computes the same sums from scores held on the driver (see {@link LocalScores}).
 */
public record BinaryMetrics(long customers, long churners, double rocAuc, double prAuc, double brier, double logLoss,
                            double topDecileCapture, double topDecileLift, List<CalibrationBin> calibration) {

    /** One calibration decile: 1 = lowest predictions. */
    public record CalibrationBin(int decile, long customers, double predictedMean, double observedRate) {}

    private static final double EPS = 1e-15;

    public double churnRate() {
        return customers == 0 ? Double.NaN : (double) churners / customers;
    }

    /** Mean |predicted mean − observed rate| over the non-empty deciles. */
    public double calibrationError() {
        return calibration.stream().mapToDouble(b -> Math.abs(b.predictedMean() - b.observedRate())).average().orElse(Double.NaN);
    }

    /** Metrics of {@code scoreColumn} (double) against {@code labelColumn} (0/1) over every row of {@code scored}. */
    public static BinaryMetrics of(Dataset<Row> scored, String scoreColumn, String labelColumn) {
        Dataset<Row> byScore = scored
                .select(col(scoreColumn).cast(DataTypes.DoubleType).as("s"), col(labelColumn).cast(DataTypes.LongType).as("y"))
                .groupBy("s").agg(count(lit(1)).as("n"), sum("y").as("pos"));
        Row totals = byScore.agg(sum("n"), sum("pos")).first();
        if (totals.isNullAt(0)) {
            return new BinaryMetrics(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
        }
        long n = totals.getLong(0);
        long p = totals.getLong(1);
        List<Row> bins = terms(byScore, n, p).groupBy("decile").agg(sum("n"), sum("pos"), sum("auc_pairs"), sum("ap_term"),
                sum("top_churners"), sum("sq_error"), sum("log_lik"), sum("score_sum")).collectAsList();
        return fromDeciles(bins, n, p);
    }

    /** The same metrics from scores and labels on the driver: one pass over the scores sorted descending. */
    static BinaryMetrics of(LocalScores scored) {
        int n = scored.size();
        if (n == 0) {
            return new BinaryMetrics(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
        }
        double[] s = scored.scores();
        int[] y = scored.labels();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        long p = java.util.Arrays.stream(y).filter(v -> v == 1).count();
        return fromDeciles(LocalTerms.sum(s, y, order, p), n, p);
    }

    /** Per distinct score: its decile and its share of every metric's sum ({@code n} rows, {@code p} churners in all). */
    private static Dataset<Row> terms(Dataset<Row> byScore, long n, long p) {
        long neg = n - p;
        double k = 0.1 * n;
        WindowSpec descending = Window.orderBy(col("s").desc()).rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        WindowSpec ascending = Window.orderBy(col("s").asc()).rowsBetween(Window.unboundedPreceding(), -1);
        Column negHere = col("n").minus(col("pos"));
        Column s = col("s");
        Column clipped = least(greatest(s, lit(EPS)), lit(1 - EPS));
        return byScore
                .withColumn("cum_n", sum("n").over(descending))
                .withColumn("cum_pos", sum("pos").over(descending))
                .withColumn("cum_neg", col("cum_n").minus(col("cum_pos")))
                .withColumn("below_n", org.apache.spark.sql.functions.coalesce(sum("n").over(ascending), lit(0L)))
                .withColumn("decile", least(floor(col("below_n").multiply(10.0).divide((double) n)).plus(1), lit(10)).cast(DataTypes.IntegerType))
                .select(col("decile"), col("n"), col("pos"),
                        // pairs (churner here, non-churner strictly below) + half the tied pairs
                        col("pos").multiply(lit((double) neg).minus(col("cum_neg")).plus(negHere.multiply(0.5))).as("auc_pairs"),
                        col("pos").multiply(col("cum_pos")).divide(col("cum_n")).as("ap_term"),
                        // customers of this score group inside the top 0.1 n, times the group's churn share
                        greatest(lit(0.0), least(col("n"), lit(k).minus(col("cum_n").minus(col("n")))))
                                .multiply(col("pos")).divide(col("n")).as("top_churners"),
                        col("pos").multiply(lit(1.0).minus(s)).multiply(lit(1.0).minus(s))
                                .plus(negHere.multiply(s).multiply(s)).as("sq_error"),
                        col("pos").multiply(log(clipped)).plus(negHere.multiply(log(lit(1.0).minus(clipped)))).as("log_lik"),
                        col("n").multiply(s).as("score_sum"));
    }

    /** The metrics from the per-decile sums (decile, n, pos, auc_pairs, ap_term, top_churners, sq_error, log_lik, score_sum). */
    private static BinaryMetrics fromDeciles(List<Row> bins, long n, long p) {
        long neg = n - p;
        double k = 0.1 * n;
        double aucPairs = 0, ap = 0, top = 0, sq = 0, ll = 0;
        List<CalibrationBin> calibration = new ArrayList<>();
        for (Row b : bins) {
            long bn = b.getLong(1);
            aucPairs += b.getDouble(3);
            ap += b.getDouble(4);
            top += b.getDouble(5);
            sq += b.getDouble(6);
            ll += b.getDouble(7);
            calibration.add(new CalibrationBin(b.getInt(0), bn, b.getDouble(8) / bn, (double) b.getLong(2) / bn));
        }
        calibration.sort(Comparator.comparingInt(CalibrationBin::decile));
        double auc = p == 0 || neg == 0 ? Double.NaN : aucPairs / ((double) p * neg);
        double prAuc = p == 0 ? Double.NaN : ap / p;
        double capture = p == 0 ? Double.NaN : top / p;
        double lift = p == 0 ? Double.NaN : (top / k) / ((double) p / n);
        return new BinaryMetrics(n, p, auc, prAuc, sq / n, -ll / n, capture, lift, List.copyOf(calibration));
    }
}
