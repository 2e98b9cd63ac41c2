package io.churnlens.btyd;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Compressed sufficient statistics of the purchase models: one row per distinct {@code (x, t_x, T)} with the
 * number of customers who share it. BG/NBD and Pareto/NBD likelihoods depend on a customer only through these
 * three numbers, so fitting on this table gives exactly the fit on the customers, at a cost proportional to the
 * number of distinct rows.
 *
 * <p>Times are in the model time unit (days or weeks). Rows must satisfy x >= 0, 0 <= t_x <= T, T > 0, t_x = 0
 * when x = 0, and a positive weight; the constructor rejects anything else with the offending row.
 */
public final class RfmTable implements Serializable {
    private final int[] x;
    private final double[] tx;
    private final double[] t;
    private final double[] weight;
    private final int[] distinctX;
    private final int[] xIndex;
    private final double[] distinctTimes;
    private final int[] txIndex;
    private final int[] tIndex;

    public RfmTable(int[] x, double[] tx, double[] t, double[] weight) {
        if (x.length != tx.length || x.length != t.length || x.length != weight.length) {
            throw new IllegalArgumentException("x, t_x, T and weight must have the same length");
        }
        for (int i = 0; i < x.length; i++) {
            boolean ok = x[i] >= 0 && tx[i] >= 0 && tx[i] <= t[i] && t[i] > 0 && Double.isFinite(t[i])
                    && weight[i] > 0 && Double.isFinite(weight[i]) && (x[i] > 0 || tx[i] == 0);
            if (!ok) {
                throw new IllegalArgumentException("invalid BTYD statistics at row " + i + ": x=" + x[i] + " t_x="
                        + tx[i] + " T=" + t[i] + " weight=" + weight[i]
                        + " (need x >= 0, 0 <= t_x <= T, T > 0, t_x = 0 when x = 0, weight > 0)");
            }
        }
        this.x = x.clone();
        this.tx = tx.clone();
        this.t = t.clone();
        this.weight = weight.clone();
        this.distinctX = Arrays.stream(x).distinct().sorted().toArray();
        this.xIndex = new int[x.length];
        for (int i = 0; i < x.length; i++) xIndex[i] = Arrays.binarySearch(distinctX, x[i]);
        // Times are usually whole days: few distinct values, so log(alpha + time) is computed once per value.
        this.distinctTimes = java.util.stream.DoubleStream.concat(Arrays.stream(tx), Arrays.stream(t))
                .distinct().sorted().toArray();
        this.txIndex = new int[x.length];
        this.tIndex = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            txIndex[i] = Arrays.binarySearch(distinctTimes, tx[i]);
            tIndex[i] = Arrays.binarySearch(distinctTimes, t[i]);
        }
    }

    /** Distinct values of t_x and T together, increasing. */
    double[] distinctTimes() { return distinctTimes; }
    int txIndex(int row) { return txIndex[row]; }
    int tIndex(int row) { return tIndex[row]; }

    /** One row per customer (weight 1 each), grouped into identical rows. */
    public static RfmTable ofCustomers(int[] x, double[] tx, double[] t) {
        Map<Key, Double> counts = new HashMap<>();
        for (int i = 0; i < x.length; i++) counts.merge(new Key(x[i], tx[i], t[i]), 1.0, Double::sum);
        int n = counts.size();
        int[] gx = new int[n];
        double[] gtx = new double[n], gt = new double[n], gw = new double[n];
        int i = 0;
        for (Map.Entry<Key, Double> e : counts.entrySet()) {
            gx[i] = e.getKey().x;
            gtx[i] = e.getKey().tx;
            gt[i] = e.getKey().t;
            gw[i] = e.getValue();
            i++;
        }
        return new RfmTable(gx, gtx, gt, gw);
    }

    private record Key(int x, double tx, double t) {}

    /** The same customers with every time divided by {@code scale} (the fitters work in units where T is ~1). */
    RfmTable rescaled(double scale) {
        double[] stx = new double[tx.length], st = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            stx[i] = tx[i] / scale;
            st[i] = t[i] / scale;
        }
        return new RfmTable(x, stx, st, weight);
    }

    public int rows() { return x.length; }
    public int x(int row) { return x[row]; }
    public double tx(int row) { return tx[row]; }
    public double t(int row) { return t[row]; }
    public double weight(int row) { return weight[row]; }
    /** Distinct values of x in increasing order; per-x terms of a likelihood are computed once per value. */
    int[] distinctX() { return distinctX; }
    /** Position of row's x in {@link #distinctX()}. */
    int xIndex(int row) { return xIndex[row]; }

    public double customers() {
        double n = 0;
        for (double w : weight) n += w;
        return n;
    }

    public double weightedMean(java.util.function.IntToDoubleFunction value) {
        double s = 0, n = 0;
        for (int i = 0; i < x.length; i++) {
            s += weight[i] * value.applyAsDouble(i);
            n += weight[i];
        }
        return s / n;
    }
}
