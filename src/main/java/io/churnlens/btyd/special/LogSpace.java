package io.churnlens.btyd.special;

/**
 * Sums and differences of numbers held as logarithms, so that likelihood terms such as {@code e^-900} neither
 * underflow to zero nor lose their relative precision.
 */
public final class LogSpace {
    private LogSpace() {}

    /** log(e^a + e^b), exact for any finite a, b; -inf + -inf gives -inf. */
    public static double logSumExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) return Double.NEGATIVE_INFINITY;
        return max + Math.log1p(Math.exp(Math.min(a, b) - max));
    }

    /**
     * log(e^a - e^b) for a >= b. Returns -inf when the difference is zero (or, through rounding, slightly
     * negative): callers use it for quantities that are non-negative in exact arithmetic.
     */
    public static double logDiffExp(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) return a;
        double d = b - a;
        if (!(d < 0)) return Double.NEGATIVE_INFINITY;
        // log1p(-e^d) loses precision for d near 0, log(-expm1(d)) for d very negative (Maechler 2012).
        return a + (d > -0.6931471805599453 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
    }
}
