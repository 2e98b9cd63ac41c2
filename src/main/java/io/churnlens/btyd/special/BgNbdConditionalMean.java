package io.churnlens.btyd.special;

import org.apache.commons.math3.special.Beta;

/**
 * BG/NBD's expected purchases over a horizon t for a customer still alive at T, as an integral with bounded cost:
 * {@code E[Y(t) | alive] = E[(1 - (1 + P tau)^-n) / P]} for {@code P ~ Beta(a, beta)}, {@code n = r+x},
 * {@code beta = b+x}, {@code tau = t/(alpha+T)} (the purchase rate integrated out: given p, a customer alive at T
 * expects {@code (1 - e^{-lambda p t}) / p} purchases). This is Euler's integral of FHL (2005) eq. 10's
 * {@code c (1 - (1-z)^n 2F1(n, beta; c; z)) / (a-1)}, {@code c = a+beta-1}, {@code z = tau/(1+tau)}: the same
 * number without the 0/0 at a = 1, without cancellation when c is large, and at a cost that does not grow as
 * z tends to 1 (the power series needs about {@code n z/(1-z)} terms).
 *
 * <p>With {@code p = e^-y} the integrand is {@code psi(e^-y) e^{-a y} (1 - e^-y)^(beta-1)}. Its log is concave
 * when beta >= 1 (log psi(e^-y) is concave in y: psi is a mixture, over s, of terms log-concave jointly in (y, s)),
 * so {@link LogConcaveQuadrature} takes it whole. For beta < 1 (x = 0 only) the factor {@code (1-p)^(beta-1)} is
 * infinite at p = 1: the integral is split at p = 1/2, the lower half in y (the factor is then bounded by
 * {@code 2^(1-beta)}), the upper half in w with {@code 1-p = e^-w / 2}, which turns {@code (1-p)^(beta-1) dp} into
 * {@code 2^-beta e^{-beta w} dw}. Each part is integrated to 1e-13 or the integrand's rounding level, or the
 * quadrature throws naming the arguments: never a truncated number or NaN.
 */
public final class BgNbdConditionalMean {
    private static final int BISECTIONS = 200;
    private static final double LN2 = Math.log(2);

    private BgNbdConditionalMean() {}

    /** E[Y(t) | alive] for n = r+x > 0, beta = b+x > 0, a > 0 and tau = t/(alpha+T) >= 0 (all finite). */
    public static double ifAlive(double n, double beta, double a, double tau) {
        if (!(n > 0 && beta > 0 && a > 0 && tau >= 0) || !Double.isFinite(n + beta + a + tau)) {
            throw new IllegalArgumentException("BG/NBD conditional expectation needs finite n, beta, a > 0 and "
                    + "tau >= 0; got n=" + n + " beta=" + beta + " a=" + a + " tau=" + tau);
        }
        if (tau == 0) return 0;
        Psi psi = new Psi(n, Math.log(tau));
        try {
            double log = beta >= 1 ? integral(new Lower(psi, a, beta, 0))
                    : LogSpace.logSumExp(integral(new Lower(psi, a, beta, LN2)), integral(new Upper(psi, a, beta)));
            return Math.exp(log - Beta.logBeta(a, beta));
        } catch (ArithmeticException e) {
            throw new ArithmeticException("BG/NBD expected purchases (n=" + n + " beta=" + beta + " a=" + a
                    + " tau=" + tau + "): " + e.getMessage());
        }
    }

    private static double integral(Part part) {
        double peak = peak(part);
        part.peakValue = part.value(peak);
        return LogConcaveQuadrature.logIntegral(part, peak, part.breaks());
    }

    /**
     * log(1 - e^-y) to full relative precision: log1p for large y, where 1 - e^-y rounds to within 1e-16 of 1 and
     * times a huge beta that rounding would be a jagged integrand (Maechler 2012).
     */
    private static double log1mExp(double y) {
        return y < LN2 ? Math.log(-Math.expm1(-y)) : Math.log1p(-Math.exp(-y));
    }

    /** The maximiser of a unimodal log-integrand on [0, inf), by bisection on its slope. */
    private static double peak(Part part) {
        if (!(part.slope(0) > 0)) return 0;
        double lo = 0, hi = 1;
        while (part.slope(hi) > 0 && hi < 1e300) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < BISECTIONS && hi - lo > 1e-15 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (part.slope(mid) > 0) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** log psi(e^-y) and its slope in y; psi(p) = (1 - (1+p tau)^-n) / p, from n tau (p = 0) down to about 1/p. */
    private record Psi(double n, double logTau) {
        /** log tau + log((1 - (1+w)^-n) / w), w = tau e^-y; the series for small n w. */
        double log(double y) {
            double logW = logTau - y, w = Math.exp(logW);
            if ((n + 1) * w < 1e-9) return logTau + Math.log(n) - (n + 1) * w / 2;
            return logTau + Math.log(-Math.expm1(-n * Math.log1p(w))) - logW;
        }

        /** 1 - n w / ((1+w)((1+w)^n - 1)): from 0 (w -> 0) to 1 (w -> inf), decreasing in y (concavity). */
        double slope(double y) {
            double w = Math.exp(logTau - y);
            if ((n + 1) * w < 1e-9) return (n + 1) * w / 2;
            return 1 - n * w / ((1 + w) * Math.expm1(n * Math.log1p(w)));
        }
    }

    /** One part of the integral as a log-integrand on [0, inf), scaled by its value at the peak. */
    private abstract static class Part implements LogConcaveQuadrature.Integrand {
        double peakValue;

        double[] breaks() {
            return new double[0];
        }

        @Override
        public double belowPeak(double u) {
            return value(u) - peakValue;
        }
    }

    /** p = e^-(y0+u): the whole integral for beta >= 1 (y0 = 0), its part p <= 1/2 for beta < 1 (y0 = ln 2). */
    private static final class Lower extends Part {
        private final Psi psi;
        private final double a, beta, y0;

        Lower(Psi psi, double a, double beta, double y0) {
            this.psi = psi;
            this.a = a;
            this.beta = beta;
            this.y0 = y0;
        }

        @Override
        double[] breaks() {
            // Where psi bends (w = 1) and where the Beta factor lets go (p near 1/beta): split there first.
            return new double[] {psi.logTau() - y0, Math.log1p(beta) - y0};
        }

        @Override
        public double value(double u) {
            double y = y0 + u;
            double weight = beta == 1 ? 0 : (beta - 1) * log1mExp(y);
            return psi.log(y) - a * y + weight;
        }

        @Override
        public double slope(double u) {
            double y = y0 + u;
            double weight = beta == 1 ? 0 : (beta - 1) / Math.expm1(y);
            return psi.slope(y) - a + weight;
        }

        @Override
        public double termSize(double u) {
            double y = y0 + u;
            return Math.abs(psi.log(y)) + a * y + Math.abs(peakValue) + 1;
        }
    }

    /** 1-p = e^-w / 2, w >= 0 (the part p > 1/2 for beta < 1): log psi(p) + (a-1) ln p - beta w - beta ln 2. */
    private static final class Upper extends Part {
        private final Psi psi;
        private final double a, beta;

        Upper(Psi psi, double a, double beta) {
            this.psi = psi;
            this.a = a;
            this.beta = beta;
        }

        private static double y(double w) {
            return -Math.log1p(-0.5 * Math.exp(-w));
        }

        @Override
        public double value(double w) {
            double y = y(w);
            return psi.log(y) - (a - 1) * y - beta * (w + LN2);
        }

        /** dy/dw = -q/(1-q) with q = e^-w / 2. */
        @Override
        public double slope(double w) {
            double q = 0.5 * Math.exp(-w);
            return (psi.slope(y(w)) - (a - 1)) * (-q / (1 - q)) - beta;
        }

        @Override
        public double termSize(double w) {
            double y = y(w);
            return Math.abs(psi.log(y)) + Math.abs(a - 1) * y + beta * (w + LN2) + Math.abs(peakValue) + 1;
        }
    }
}
