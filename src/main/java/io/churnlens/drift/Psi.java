package io.churnlens.drift;

/**
 * Population stability index of one feature from its bin counts in two snapshots: e_i = expected (previous) share,
 * a_i = actual (current) share, PSI = Σ (a_i - e_i) ln(a_i / e_i). A bin empty in both snapshots is left out (it
 * says nothing); a bin empty in one gets the share {@code epsilon} and both distributions are renormalised, so the
 * index stays finite. Conventionally below 0.1 is stable, 0.1 to 0.25 moderate, above 0.25 a major shift.
 */
public final class Psi {
    private Psi() {}

    public static double index(long[] expected, long[] actual, double epsilon) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("bin counts differ in length: " + expected.length + " vs " + actual.length);
        }
        double[] e = shares(expected, actual, expected, epsilon);
        double[] a = shares(expected, actual, actual, epsilon);
        double psi = 0;
        for (int i = 0; i < e.length; i++) {
            if (e[i] > 0) psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
        }
        return psi;
    }

    /** Shares of {@code counts}, floored at epsilon where the bin is used in either snapshot, summing to 1. */
    static double[] shares(long[] expected, long[] actual, long[] counts, double epsilon) {
        long total = 0;
        for (long c : counts) total += c;
        if (total <= 0) throw new IllegalArgumentException("no customers to compare in one of the snapshots");
        double[] s = new double[counts.length];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            boolean used = expected[i] > 0 || actual[i] > 0;
            s[i] = used ? Math.max((double) counts[i] / total, epsilon) : 0;
            sum += s[i];
        }
        for (int i = 0; i < s.length; i++) s[i] /= sum;
        return s;
    }

    /** stable below {@code moderate}, moderate up to {@code major}, major above it. */
    public static String level(double psi, double moderate, double major) {
        if (psi > major) return io.churnlens.schema.DriftColumns.LEVEL_MAJOR;
        return psi >= moderate ? io.churnlens.schema.DriftColumns.LEVEL_MODERATE : io.churnlens.schema.DriftColumns.LEVEL_STABLE;
    }
}
