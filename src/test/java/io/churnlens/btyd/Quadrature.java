package io.churnlens.btyd;

import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.special.Gamma;

/**
 * Independent numerical integration for the tests: adaptive Gauss-Legendre (20 points, nodes and weights computed
 * here by Newton's method on the Legendre recurrence, so nothing is shared with the production Gauss-Kronrod rule),
 * a panel accepted when its two halves agree with it to a relative tolerance; plus expectations over Gamma and Beta
 * latent variables through substitutions that remove their endpoint singularities (x^(shape-1) becomes a constant
 * Jacobian). Nothing here uses a model's closed form.
 */
public final class Quadrature {
    private static final int NODES = 20;
    private static final double[] X = new double[NODES];
    private static final double[] W = new double[NODES];
    static final double RELATIVE_TOLERANCE = 1e-11;

    static {
        for (int i = 0; i < NODES; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (NODES + 0.5));
            double derivative;
            double step;
            do {
                double[] p = legendre(x);
                derivative = NODES * (x * p[0] - p[1]) / (x * x - 1);
                step = p[0] / derivative;
                x -= step;
            } while (Math.abs(step) > 1e-16);
            derivative = NODES * (x * legendre(x)[0] - legendre(x)[1]) / (x * x - 1);
            X[i] = x;
            W[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
    }

    private Quadrature() {}

    /** {P_n(x), P_(n-1)(x)} for n = NODES by the three-term recurrence. */
    private static double[] legendre(double x) {
        double previous = 1, current = x;
        for (int k = 2; k <= NODES; k++) {
            double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
            previous = current;
            current = next;
        }
        return new double[] {current, previous};
    }

    public static double integrate(DoubleUnaryOperator f, double a, double b) {
        int pieces = 32;
        double h = (b - a) / pieces;
        double[] panels = new double[pieces];
        double coarse = 0;
        for (int i = 0; i < pieces; i++) {
            panels[i] = legendre(f, a + i * h, a + (i + 1) * h);
            coarse += panels[i];
        }
        double tol = RELATIVE_TOLERANCE * Math.abs(coarse) / pieces;
        double sum = 0;
        for (int i = 0; i < pieces; i++) sum += adapt(f, a + i * h, a + (i + 1) * h, panels[i], tol, 0);
        return sum;
    }

    private static double adapt(DoubleUnaryOperator f, double a, double b, double whole, double tol, int depth) {
        double m = 0.5 * (a + b);
        double left = legendre(f, a, m), right = legendre(f, m, b);
        if (Math.abs(left + right - whole) <= tol || depth > 40) return left + right;
        return adapt(f, a, m, left, tol / 2, depth + 1) + adapt(f, m, b, right, tol / 2, depth + 1);
    }

    private static double legendre(DoubleUnaryOperator f, double a, double b) {
        double c = 0.5 * (a + b), h = 0.5 * (b - a);
        double sum = 0;
        for (int i = 0; i < NODES; i++) sum += W[i] * f.applyAsDouble(c + h * X[i]);
        return sum * h;
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
