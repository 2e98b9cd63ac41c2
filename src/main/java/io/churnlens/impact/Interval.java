package io.churnlens.impact;

import java.util.Arrays;

/**
 * A 90% percentile interval: the 5th and 95th percentiles of replicate values (linear interpolation between order
 * statistics, Hyndman and Fan's type 7, as R's and NumPy's default). Non-finite replicate values (a ratio whose
 * denominator is 0 in that replicate) are left out; fewer than two finite values give no interval (null).
 */
public record Interval(double lo, double hi) {
    public static final double LEVEL = 0.90;

    public static Interval of(double[] replicates) {
        double[] v = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
        if (v.length < 2) return null;
        return new Interval(quantile(v, (1 - LEVEL) / 2), quantile(v, 1 - (1 - LEVEL) / 2));
    }

    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public boolean covers(double value) {
        return lo <= value && value <= hi;
    }
}
