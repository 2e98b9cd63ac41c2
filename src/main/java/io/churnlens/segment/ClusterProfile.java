package io.churnlens.segment;

/**
 * What a cluster looks like, the basis of its stable id and name.
 *
 * @param kmeansIndex   the raw k-means index (depends on initialisation; never reported)
 * @param clusterId     1 = highest mean monetary_total
 * @param name          descriptive name, see {@link ClusterNamer}
 * @param customers     customers in the cluster
 * @param meanMonetary  mean monetary_total
 * @param meanFrequency mean purchase_days
 * @param meanRecency   mean recency_days
 */
public record ClusterProfile(int kmeansIndex, int clusterId, String name, long customers, double meanMonetary,
                             double meanFrequency, double meanRecency) implements java.io.Serializable {}
