package io.churnlens.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders clusters by value and names them from their profile, so that the same data gives the same ids and names
 * whatever index k-means happened to give each cluster.
 *
 * <p>Order: mean monetary_total descending, then mean purchase_days descending, then mean recency_days ascending
 * (the raw index decides only between clusters identical on all three, which k-means does not produce).
 *
 * <p>Name: {@code "C<id> · <spend> · <frequency> · <recency>"}, each word comparing the cluster's mean with the mean
 * over all customers:
 * <ul>
 *   <li>spend (monetary_total): ≥ 2× "top spenders", ≥ 1× "above-average spend", ≥ 0.5× "below-average spend",
 *       else "low spend";</li>
 *   <li>frequency (purchase_days): ≥ 1.5× "frequent", ≥ 0.75× "regular", else "occasional";</li>
 *   <li>recency (recency_days): ≤ 0.5× "recently active", ≤ 1.25× "cooling", else "lapsed".</li>
 * </ul>
 * The id prefix keeps names unique when two clusters get the same words.
 */
public final class ClusterNamer {
    private ClusterNamer() {}

    /** Unnamed profiles (clusterId and name ignored) in, ordered profiles with ids 1..k and names out. */
    public static List<ClusterProfile> name(List<ClusterProfile> profiles) {
        long customers = profiles.stream().mapToLong(ClusterProfile::customers).sum();
        double monetary = weightedMean(profiles, ClusterProfile::meanMonetary, customers);
        double frequency = weightedMean(profiles, ClusterProfile::meanFrequency, customers);
        double recency = weightedMean(profiles, ClusterProfile::meanRecency, customers);

        List<ClusterProfile> ordered = new ArrayList<>(profiles);
        ordered.sort(Comparator.comparingDouble(ClusterProfile::meanMonetary).reversed()
                .thenComparing(Comparator.comparingDouble(ClusterProfile::meanFrequency).reversed())
                .thenComparingDouble(ClusterProfile::meanRecency)
                .thenComparingInt(ClusterProfile::kmeansIndex));
        List<ClusterProfile> named = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            ClusterProfile p = ordered.get(i);
            int id = i + 1;
            String name = "C" + id + " · " + spendWord(p.meanMonetary(), monetary) + " · "
                    + frequencyWord(p.meanFrequency(), frequency) + " · " + recencyWord(p.meanRecency(), recency);
            named.add(new ClusterProfile(p.kmeansIndex(), id, name, p.customers(), p.meanMonetary(), p.meanFrequency(),
                    p.meanRecency()));
        }
        return named;
    }

    static String spendWord(double mean, double overall) {
        double ratio = overall > 0 ? mean / overall : 1;
        if (ratio >= 2) return "top spenders";
        if (ratio >= 1) return "above-average spend";
        if (ratio >= 0.5) return "below-average spend";
        return "low spend";
    }

    static String frequencyWord(double mean, double overall) {
        double ratio = overall > 0 ? mean / overall : 1;
        if (ratio >= 1.5) return "frequent";
        if (ratio >= 0.75) return "regular";
        return "occasional";
    }

    static String recencyWord(double mean, double overall) {
        if (overall <= 0) return "recently active";
        double ratio = mean / overall;
        if (ratio <= 0.5) return "recently active";
        if (ratio <= 1.25) return "cooling";
        return "lapsed";
    }

    private static double weightedMean(List<ClusterProfile> profiles,
                                       java.util.function.ToDoubleFunction<ClusterProfile> mean, long customers) {
        if (customers == 0) return 0;
        double total = 0;
        for (ClusterProfile p : profiles) total += mean.applyAsDouble(p) * p.customers();
        return total / customers;
    }
}
