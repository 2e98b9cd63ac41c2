package io.churnlens.impact;

import java.io.Serializable;

/**
 * Per-replicate sums of a few figures (figures x replicates), accumulated customer by customer inside a partition
 * and merged across partitions: never one row per customer and replicate. Sums are kept in fixed point (1e-6 of the
 * unit, in a long), so they are exact and the same whatever the order of the customers or the partitioning; each
 * contribution is rounded to 1e-6 of its unit once (a count of 1 - P(alive) to a millionth of a customer, money to
 * a millionth of the currency unit). Overflow (above 9.2e12 units) throws.
 */
public final class ReplicateSums implements Serializable {
    static final double SCALE = 1e6;
    private final int figures;
    private final int replicates;
    private final long[] sums;

    public ReplicateSums(int figures, int replicates) {
        this.figures = figures;
        this.replicates = replicates;
        this.sums = new long[figures * replicates];
    }

    public int figures() {
        return figures;
    }

    public int replicates() {
        return replicates;
    }

    static long fixed(double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("contribution is not finite: " + value);
        return Math.round(value * SCALE);
    }

    /** Adds one customer's contributions (fixed point, one per figure) with its bootstrap weight in every replicate. */
    void addWeighted(long idHash, long seed, long[] contributions) {
        for (int b = 0; b < replicates; b++) {
            int w = BootstrapDraws.weight(idHash, seed, b);
            if (w == 0) continue;
            for (int k = 0; k < figures; k++) {
                if (contributions[k] != 0) sums[k * replicates + b] = Math.addExact(sums[k * replicates + b], w * contributions[k]);
            }
        }
    }

    /** Adds {@code value} to one figure of one replicate. */
    void add(int figure, int replicate, double value) {
        int i = figure * replicates + replicate;
        sums[i] = Math.addExact(sums[i], fixed(value));
    }

    /** This plus {@code other}, into this (the partitions' arrays summed). */
    public ReplicateSums merge(ReplicateSums other) {
        if (other.figures != figures || other.replicates != replicates) throw new IllegalArgumentException("shapes differ");
        for (int i = 0; i < sums.length; i++) sums[i] = Math.addExact(sums[i], other.sums[i]);
        return this;
    }

    public double value(int figure, int replicate) {
        return sums[figure * replicates + replicate] / SCALE;
    }

    /** The figure's value in every replicate. */
    public double[] values(int figure) {
        double[] v = new double[replicates];
        for (int b = 0; b < replicates; b++) v[b] = value(figure, b);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicateSums r && r.figures == figures && java.util.Arrays.equals(r.sums, sums);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sums);
    }
}
