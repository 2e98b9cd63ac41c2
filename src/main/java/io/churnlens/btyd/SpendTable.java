package io.churnlens.btyd;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Compressed input of the Gamma-Gamma spend model: one row per distinct {@code (x, mean spend)} with the number of
 * customers who share it. x is the number of purchases the mean is taken over (the repeat purchase days) and the
 * mean must be positive: customers with no repeat purchase or a non-positive net mean are not rows of this table
 * (the caller flags them: the CLV stage's spend flag).
 */
public final class SpendTable implements Serializable {
    private final int[] x;
    private final double[] meanSpend;
    private final double[] weight;

    public SpendTable(int[] x, double[] meanSpend, double[] weight) {
        if (x.length != meanSpend.length || x.length != weight.length) {
            throw new IllegalArgumentException("x, mean spend and weight must have the same length");
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0 && meanSpend[i] > 0 && Double.isFinite(meanSpend[i]) && weight[i] > 0)) {
                throw new IllegalArgumentException("invalid Gamma-Gamma row " + i + ": x=" + x[i] + " mean spend="
                        + meanSpend[i] + " weight=" + weight[i] + " (need x > 0, mean spend > 0, weight > 0)");
            }
        }
        this.x = x.clone();
        this.meanSpend = meanSpend.clone();
        this.weight = weight.clone();
    }

    /** One row per customer (weight 1 each), grouped into identical rows. */
    public static SpendTable ofCustomers(int[] x, double[] meanSpend) {
        Map<Key, Double> counts = new HashMap<>();
        for (int i = 0; i < x.length; i++) counts.merge(new Key(x[i], meanSpend[i]), 1.0, Double::sum);
        int n = counts.size();
        int[] gx = new int[n];
        double[] gm = new double[n], gw = new double[n];
        int i = 0;
        for (Map.Entry<Key, Double> e : counts.entrySet()) {
            gx[i] = e.getKey().x;
            gm[i] = e.getKey().mean;
            gw[i] = e.getValue();
            i++;
        }
        return new SpendTable(gx, gm, gw);
    }

    private record Key(int x, double mean) {}

    SpendTable rescaled(double scale) {
        double[] m = new double[meanSpend.length];
        for (int i = 0; i < m.length; i++) m[i] = meanSpend[i] / scale;
        return new SpendTable(x, m, weight);
    }

    public int rows() { return x.length; }
    public int x(int row) { return x[row]; }
    public double meanSpend(int row) { return meanSpend[row]; }
    public double weight(int row) { return weight[row]; }

    public double customers() {
        double n = 0;
        for (double w : weight) n += w;
        return n;
    }

    double weightedMeanSpend() {
        double s = 0, n = 0;
        for (int i = 0; i < x.length; i++) {
            s += weight[i] * meanSpend[i];
            n += weight[i];
        }
        return s / n;
    }
}
