package io.churnlens.model;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;

import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;

/**
 * Platt scaling: P(churn) = 1 / (1 + exp(−(intercept + slope × raw score))), fitted by unweighted maximum likelihood
 * on the validation split. Unweighted on purpose: the class weights of training shift the raw scores, and this fit
 * puts the probabilities back on the observed churn rate. Monotone, so it never changes a ranking (ROC AUC).
 * {@link #fit(LocalScores)} reaches the same maximum by Newton's method on scores held on the driver.
 */
public record PlattCalibration(double intercept, double slope) implements Serializable {

    public static PlattCalibration fit(Dataset<Row> validation, String rawScore, String label) {
        Dataset<Row> data = new VectorAssembler().setInputCols(new String[]{rawScore}).setOutputCol("_platt_x")
                .transform(validation.select(rawScore, label))
                .withColumn("_platt_y", org.apache.spark.sql.functions.col(label).cast("double"));
        LogisticRegressionModel lr = new LogisticRegression().setFeaturesCol("_platt_x").setLabelCol("_platt_y")
                .setRegParam(0.0).setStandardization(false).setMaxIter(100).fit(data);
        return new PlattCalibration(lr.intercept(), lr.coefficients().apply(0));
    }

    /**
     * Newton's method on the log-likelihood (two parameters, one pass a step), halving a step that does not improve it.
     * When the score separates the classes perfectly the maximum is at an infinite slope, so the fit takes Platt's own
     * remedy instead of running to its step limit: targets (N₊+1)/(N₊+2) and 1/(N₋+2) in place of 1 and 0, and says so.
     */
    static PlattCalibration fit(LocalScores validation) {
        double[] x = validation.scores();
        int[] y = validation.labels();
        double[] t = targets(x, y);
        double positives = java.util.Arrays.stream(y).sum();
        double rate = Math.min(Math.max(positives / Math.max(y.length, 1), 1e-6), 1 - 1e-6);
        double[] ab = {Math.log(rate / (1 - rate)), 0.0};
        double ll = logLikelihood(x, t, ab[0], ab[1]);
        for (int iteration = 0; iteration < MAX_NEWTON_STEPS; iteration++) {
            double[] step = newtonStep(x, t, ab[0], ab[1]);
            if (step == null) break;
            double scale = 1.0;
            double next = logLikelihood(x, t, ab[0] + step[0], ab[1] + step[1]);
            while (next < ll && scale > 1e-6) {
                scale /= 2;
                next = logLikelihood(x, t, ab[0] + scale * step[0], ab[1] + scale * step[1]);
            }
            if (next < ll) break;
            ab[0] += scale * step[0];
            ab[1] += scale * step[1];
            boolean converged = next - ll <= 1e-12 * (1 + Math.abs(ll));
            ll = next;
            if (converged) break;
        }
        return new PlattCalibration(ab[0], ab[1]);
    }

    private static final int MAX_NEWTON_STEPS = 100;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlattCalibration.class);

    /** The labels as targets: 0/1, or Platt's smoothed targets when the score separates the classes. */
    static double[] targets(double[] x, int[] y) {
        double minPos = Double.POSITIVE_INFINITY, maxPos = Double.NEGATIVE_INFINITY;
        double minNeg = Double.POSITIVE_INFINITY, maxNeg = Double.NEGATIVE_INFINITY;
        int positives = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] == 1) { positives++; minPos = Math.min(minPos, x[i]); maxPos = Math.max(maxPos, x[i]); }
            else { minNeg = Math.min(minNeg, x[i]); maxNeg = Math.max(maxNeg, x[i]); }
        }
        int negatives = x.length - positives;
        boolean separated = positives > 0 && negatives > 0 && (maxNeg < minPos || maxPos < minNeg);
        double hi = separated ? (positives + 1.0) / (positives + 2.0) : 1.0;
        double lo = separated ? 1.0 / (negatives + 2.0) : 0.0;
        if (separated) {
            LOG.warn("Platt calibration: the score separates the {} churned from the {} retained validation customers "
                    + "perfectly, so the 0/1 fit has no finite maximum; fitted to Platt's targets {} and {} instead",
                    positives, negatives, hi, lo);
        }
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) t[i] = y[i] == 1 ? hi : lo;
        return t;
    }

    /** The Newton step (H⁻¹ g) for (intercept, slope); null when the Hessian is singular (e.g. a constant score). */
    private static double[] newtonStep(double[] x, double[] t, double a, double b) {
        double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
        for (int i = 0; i < x.length; i++) {
            double p = 1 / (1 + Math.exp(-(a + b * x[i])));
            double w = p * (1 - p);
            ga += t[i] - p;
            gb += (t[i] - p) * x[i];
            haa += w;
            hab += w * x[i];
            hbb += w * x[i] * x[i];
        }
        double det = haa * hbb - hab * hab;
        if (!(Math.abs(det) > 1e-300) || !Double.isFinite(det)) return null;
        return new double[]{(hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det};
    }

    private static double logLikelihood(double[] x, double[] t, double a, double b) {
        double ll = 0;
        for (int i = 0; i < x.length; i++) {
            double z = a + b * x[i];
            // log σ(z) = −log(1 + e^(−z)), log(1 − σ(z)) = −log(1 + e^z), both without overflow
            ll -= t[i] * softplus(-z) + (1 - t[i]) * softplus(z);
        }
        return ll;
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** {@link #probability(Column)} on the driver. */
    double probability(double rawScore) {
        return 1.0 / (1.0 + Math.exp(rawScore * -slope - intercept));
    }

    public Column probability(Column rawScore) {
        return lit(1.0).divide(lit(1.0).plus(exp(rawScore.multiply(-slope).minus(intercept))));
    }
}
