package io.churnlens.btyd;

import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.special.Gamma;

/**
 * Independent numerical integration for the tests: adaptive Gauss-Kronrod (7/15 points, QUADPACK constants) with a
 * relative tolerance, plus expectations over Gamma and Beta latent variables through substitutions that remove their
 * endpoint singularities (x^(shape-1) becomes a constant Jacobian). Nothing here uses a model's closed form.
 */
public final class Quadrature {
    private static final double[] XGK = {
            0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
            0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
            0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
            0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {
            0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
            0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
            0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
            0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
            0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
            0.381830050505118944950369775488975, 0.417959183673469387755102040816327};
    static final double RELATIVE_TOLERANCE = 1e-11;

    private Quadrature() {}

    public static double integrate(DoubleUnaryOperator f, double a, double b) {
        int pieces = 32;
        double coarse = 0;
        double h = (b - a) / pieces;
        for (int i = 0; i < pieces; i++) coarse += kronrod(f, a + i * h, a + (i + 1) * h)[0];
        double tol = RELATIVE_TOLERANCE * Math.abs(coarse) / pieces;
        double sum = 0;
        for (int i = 0; i < pieces; i++) sum += adapt(f, a + i * h, a + (i + 1) * h, tol, 0);
        return sum;
    }

    private static double adapt(DoubleUnaryOperator f, double a, double b, double tol, int depth) {
        double[] r = kronrod(f, a, b);
        if (Math.abs(r[0] - r[1]) <= tol || depth > 40) return r[0];
        double m = 0.5 * (a + b);
        return adapt(f, a, m, tol / 2, depth + 1) + adapt(f, m, b, tol / 2, depth + 1);
    }

    /** {Kronrod 15-point estimate, Gauss 7-point estimate}. */
    private static double[] kronrod(DoubleUnaryOperator f, double a, double b) {
        double c = 0.5 * (a + b), h = 0.5 * (b - a);
        double fc = f.applyAsDouble(c);
        double k = WGK[7] * fc, g = WG[3] * fc;
        for (int j = 0; j < 7; j++) {
            double dx = h * XGK[j];
            double s = f.applyAsDouble(c - dx) + f.applyAsDouble(c + dx);
            k += WGK[j] * s;
            if (j % 2 == 1) g += WG[j / 2] * s;
        }
        return new double[] {k * h, g * h};
    }

    /**
     * E[h(L)] for L ~ Gamma(shape, rate), via y = rate L = w^(1/shape): the density becomes e^-y dw / Gamma(shape+1).
     * Integrates up to L = upper, which the caller chooses beyond the mass of h times the density.
     */
    static double gammaExpectation(DoubleUnaryOperator h, double shape, double rate, double upper) {
        double wMax = Math.pow(rate * upper, shape);
        double integral = integrate(w -> {
            double y = Math.pow(w, 1 / shape);
            return h.applyAsDouble(y / rate) * Math.exp(-y);
        }, 0, wMax);
        return integral / Math.exp(Gamma.logGamma(shape + 1));
    }

    /** E[h(P)] for P ~ Beta(a, b), split at 1/2 with p = u^(1/a) below and 1-p = v^(1/b) above. */
    static double betaExpectation(DoubleUnaryOperator h, double a, double b) {
        double lower = integrate(u -> {
            double p = Math.pow(u, 1 / a);
            return h.applyAsDouble(p) * Math.pow(1 - p, b - 1) / a;
        }, 0, Math.pow(0.5, a));
        double upper = integrate(v -> {
            double q = Math.pow(v, 1 / b);
            return h.applyAsDouble(1 - q) * Math.pow(1 - q, a - 1) / b;
        }, 0, Math.pow(0.5, b));
        return (lower + upper) / Math.exp(org.apache.commons.math3.special.Beta.logBeta(a, b));
    }

    /** An upper limit for L in E[L^k e^{-cL}] under Gamma(shape, rate): far beyond the mode of the integrand. */
    static double gammaUpper(double shape, double rate, double k, double c) {
        double n = shape + k;
        return (n + 60 + 15 * Math.sqrt(n)) / (rate + c);
    }
}
