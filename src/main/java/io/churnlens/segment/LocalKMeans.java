package io.churnlens.segment;

import java.util.Arrays;
import java.util.Random;

/**
 * k-means on a bounded sample held on the driver: k-means++ initial centres (seeded), then Lloyd iterations until
 * no centre moves more than {@link #TOLERANCE} or the iteration cap. The points arrive in a fixed order (by
 * customer_id), so the same sample and seed give the same centres on any machine and partitioning.
 *
 * <p>Why on the driver: the sample is capped by segment.max-rows-for-k-selection (200,000 × 4 doubles ≈ 6 MB), and
 * one fit costs a fraction of a second here, where MLlib runs one Spark job per iteration per k.
 */
public final class LocalKMeans {
    /** Largest centre move (Euclidean) that counts as converged: MLlib's default. */
    static final double TOLERANCE = 1e-4;

    private LocalKMeans() {}

    /**
     * @return at most k centres: fewer when the sample has fewer than k distinct points
     */
    public static double[][] fit(double[][] points, int k, long seed, int maxIterations) {
        double[][] centres = initialCentres(points, k, new Random(seed * 1_000_003L + k));
        int[] assignment = new int[points.length];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            for (int p = 0; p < points.length; p++) {
                assignment[p] = nearest(points[p], centres);
            }
            double[][] moved = means(points, assignment, centres);
            double shift = 0;
            for (int c = 0; c < centres.length; c++) {
                shift = Math.max(shift, squaredDistance(centres[c], moved[c]));
            }
            centres = moved;
            if (shift <= TOLERANCE * TOLERANCE) break;
        }
        return centres;
    }

    /** k-means++: the first centre uniform, each next one drawn with probability proportional to D². */
    static double[][] initialCentres(double[][] points, int k, Random random) {
        double[][] centres = new double[k][];
        centres[0] = points[random.nextInt(points.length)].clone();
        double[] d2 = new double[points.length];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int p = 0; p < points.length; p++) {
                d2[p] = Math.min(d2[p], squaredDistance(points[p], centres[c - 1]));
                total += d2[p];
            }
            if (total <= 0) return Arrays.copyOf(centres, c); // every point sits on a centre already
            double target = random.nextDouble() * total;
            int chosen = points.length - 1;
            for (int p = 0; p < points.length; p++) {
                target -= d2[p];
                if (target < 0 && d2[p] > 0) {
                    chosen = p;
                    break;
                }
            }
            while (d2[chosen] == 0) chosen--; // rounding left target >= 0: take the last point off the centres
            centres[c] = points[chosen].clone();
        }
        return centres;
    }

    /** Mean of each centre's points; a centre left without points keeps its place. */
    private static double[][] means(double[][] points, int[] assignment, double[][] centres) {
        int d = centres[0].length;
        double[][] sums = new double[centres.length][d];
        long[] counts = new long[centres.length];
        for (int p = 0; p < points.length; p++) {
            counts[assignment[p]]++;
            for (int j = 0; j < d; j++) sums[assignment[p]][j] += points[p][j];
        }
        for (int c = 0; c < centres.length; c++) {
            if (counts[c] == 0) {
                sums[c] = centres[c].clone();
            } else {
                for (int j = 0; j < d; j++) sums[c][j] /= counts[c];
            }
        }
        return sums;
    }

    /** Index of the closest centre; the lower index on a tie (as the Spark assignment does). */
    public static int nearest(double[] point, double[][] centres) {
        int best = 0;
        double bestDistance = squaredDistance(point, centres[0]);
        for (int c = 1; c < centres.length; c++) {
            double distance = squaredDistance(point, centres[c]);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            sum += diff * diff;
        }
        return sum;
    }
}
