package io.churnlens.segment;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LocalKMeansTest {
    /** Three tight blobs around (0, 0), (10, 0) and (0, 10), 50 points each. */
    static double[][] blobs() {
        Random random = new Random(11);
        double[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        double[][] points = new double[150][];
        for (int p = 0; p < points.length; p++) {
            double[] c = centres[p % 3];
            points[p] = new double[]{c[0] + 0.3 * random.nextGaussian(), c[1] + 0.3 * random.nextGaussian()};
        }
        return points;
    }

    @Test
    void findsTheBlobCentresAsTheirMeans() {
        double[][] points = blobs();
        double[][] centres = LocalKMeans.fit(points, 3, 42, 40);
        assertThat(centres).hasNumberOfRows(3);
        double[][] sorted = centres.clone();
        Arrays.sort(sorted, Comparator.<double[]>comparingLong(c -> Math.round(c[0])).thenComparingLong(c -> Math.round(c[1])));
        double[][] truth = {{0, 0}, {0, 10}, {10, 0}};
        for (int c = 0; c < 3; c++) {
            // Each centre is the mean of its blob (sd 0.3 / sqrt(50) = 0.04 from the true centre).
            assertThat(sorted[c][0]).isCloseTo(truth[c][0], within(0.2));
            assertThat(sorted[c][1]).isCloseTo(truth[c][1], within(0.2));
        }
        int[] assignment = new int[points.length];
        for (int p = 0; p < points.length; p++) assignment[p] = LocalKMeans.nearest(points[p], centres);
        for (int p = 3; p < points.length; p++) assertThat(assignment[p]).isEqualTo(assignment[p % 3]);
    }

    @Test
    void sameSeedSameCentresAndAnotherSeedStillConverges() {
        double[][] points = blobs();
        assertThat(LocalKMeans.fit(points, 4, 42, 40)).isDeepEqualTo(LocalKMeans.fit(points, 4, 42, 40));
        assertThat(LocalKMeans.fit(points, 3, 7, 40)).hasNumberOfRows(3);
    }

    @Test
    void fewerDistinctPointsThanKGiveFewerCentres() {
        double[][] points = {{1, 1}, {1, 1}, {2, 2}, {2, 2}, {1, 1}};
        assertThat(LocalKMeans.fit(points, 3, 42, 40)).hasNumberOfRows(2);
    }

    @Test
    void kMeansPlusPlusNeverPicksAPointTwice() {
        double[][] points = blobs();
        for (long seed = 0; seed < 20; seed++) {
            double[][] initial = LocalKMeans.initialCentres(points, 3, new Random(seed));
            assertThat(Arrays.stream(initial).map(Arrays::toString).distinct().count()).isEqualTo(3);
        }
    }
}
