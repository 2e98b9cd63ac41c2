package io.churnlens.segment;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The cluster-sum silhouette against the definition, computed pair by pair (squared Euclidean distance). */
class SilhouetteTest {
    @Test
    void matchesThePairwiseDefinition() {
        Random random = new Random(3);
        double[][] points = new double[60][3];
        int[] assignment = new int[points.length];
        for (int p = 0; p < points.length; p++) {
            assignment[p] = p % 4 == 3 ? 2 : p % 3; // uneven clusters
            for (int j = 0; j < 3; j++) points[p][j] = assignment[p] * 1.5 + random.nextGaussian();
        }
        assertThat(Silhouette.of(points, assignment, 3)).isCloseTo(pairwise(points, assignment, 3), within(1e-9));
    }

    @Test
    void aPointAloneInItsClusterScoresZero() {
        double[][] points = {{0, 0}, {0, 1}, {10, 10}};
        int[] assignment = {0, 0, 1};
        // Points 0 and 1: a = 1, b = mean squared distance to (10, 10) = 200 and 181; point 2 scores 0.
        double expected = ((1 - 1.0 / 200) + (1 - 1.0 / 181) + 0) / 3;
        assertThat(Silhouette.of(points, assignment, 2)).isCloseTo(expected, within(1e-12));
    }

    private static double pairwise(double[][] points, int[] assignment, int k) {
        double total = 0;
        for (int i = 0; i < points.length; i++) {
            double[] sums = new double[k];
            int[] counts = new int[k];
            for (int j = 0; j < points.length; j++) {
                if (j == i) continue;
                sums[assignment[j]] += LocalKMeans.squaredDistance(points[i], points[j]);
                counts[assignment[j]]++;
            }
            int own = assignment[i];
            if (counts[own] == 0) continue;
            double a = sums[own] / counts[own];
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) if (c != own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
            total += (b - a) / Math.max(a, b);
        }
        return total / points.length;
    }
}
