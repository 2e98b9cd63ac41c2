package io.churnlens.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * ROC / precision-recall points and lift by decile of a churn probability against the 0/1 label, bounded in size
 * for a chart: customers ranked by descending score, a tie group flagged as one step (so the ROC curve through the
 * points has the area {@link BinaryMetrics} reports, ties counting one half), one point at the end of each
 * percentile of customers (at most 100 + the origin). Deciles are tenths of the customers; a tie group across a
 * decile boundary is shared in proportion, as {@link BinaryMetrics}' top decile is (decile 1's lift and capture
 * are its {@code top_decile_lift} and {@code top_decile_capture}).
 *
 * <p>On Spark: one row per distinct score with cumulative counts (one ordered window, as in BinaryMetrics), of
 * which only the rows a point or a decile boundary needs (at most 110) reach the driver.
 */
public record CurvePoints(long customers, long churners, List<Point> points, List<Decile> deciles) {
    static final int PERCENTILES = 100;
    static final int DECILES = 10;

    /** The customers with score ≥ threshold flagged; threshold null at the origin. */
    public record Point(int point, Double threshold, long flagged, long truePositives, long falsePositives,
                        double flaggedShare, Double truePositiveRate, Double falsePositiveRate, Double precision) {}

    /** Decile 1 = the highest scores. */
    public record Decile(int decile, double customers, double churners, Double churnRate, Double lift,
                         Double cumulativeCapture) {}

    /** One distinct score (descending order) with its counts and the cumulative counts up to and including it. */
    record Group(double score, long customers, long churners, long cumulativeCustomers, long cumulativeChurners) {}

    /** Points and deciles of {@code scoreColumn} (double) against {@code labelColumn} (0/1) over every row. */
    public static CurvePoints of(Dataset<Row> scored, String scoreColumn, String labelColumn) {
        Dataset<Row> byScore = scored
                .select(col(scoreColumn).cast(DataTypes.DoubleType).as("s"), col(labelColumn).cast(DataTypes.LongType).as("y"))
                .groupBy("s").agg(count(lit(1)).as("n"), sum("y").as("pos"));
        Row totals = byScore.agg(sum("n"), sum("pos")).first();
        if (totals.isNullAt(0)) return new CurvePoints(0, 0, List.of(), List.of());
        long n = totals.getLong(0);
        WindowSpec running = Window.orderBy(col("s").desc()).rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Dataset<Row> cumulative = byScore
                .withColumn("cum_n", sum("n").over(running))
                .withColumn("cum_pos", sum("pos").over(running))
                .withColumn("next_cum_n", lead("cum_n", 1).over(Window.orderBy(col("s").desc())));
        Column lastOfPercentile = col("next_cum_n").isNull().or(percentile("next_cum_n", n).notEqual(percentile("cum_n", n)));
        Column crossesDecile = expr("(cum_n * " + DECILES + ") div " + n).gt(expr("((cum_n - n) * " + DECILES + ") div " + n));
        List<Group> groups = new ArrayList<>();
        for (Row r : cumulative.where(lastOfPercentile.or(crossesDecile)).orderBy(col("s").desc())
                .select("s", "n", "pos", "cum_n", "cum_pos").collectAsList()) {
            groups.add(new Group(r.getDouble(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
        }
        return fromGroups(groups, n, totals.getLong(1));
    }

    /** ceil(cumulative × 100 / n): the percentile of customers a cumulative count ends in. */
    private static Column percentile(String cumulative, long n) {
        return expr("(" + cumulative + " * " + PERCENTILES + " + " + (n - 1) + ") div " + n);
    }

    private static long percentile(long cumulative, long n) {
        return (cumulative * PERCENTILES + n - 1) / n;
    }

    /**
     * From groups in descending score order whose cumulative counts run over all groups; any group neither a
     * point nor a decile boundary needs may be left out.
     */
    static CurvePoints fromGroups(List<Group> groups, long n, long p) {
        List<Point> points = new ArrayList<>();
        points.add(point(0, null, 0, 0, n, p));
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            boolean last = i == groups.size() - 1
                    || percentile(groups.get(i + 1).cumulativeCustomers(), n) != percentile(g.cumulativeCustomers(), n);
            if (last) points.add(point(points.size(), g.score(), g.cumulativeCustomers(), g.cumulativeChurners(), n, p));
        }
        List<Decile> deciles = new ArrayList<>();
        double before = 0;
        for (int d = 1; d <= DECILES && n > 0; d++) {
            double upTo = churnersInTop(groups, d, n);
            double size = (double) n / DECILES;
            double churners = upTo - before;
            Double rate = churners / size;
            deciles.add(new Decile(d, size, churners, rate, p == 0 ? null : rate / ((double) p / n),
                    p == 0 ? null : upTo / p));
            before = upTo;
        }
        return new CurvePoints(n, p, List.copyOf(points), List.copyOf(deciles));
    }

    private static Point point(int index, Double threshold, long flagged, long tp, long n, long p) {
        long fp = flagged - tp;
        return new Point(index, threshold, flagged, tp, fp, (double) flagged / n,
                p == 0 ? null : (double) tp / p, n - p == 0 ? null : (double) fp / (n - p),
                flagged == 0 ? null : (double) tp / flagged);
    }

    /** Expected churners among the d·n/10 highest scores: the group across that boundary shared in proportion. */
    private static double churnersInTop(List<Group> groups, int d, long n) {
        for (Group g : groups) {
            if (g.cumulativeCustomers() * DECILES >= (long) d * n) {
                long before = g.cumulativeCustomers() - g.customers();
                double inside = ((double) d * n - (double) before * DECILES) / DECILES;
                return (g.cumulativeChurners() - g.churners()) + inside * g.churners() / g.customers();
            }
        }
        throw new IllegalStateException("the groups end before decile " + d);
    }
}
