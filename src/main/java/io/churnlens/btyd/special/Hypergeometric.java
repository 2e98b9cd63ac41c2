package io.churnlens.btyd.special;

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for the arguments the BTYD models need: a, b > 0,
 * c > -1 and 0 <= z < 1, where every term of the power series after the first is positive.
 *
 * <p>The series {@code sum_k (a)_k (b)_k / ((c)_k k!) z^k} is summed in log-space with a running scale, so values
 * far beyond the double range (large purchase counts make {@code a} and {@code b} large) keep full relative
 * precision. BG/NBD's conditional expectation uses it with a cap of a few thousand terms and, beyond that, its
 * integral form ({@link BgNbdConditionalMean}); Pareto/NBD, whose argument does run to 1, uses
 * {@link ParetoTailIntegral}.
 *
 * <p>Danger: convergence is geometric with ratio z, so z very close to 1 needs many terms. The sum stops when a
 * rigorous bound on the remaining tail is below 1e-15 of the sum. Past the cap it never returns a truncated
 * number: the four-argument form throws an {@link ArithmeticException} after {@value #MAX_TERMS} terms, the form
 * with an explicit cap returns NaN, meaning only "needs more terms", for a caller that switches representation.
 */
public final class Hypergeometric {
    static final int MAX_TERMS = 200_000;
    private static final double RELATIVE_TOLERANCE = 1e-15;

    private Hypergeometric() {}

    /** log 2F1(a, b; c; z) for a, b, c > 0 and 0 <= z < 1. */
    public static double log2F1(double a, double b, double c, double z) {
        requireArguments(a, b, c, z);
        if (!(c > 0)) throw new IllegalArgumentException("log2F1 needs c > 0, got " + c);
        if (z == 0) return 0;
        return LogSpace.logSumExp(0, logTail(a, b, c, z) - Math.log(c));
    }

    /**
     * log of {@code c * (2F1(a, b; c; z) - 1)} = log sum_{k>=1} (a)_k (b)_k z^k / ((c+1)_{k-1} k!), valid for
     * c > -1 (the factor c cancels the first Pochhammer factor, so c may be zero or slightly negative, where
     * 2F1 itself is undefined or changes sign). Returns -inf for z = 0.
     */
    public static double logTail(double a, double b, double c, double z) {
        double tail = logTail(a, b, c, z, MAX_TERMS);
        if (Double.isNaN(tail)) {
            throw new ArithmeticException("2F1 series (a=" + a + " b=" + b + " c=" + c + " z=" + z + ") needs more "
                    + "than " + MAX_TERMS + " terms: z is too close to 1 for the power series");
        }
        return tail;
    }

    /**
     * As {@link #logTail(double, double, double, double)} with at most {@code maxTerms} terms; NaN means exactly
     * "needs more terms" (never a partial sum), for a caller that then takes another representation.
     */
    public static double logTail(double a, double b, double c, double z, int maxTerms) {
        requireArguments(a, b, c, z);
        if (!(c > -1)) throw new IllegalArgumentException("logTail needs c > -1, got " + c);
        if (z == 0) return Double.NEGATIVE_INFINITY;
        double logZ = Math.log(z);
        // Term k = 1 is a*b*z; the ratio of term k+1 to term k is (a+k)(b+k) z / ((c+k)(k+1)).
        double logScale = Math.log(a) + Math.log(b) + logZ;
        double term = 1.0;          // current term divided by e^logScale
        double sum = 1.0;           // sum so far divided by e^logScale
        // (a+b-c-1)k + ab - c changes sign at most once; past that k the ratio moves monotonically towards z.
        double slope = a + b - c - 1;
        double monotoneFrom = slope != 0 ? Math.max(1, (c - a * b) / slope) : 1;
        for (int k = 1; k < maxTerms; k++) {
            double ratio = (a + k) * (b + k) * z / ((c + k) * (k + 1.0));
            term *= ratio;
            sum += term;
            if (sum > 1e250) {      // rescale before overflow; terms are tiny relative to the sum later on
                logScale += Math.log(sum);
                term /= sum;
                sum = 1.0;
            }
            if (k >= monotoneFrom) {
                double nextRatio = (a + k + 1) * (b + k + 1) * z / ((c + k + 1) * (k + 2.0));
                double bound = Math.max(nextRatio, z);
                if (bound < 1 && term * bound / (1 - bound) <= RELATIVE_TOLERANCE * sum) {
                    return logScale + Math.log(sum);
                }
            }
        }
        return Double.NaN;
    }

    private static void requireArguments(double a, double b, double c, double z) {
        if (!(a > 0 && b > 0) || !(z >= 0 && z < 1) || Double.isNaN(c)) {
            throw new IllegalArgumentException("2F1 series needs a, b > 0 and 0 <= z < 1; got a=" + a + " b=" + b
                    + " c=" + c + " z=" + z);
        }
    }
}
