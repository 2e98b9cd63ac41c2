package io.churnlens.segment;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Behavioural clusters: k-means on log1p-transformed, standardised customer features ({@link ClusterSpace}), with k
 * chosen by silhouette.
 *
 * <p>Every k in [k-min, k-max] is fitted by {@link LocalKMeans} (k-means++, seeded) on one selection sample of at
 * most max-rows-for-k-selection customers ({@link SelectionSample}), read once and held on the driver, and scored by
 * {@link Silhouette} on the same sample; the best k (the smaller on a tie) is kept, and every customer goes to its
 * nearest centre. Spark jobs: one count, one to read the sample, one for the cluster profiles; the assignment
 * itself is a projection computed where the caller writes it.
 *
 * <p><b>Stability:</b> the sample is chosen by a salted hash of customer_id and sorted by it, so the same data and
 * seed give the same centres whatever the partitioning or row order; the reported cluster ids and names come from
 * {@link ClusterNamer} (ordered by value), not from the k-means index.
 *
 * <p><b>Cost:</b> the features are scanned three times: cache them (the CLI reads them from Parquet and caches).
 */
public final class BehaviouralClusters {
    private static final Logger LOG = LoggerFactory.getLogger(BehaviouralClusters.class);
    private static final String KMEANS_INDEX = "_kmeans_index";

    private final ChurnlensConfig.Segment spec;

    public BehaviouralClusters(ChurnlensConfig.Segment spec) {
        this.spec = spec;
    }

    /**
     * The fitted clusters.
     *
     * @param assignments   customer_id, cluster_id, cluster_name (lazy)
     * @param k             clusters used
     * @param silhouette    silhouette of the chosen k on the selection sample; NaN with too few customers
     * @param silhouetteByK silhouette of every candidate k that could be fitted, in ascending k
     * @param profiles      ordered, named clusters (cluster 1 first)
     * @param model         the fitted centres, empty when there were too few customers to cluster
     */
    public record Result(Dataset<Row> assignments, int k, double silhouette, Map<Integer, Double> silhouetteByK,
                         List<ClusterProfile> profiles, Optional<ClusterModel> model) {

        /** The customers with cluster_id and cluster_name added (a projection: no join, no extra job). */
        public Dataset<Row> withClusters(Dataset<Row> customers) {
            return customers.withColumn(SegmentColumns.CLUSTER_ID, clusterId())
                    .withColumn(SegmentColumns.CLUSTER_NAME, clusterName());
        }

        private Column clusterId() {
            if (model.isEmpty()) return lit(1);
            Column index = model.get().index();
            Column id = null;
            for (ClusterProfile p : profiles) {
                Column match = index.equalTo(p.kmeansIndex());
                id = id == null ? when(match, lit(p.clusterId())) : id.when(match, lit(p.clusterId()));
            }
            return id;
        }

        private Column clusterName() {
            if (model.isEmpty()) return lit(profiles.isEmpty() ? "C1" : profiles.get(0).name());
            Column index = model.get().index();
            Column name = null;
            for (ClusterProfile p : profiles) {
                Column match = index.equalTo(p.kmeansIndex());
                name = name == null ? when(match, lit(p.name())) : name.when(match, lit(p.name()));
            }
            return name;
        }
    }

    public Result fit(Dataset<Row> features) {
        List<String> inputs = validatedInputs(features);
        long customers = features.count();
        if (customers <= spec.kMin()) {
            LOG.warn("only {} customers: k-means needs more than segment.k-min = {}; all customers go to one cluster",
                    customers, spec.kMin());
            return singleCluster(features, customers);
        }
        double[][] logged = SelectionSample.logged(features, customers, inputs, spec);
        ClusterSpace space = ClusterSpace.fit(inputs, logged);
        double[][] points = space.standardise(logged);
        Map<Integer, Double> silhouetteByK = new LinkedHashMap<>();
        double[][] best = chooseK(points, silhouetteByK);
        if (best == null) {
            LOG.warn("no k in [{}, {}] gave distinct clusters; all customers go to one cluster", spec.kMin(), spec.kMax());
            return singleCluster(features, customers);
        }
        ClusterModel model = new ClusterModel(space, best);
        double silhouette = silhouetteByK.get(model.k());
        LOG.info("chose k = {} (silhouette {} on the selection sample of {} customers)", model.k(), silhouette,
                points.length);
        List<ClusterProfile> profiles = ClusterNamer.name(profiles(features.withColumn(KMEANS_INDEX, model.index())));
        Result unassigned = new Result(null, model.k(), silhouette, silhouetteByK, profiles, Optional.of(model));
        return new Result(assignments(unassigned, features), model.k(), silhouette, silhouetteByK, profiles, Optional.of(model));
    }

    /** Fits every candidate k on the sample, fills silhouetteByK, returns the best centres (null when none). */
    private double[][] chooseK(double[][] points, Map<Integer, Double> silhouetteByK) {
        double[][] best = null;
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        for (int k = spec.kMin(); k <= Math.min(spec.kMax(), points.length - 1); k++) {
            double[][] centres = LocalKMeans.fit(points, k, spec.seed(), spec.maxIterations());
            int[] assignment = new int[points.length];
            for (int p = 0; p < points.length; p++) assignment[p] = LocalKMeans.nearest(points[p], centres);
            long used = Arrays.stream(assignment).distinct().count();
            if (centres.length < k || used < k) {
                LOG.info("k = {}: k-means found only {} distinct clusters; larger k skipped", k, Math.min(used, centres.length));
                break;
            }
            double silhouette = Silhouette.of(points, assignment, k);
            silhouetteByK.put(k, silhouette);
            LOG.info("k = {}: silhouette {} on {} customers", k, silhouette, points.length);
            if (silhouette > bestSilhouette) {
                bestSilhouette = silhouette;
                best = centres;
            }
        }
        return best;
    }

    private static List<ClusterProfile> profiles(Dataset<Row> clustered) {
        List<ClusterProfile> profiles = new ArrayList<>();
        for (Row r : clustered.groupBy(KMEANS_INDEX).agg(count(lit(1)),
                avg(col(FeatureColumns.MONETARY_TOTAL).cast("double")),
                avg(col(FeatureColumns.PURCHASE_DAYS).cast("double")),
                avg(col(FeatureColumns.RECENCY_DAYS).cast("double"))).collectAsList()) {
            profiles.add(new ClusterProfile(r.getInt(0), 0, null, r.getLong(1), r.getDouble(2), r.getDouble(3),
                    r.getDouble(4)));
        }
        return profiles;
    }

    private static Result singleCluster(Dataset<Row> features, long customers) {
        List<ClusterProfile> profiles = List.of();
        if (customers > 0) {
            Row r = features.agg(avg(col(FeatureColumns.MONETARY_TOTAL).cast("double")),
                    avg(col(FeatureColumns.PURCHASE_DAYS).cast("double")),
                    avg(col(FeatureColumns.RECENCY_DAYS).cast("double"))).first();
            profiles = ClusterNamer.name(List.of(new ClusterProfile(0, 0, null, customers, r.getDouble(0),
                    r.getDouble(1), r.getDouble(2))));
        }
        Result unassigned = new Result(null, 1, Double.NaN, Map.of(), profiles, Optional.empty());
        return new Result(assignments(unassigned, features), 1, Double.NaN, Map.of(), profiles, Optional.empty());
    }

    private static Dataset<Row> assignments(Result clusters, Dataset<Row> features) {
        return clusters.withClusters(features).select(col(FeatureColumns.CUSTOMER_ID), col(SegmentColumns.CLUSTER_ID),
                col(SegmentColumns.CLUSTER_NAME));
    }

    private List<String> validatedInputs(Dataset<Row> features) {
        List<String> inputs = spec.clusterFeatures().stream().distinct().toList();
        List<String> available = Arrays.asList(features.columns());
        for (String c : inputs) {
            if (!available.contains(c)) {
                throw new IllegalArgumentException("segment.cluster-features names '" + c
                        + "', which is not a customer_features column; choose among " + available);
            }
            if (!(features.schema().apply(c).dataType() instanceof NumericType)) {
                throw new IllegalArgumentException("segment.cluster-features names '" + c + "', which is "
                        + features.schema().apply(c).dataType().simpleString() + "; choose numeric columns");
            }
        }
        return inputs;
    }
}
