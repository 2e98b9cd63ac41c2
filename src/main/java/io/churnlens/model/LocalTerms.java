package io.churnlens.model;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.List;

import static java.lang.Math.log;
import static java.lang.Math.max;
import static java.lang.Math.min;

/**
 * The per-decile sums of {@link BinaryMetrics} (decile, n, pos, auc_pairs, ap_term, top_churners, sq_error, log_lik,
 * score_sum) from scores on the driver, term for term as the Spark plan computes them: one group per distinct score
 * in descending order, a group's decile from the customers scored strictly below it.
 */
final class LocalTerms {
    private static final double EPS = 1e-15;
    private static final int DECILES = 10;
    private static final int SUMS = 6;

    private LocalTerms() {}

    /** @param order indices of {@code s} by descending score; {@code p} the churners among them */
    static List<Row> sum(double[] s, int[] y, Integer[] order, long p) {
        int n = s.length;
        long neg = n - p;
        double k = 0.1 * n;
        long[] binN = new long[DECILES];
        long[] binPos = new long[DECILES];
        double[][] sums = new double[DECILES][SUMS];
        long cumN = 0, cumPos = 0;
        for (int start = 0; start < n; ) {
            double score = s[order[start]];
            int end = start;
            long pos = 0;
            while (end < n && Double.compare(s[order[end]], score) == 0) pos += y[order[end++]];
            long groupN = end - start;
            cumN += groupN;
            cumPos += pos;
            long negHere = groupN - pos;
            long below = n - cumN;
            int d = (int) min(Math.floor(below * 10.0 / n) + 1, DECILES) - 1;
            double clipped = min(max(score, EPS), 1 - EPS);
            double[] t = sums[d];
            t[0] += pos * ((double) neg - (cumN - cumPos) + negHere * 0.5);
            t[1] += (double) pos * cumPos / cumN;
            t[2] += max(0.0, min(groupN, k - (cumN - groupN))) * pos / groupN;
            t[3] += pos * (1.0 - score) * (1.0 - score) + negHere * score * score;
            t[4] += pos * log(clipped) + negHere * log(1.0 - clipped);
            t[5] += groupN * score;
            binN[d] += groupN;
            binPos[d] += pos;
            start = end;
        }
        List<Row> bins = new ArrayList<>();
        for (int d = 0; d < DECILES; d++) {
            if (binN[d] == 0) continue;
            double[] t = sums[d];
            bins.add(RowFactory.create(d + 1, binN[d], binPos[d], t[0], t[1], t[2], t[3], t[4], t[5]));
        }
        return bins;
    }
}
