package io.churnlens.btyd;

import io.churnlens.btyd.special.ChunkedSum;

import java.util.function.IntToDoubleFunction;

/**
 * The compressed-table log-likelihood shared by BG/NBD and MBG/NBD: per customer, the x term plus
 * log(e^alive + e^dropped), alive = −(r+x) log(α+T) and dropped = log(drop share of x) − (r+x) log(α+t_x). The x
 * terms, drop shares and log(α + time) are computed once per distinct value; rows are summed in fixed chunks on the
 * driver's cores (the same order every call, so the result is deterministic). A drop share of −∞ (BG/NBD at x = 0)
 * leaves the alive term alone, exactly.
 */
final class DropAfterPurchaseSum {
    private DropAfterPurchaseSum() {}

    static double of(RfmTable table, TwoPartLikelihood model, double r, double alpha, IntToDoubleFunction logDropShare) {
        int[] xs = table.distinctX();
        double[] perX = new double[xs.length], dropShare = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            perX[i] = model.xTerm(xs[i]);
            dropShare[i] = logDropShare.applyAsDouble(xs[i]);
        }
        double[] times = table.distinctTimes();
        double[] logAlphaPlus = new double[times.length];
        for (int i = 0; i < times.length; i++) logAlphaPlus[i] = Math.log(alpha + times[i]);
        return ChunkedSum.sum(table.rows(), (from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                int x = table.x(i), xi = table.xIndex(i);
                double alive = -(r + x) * logAlphaPlus[table.tIndex(i)];
                double time = alive;
                if (dropShare[xi] != Double.NEGATIVE_INFINITY) {
                    // log(e^alive + e^dropped) with Math.log (an intrinsic; log1p is not): 1e-16 absolute suffices.
                    double dropped = dropShare[xi] - (r + x) * logAlphaPlus[table.txIndex(i)];
                    double max = Math.max(alive, dropped);
                    time = max + Math.log(1 + Math.exp(Math.min(alive, dropped) - max));
                }
                sum += table.weight(i) * (perX[xi] + time);
            }
            return sum;
        });
    }
}
