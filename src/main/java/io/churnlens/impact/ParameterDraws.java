package io.churnlens.impact;

import io.churnlens.btyd.BgNbdModel;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A parametric bootstrap of the BG/NBD parameters: draws from the normal approximation of the fit, N(theta-hat,
 * inverse observed information), in the fit's own parametrisation, the logs of (r, alpha, a, b) (BgNbdFitter
 * optimises there). Every draw is therefore a valid parameter set: none is rejected or clipped.
 *
 * <p>The observed information is recomputed here, at the published estimate, as minus the numerical Hessian (central
 * differences) of the log-likelihood over the same compressed statistics the fit used; the standard errors it gives
 * agree with clv_params' (a test checks it). Without a positive-definite information there is no covariance.
 */
public final class ParameterDraws {
    /** Step of the central differences in log-parameters. */
    static final double STEP = 1e-3;

    private ParameterDraws() {}

    /** The log-parameters' covariance at {@code model}, or null when the information is not positive definite. */
    public static double[][] covariance(BgNbdModel model, ToDoubleFunction<BgNbdModel> logLikelihood) {
        double[] p = logs(model);
        ToDoubleFunction<double[]> ll = lp -> logLikelihood.applyAsDouble(model(lp));
        int n = p.length;
        double[][] info = new double[n][n];
        double centre = ll.applyAsDouble(p);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double h = i == j ? secondDerivative(ll, p, i, centre) : mixedDerivative(ll, p, i, j);
                info[i][j] = -h;
                info[j][i] = -h;
            }
        }
        try {
            RealMatrix m = new Array2DRowRealMatrix(info);
            new CholeskyDecomposition(m); // throws unless symmetric positive definite
            double[][] cov = new LUDecomposition(m).getSolver().getInverse().getData();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) cov[i][j] = cov[j][i] = (cov[i][j] + cov[j][i]) / 2; // rounding asymmetry
            }
            return cov;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code count} draws, each exp(log theta-hat + L z) with L L' = covariance and z standard normal from the seed. */
    public static List<BgNbdModel> draw(BgNbdModel model, double[][] covariance, int count, long seed) {
        RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(covariance)).getL();
        double[] centre = logs(model);
        List<BgNbdModel> out = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            double[] z = new double[centre.length];
            for (int k = 0; k < z.length; k++) z[k] = BootstrapDraws.normal(seed, (long) d * centre.length + k);
            double[] lp = l.operate(z);
            for (int k = 0; k < lp.length; k++) lp[k] += centre[k];
            out.add(model(lp));
        }
        return out;
    }

    /** Standard errors of (r, alpha, a, b) by the delta method, as clv_params reports them. */
    public static double[] standardErrors(BgNbdModel model, double[][] covariance) {
        double[] v = {model.r(), model.alpha(), model.a(), model.b()};
        double[] se = new double[v.length];
        for (int i = 0; i < v.length; i++) se[i] = v[i] * Math.sqrt(covariance[i][i]);
        return se;
    }

    private static double secondDerivative(ToDoubleFunction<double[]> ll, double[] p, int i, double centre) {
        return (ll.applyAsDouble(shift(p, i, STEP, i, 0)) - 2 * centre + ll.applyAsDouble(shift(p, i, -STEP, i, 0)))
                / (STEP * STEP);
    }

    private static double mixedDerivative(ToDoubleFunction<double[]> ll, double[] p, int i, int j) {
        return (ll.applyAsDouble(shift(p, i, STEP, j, STEP)) - ll.applyAsDouble(shift(p, i, STEP, j, -STEP))
                - ll.applyAsDouble(shift(p, i, -STEP, j, STEP)) + ll.applyAsDouble(shift(p, i, -STEP, j, -STEP)))
                / (4 * STEP * STEP);
    }

    private static double[] shift(double[] p, int i, double di, int j, double dj) {
        double[] q = p.clone();
        q[i] += di;
        q[j] += dj;
        return q;
    }

    static double[] logs(BgNbdModel m) {
        return new double[] {Math.log(m.r()), Math.log(m.alpha()), Math.log(m.a()), Math.log(m.b())};
    }

    static BgNbdModel model(double[] lp) {
        return new BgNbdModel(Math.exp(lp[0]), Math.exp(lp[1]), Math.exp(lp[2]), Math.exp(lp[3]));
    }
}
