package io.churnlens.segment;

import org.apache.spark.sql.Column;

import java.io.Serializable;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;

/**
 * The space k-means works in: each input is log1p of max(value, 0) (nulls as 0, so long-tailed money and counts do
 * not dominate), then standardised to mean 0 and sample standard deviation 1 (an input with no spread becomes 0, as
 * MLlib's StandardScaler does). The mean and deviation come from the selection sample (every customer up to
 * segment.max-rows-for-k-selection), summed on the driver in customer_id order, so they do not depend on the
 * partitioning down to the last bit.
 *
 * <p>The coordinates are also Spark expressions, so the final assignment computes them inside the projection that
 * writes the table, with the same arithmetic as on the driver.
 */
public final class ClusterSpace implements Serializable {
    private final List<String> inputs;
    private final double[] means;
    private final double[] sds;

    private ClusterSpace(List<String> inputs, double[] means, double[] sds) {
        this.inputs = List.copyOf(inputs);
        this.means = means;
        this.sds = sds;
    }

    /** @param logged the sample's {@link #logged} values, one row per customer, one column per input */
    public static ClusterSpace fit(List<String> inputs, double[][] logged) {
        int d = inputs.size();
        double[] means = new double[d];
        double[] sds = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (double[] row : logged) sum += row[j];
            means[j] = sum / logged.length;
            double squares = 0;
            for (double[] row : logged) squares += (row[j] - means[j]) * (row[j] - means[j]);
            sds[j] = logged.length > 1 ? Math.sqrt(squares / (logged.length - 1)) : 0;
        }
        return new ClusterSpace(inputs, means, sds);
    }

    public int dimensions() {
        return inputs.size();
    }

    /** The standardised points of the logged values (the driver-side twin of {@link #coordinate}). */
    public double[][] standardise(double[][] logged) {
        double[][] points = new double[logged.length][dimensions()];
        for (int p = 0; p < logged.length; p++) {
            for (int j = 0; j < dimensions(); j++) {
                points[p][j] = sds[j] > 0 ? (logged[p][j] - means[j]) / sds[j] : 0.0;
            }
        }
        return points;
    }

    /** The standardised coordinate of input i. */
    public Column coordinate(int i) {
        return sds[i] > 0 ? logged(inputs.get(i)).minus(lit(means[i])).divide(lit(sds[i])) : lit(0.0);
    }

    /** log1p of max(value, 0), null as 0: computed by Spark on both sides so the two agree exactly. */
    public static Column logged(String input) {
        return log1p(greatest(coalesce(col(input).cast("double"), lit(0.0)), lit(0.0)));
    }
}
