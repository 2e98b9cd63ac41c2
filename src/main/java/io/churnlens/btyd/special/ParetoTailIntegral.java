package io.churnlens.btyd.special;

/**
 * log 2F1(a, b; a+1; -delta) for a, b > 0, b < a + 1 and delta >= 0, with bounded cost for every argument. This is
 * the function Pareto/NBD's A0 is made of: with {@code u0 = min(alpha, beta) + u},
 * {@code n * int_u^inf (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau = u0^-n 2F1(n, k; n+1; -delta)} where
 * {@code n = r+s+x}, {@code delta = |beta-alpha| / u0} and k is the exponent of the larger of the two factors.
 *
 * <p>Two representations, chosen per call:
 * <ul>
 * <li>the Pfaff transform {@code (1+delta)^-b 2F1(1, b; a+1; zeta)}, {@code zeta = delta/(1+delta)}: positive terms
 *     whose ratio {@code (b+j) zeta/(a+1+j)} never exceeds zeta, so for delta <= 1 it needs at most ~55 terms (for delta <= 20, ~800), and
 *     far fewer when a is large against b (many purchases). Tried first, at most {@value #SERIES_TERMS} terms;</li>
 * <li>otherwise Euler's integral {@code a * int_0^inf e^{-a y} (1 + delta e^{-y})^-b dy} by adaptive Gauss-Kronrod
 *     ({@link LogConcaveQuadrature}): the log-integrand is concave, so its maximum and an effective support are known
 *     in closed form and the cost is bounded whatever delta (the old series ran 200,000 terms as zeta tended to 1).</li>
 * </ul>
 * The series stops on a rigorous tail bound at 1e-16 relative, the quadrature on an error estimate of 1e-13; neither truncates silently.
 */
public final class ParetoTailIntegral {
    /** About the cost of one quadrature (~200 integrand evaluations of three exp/log each), so trying costs at most 2x. */
    static final int SERIES_TERMS = 1000;
    private static final double RELATIVE_TOLERANCE = 1e-16;

    private ParetoTailIntegral() {}

    public static double log2F1(double a, double b, double delta) {
        if (!(a > 0 && b > 0 && b < a + 1 && delta >= 0 && delta < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("log 2F1(a, b; a+1; -delta) needs a, b > 0, b < a+1 and finite "
                    + "delta >= 0; got a=" + a + " b=" + b + " delta=" + delta);
        }
        if (delta == 0) return 0;
        double series = pfaffSeries(a, b, delta);
        return Double.isNaN(series) ? euler(a, b, delta) : series;
    }

    /** (1+delta)^-b sum_j (b)_j/(a+1)_j zeta^j, or NaN when it needs more than SERIES_TERMS terms. */
    static double pfaffSeries(double a, double b, double delta) {
        double zeta = delta / (1 + delta);
        double term = 1, sum = 1;
        for (int j = 0; j < SERIES_TERMS; j++) {
            term *= (b + j) * zeta / (a + 1 + j);
            sum += term;
            // Ratios move monotonically towards zeta, so the tail after this term is below term * R/(1-R).
            double next = (b + j + 1) * zeta / (a + 2 + j);
            double bound = Math.max(next, zeta);
            if (term * bound <= RELATIVE_TOLERANCE * (1 - bound) * sum) {
                return Math.log(sum) - b * Math.log1p(delta);
            }
        }
        return Double.NaN;
    }

    /**
     * Euler's integral in y = -ln w: log-integrand phi(y) = -a y - b softplus(L - y), L = ln delta, concave with
     * slopes between -a and b - a.
     */
    static double euler(double a, double b, double delta) {
        double logDelta = Math.log(delta);
        double peak = b * logistic(logDelta) > a ? logDelta - Math.log(a / (b - a)) : 0;
        double atPeak = log1pExp(logDelta - peak);
        LogConcaveQuadrature.Integrand phi = new LogConcaveQuadrature.Integrand() {
            @Override
            public double value(double y) {
                return -a * y - b * log1pExp(logDelta - y);
            }

            @Override
            public double slope(double y) {
                return -a + b * logistic(logDelta - y);
            }

            @Override
            public double termSize(double y) {
                return a * y + b * (Math.abs(logDelta) + y);
            }

            @Override
            public double belowPeak(double y) {
                return -a * (y - peak) - b * (log1pExp(logDelta - y) - atPeak);
            }
        };
        double[] breaks = logDelta > peak ? new double[] {logDelta} : new double[0];
        return Math.log(a) + LogConcaveQuadrature.logIntegral(phi, peak, breaks);
    }

    /**
     * log(1 + e^z) (softplus) with Math.log and Math.exp only, which the JIT compiles to intrinsics: for the absolute
     * accuracy a log-integrand needs, log(1 + t) is as good as log1p(t) (the rounding of 1 + t is 1e-16 absolute).
     */
    static double log1pExp(double z) {
        if (z > 36) return z + Math.exp(-z);
        if (z < -36) return Math.exp(z);
        return Math.log(1 + Math.exp(z));
    }

    static double logistic(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
