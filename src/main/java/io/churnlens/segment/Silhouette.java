package io.churnlens.segment;

/**
 * Mean silhouette with squared Euclidean distance, computed from per-cluster sums as MLlib's
 * {@code ClusteringEvaluator} does: the mean squared distance of x to the points of cluster C is
 * |x|² + mean(|y|²) − 2·x·mean(y), so one pass gives every point's a (own cluster, itself left out) and b (nearest
 * other cluster). A point alone in its cluster scores 0. O(points × k × dimensions).
 */
public final class Silhouette {
    private Silhouette() {}

    /** @param assignment cluster index in [0, k) of every point */
    public static double of(double[][] points, int[] assignment, int k) {
        int d = points[0].length;
        long[] counts = new long[k];
        double[][] sums = new double[k][d];
        double[] squaredNormSums = new double[k];
        for (int p = 0; p < points.length; p++) {
            int c = assignment[p];
            counts[c]++;
            squaredNormSums[c] += dot(points[p], points[p]);
            for (int j = 0; j < d; j++) sums[c][j] += points[p][j];
        }
        double total = 0;
        for (int p = 0; p < points.length; p++) {
            total += coefficient(points[p], assignment[p], counts, sums, squaredNormSums);
        }
        return total / points.length;
    }

    private static double coefficient(double[] x, int own, long[] counts, double[][] sums, double[] squaredNormSums) {
        if (counts[own] == 1) return 0;
        double norm = dot(x, x);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < counts.length; c++) {
            if (c != own && counts[c] > 0) b = Math.min(b, meanDistance(x, norm, c, counts, sums, squaredNormSums));
        }
        double a = meanDistance(x, norm, own, counts, sums, squaredNormSums) * counts[own] / (counts[own] - 1);
        if (a < b) return 1 - a / b;
        if (a > b) return b / a - 1;
        return 0;
    }

    private static double meanDistance(double[] x, double norm, int c, long[] counts, double[][] sums,
                                       double[] squaredNormSums) {
        return norm + squaredNormSums[c] / counts[c] - 2 * dot(x, sums[c]) / counts[c];
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) sum += a[j] * b[j];
        return sum;
    }
}
