package io.churnlens.btyd.special;

import java.util.stream.IntStream;

/**
 * Sums (and fills) a per-row quantity over row ranges in parallel on the driver (common fork-join pool), chunk results added in
 * chunk order: the same table gives the same sum on every call, which the optimiser's convergence checks need.
 */
public final class ChunkedSum {
    private static final int CHUNK = 16_384;

    public interface RangeSum {
        double sum(int from, int to);
    }

    private ChunkedSum() {}

    /** out[i] = value(i) for i < n, computed in parallel chunks (each element on its own, so the order is irrelevant). */
    public static void fill(int n, java.util.function.IntToDoubleFunction value, double[] out) {
        if (n <= CHUNK) {
            for (int i = 0; i < n; i++) out[i] = value.applyAsDouble(i);
            return;
        }
        IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
            for (int i = c * CHUNK, end = Math.min(n, (c + 1) * CHUNK); i < end; i++) out[i] = value.applyAsDouble(i);
        });
    }

    public static double sum(int rows, RangeSum range) {
        if (rows <= CHUNK) return range.sum(0, rows);
        int chunks = (rows + CHUNK - 1) / CHUNK;
        double[] parts = new double[chunks];
        IntStream.range(0, chunks).parallel()
                .forEach(c -> parts[c] = range.sum(c * CHUNK, Math.min(rows, (c + 1) * CHUNK)));
        double total = 0;
        for (double p : parts) total += p;
        return total;
    }
}
