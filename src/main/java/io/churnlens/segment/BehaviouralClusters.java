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
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

/**
 * Behavioural clusters: k-means on log1p-transformed, standardised customer features ({@link ClusterSpace}), with k
 * chosen by silhouette.
 *
 * <p>Every k in [k-min, k-max] is fitted by {@link LocalKMeans} (k-means++, seeded) on one selection sample of at
 * most max-rows-for-k-selection customers ({@link SelectionSample}), read once and held on the driver, and scored by
 * {@link Silhouette} on the same sample; the best k (the smaller on a tie) is kept, and every customer goes to its
 * nearest centre. Spark jobs: one to read the sample, one for the cluster profiles (and a count when the caller
 * gives none); the assignment itself is a projection computed where the caller writes it. The candidate k are
 * fitted in parallel on the driver.
 *
 * <p><b>Stability:</b> the sample is chosen by a salted hash of customer_id and sorted by it, so the same data and
 * seed give the same centres whatever the partitioning or row order; the reported cluster ids and names come from
 * {@link ClusterNamer} (ordered by value), not from the k-means index.
 *
 * <p><b>Cost:</b> the features are scanned two or three times: cache them (the CLI reads them from Parquet and caches).
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
            if (model.isEmpty()) {
                return customers.withColumn(SegmentColumns.CLUSTER_ID, lit(1)).withColumn(SegmentColumns.CLUSTER_NAME,
                        lit(profiles.isEmpty() ? "C1" : profiles.get(0).name()));
            }
            // The nearest-centre index once, then looked up: the distances are not repeated per cluster.
            Column[] ids = new Column[k];
            Column[] names = new Column[k];
            for (ClusterProfile p : profiles) {
                ids[p.kmeansIndex()] = lit(p.clusterId());
                names[p.kmeansIndex()] = lit(p.name());
            }
            Column position = col(KMEANS_INDEX).plus(1);
            return customers.withColumn(KMEANS_INDEX, model.get().index())
                    .withColumn(SegmentColumns.CLUSTER_ID, element_at(array(ids), position))
                    .withColumn(SegmentColumns.CLUSTER_NAME, element_at(array(names), position))
                    .drop(KMEANS_INDEX);
        }
    }

    public Result fit(Dataset<Row> features) {
        return fit(features, features.count());
    }

    /** @param customers rows of features, when the caller has counted them already */
    public Result fit(Dataset<Row> features, long customers) {
        List<String> inputs = validatedInputs(features);
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
        int last = (int) Math.min(spec.kMax(), points.length - 1L);
        // The candidates are independent: fitted in parallel, then read in ascending k (the same result either way).
        List<Candidate> candidates = IntStream.rangeClosed(spec.kMin(), last).parallel()
                .mapToObj(k -> Candidate.fit(points, k, spec)).toList();
        double[][] best = null;
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        for (Candidate c : candidates) {
            if (c.silhouette().isEmpty()) {
                LOG.info("k = {}: k-means found fewer distinct clusters; larger k skipped", c.k());
                break;
            }
            double silhouette = c.silhouette().getAsDouble();
            silhouetteByK.put(c.k(), silhouette);
            LOG.info("k = {}: silhouette {} on {} customers", c.k(), silhouette, points.length);
            if (silhouette > bestSilhouette) {
                bestSilhouette = silhouette;
                best = c.centres();
            }
        }
        return best;
    }

    /** One candidate k: its centres and their silhouette, empty when fewer than k distinct clusters came out. */
    private record Candidate(int k, double[][] centres, OptionalDouble silhouette) {
        static Candidate fit(double[][] points, int k, ChurnlensConfig.Segment spec) {
            double[][] centres = LocalKMeans.fit(points, k, spec.seed(), spec.maxIterations());
            int[] assignment = new int[points.length];
            for (int p = 0; p < points.length; p++) assignment[p] = LocalKMeans.nearest(points[p], centres);
            if (centres.length < k || Arrays.stream(assignment).distinct().count() < k) {
                return new Candidate(k, centres, OptionalDouble.empty());
            }
            return new Candidate(k, centres, OptionalDouble.of(Silhouette.of(points, assignment, k)));
        }
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
