package io.churnlens.btyd.fit;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences in log-parameter space, where a fixed step is a fixed relative change of the
 * parameter. Steps: 1e-5 for the gradient, 1e-3 for the Hessian (truncation error ~1e-6 relative, rounding error
 * ~1e-16 |LL| / 1e-6, small against curvatures that grow like the number of customers).
 */
final class NumericalDerivatives {
    private static final double GRADIENT_STEP = 1e-5;
    private static final double HESSIAN_STEP = 1e-3;

    private NumericalDerivatives() {}

    static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        double[] p = x.clone();
        for (int i = 0; i < x.length; i++) {
            p[i] = x[i] + GRADIENT_STEP;
            double up = f.applyAsDouble(p);
            p[i] = x[i] - GRADIENT_STEP;
            double down = f.applyAsDouble(p);
            p[i] = x[i];
            g[i] = (up - down) / (2 * GRADIENT_STEP);
        }
        return g;
    }

    static double[][] hessian(ToDoubleFunction<double[]> f, double[] x) {
        int n = x.length;
        double h = HESSIAN_STEP;
        double[][] hess = new double[n][n];
        double f0 = f.applyAsDouble(x);
        double[] p = x.clone();
        for (int i = 0; i < n; i++) {
            p[i] = x[i] + h;
            double up = f.applyAsDouble(p);
            p[i] = x[i] - h;
            double down = f.applyAsDouble(p);
            p[i] = x[i];
            hess[i][i] = (up - 2 * f0 + down) / (h * h);
            for (int j = 0; j < i; j++) {
                p[i] = x[i] + h; p[j] = x[j] + h;
                double pp = f.applyAsDouble(p);
                p[j] = x[j] - h;
                double pm = f.applyAsDouble(p);
                p[i] = x[i] - h;
                double mm = f.applyAsDouble(p);
                p[j] = x[j] + h;
                double mp = f.applyAsDouble(p);
                p[i] = x[i]; p[j] = x[j];
                hess[i][j] = hess[j][i] = (pp - pm - mp + mm) / (4 * h * h);
            }
        }
        return hess;
    }
}
