package io.churnlens.segment;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.features.StableLayout;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Behavioural clusters: MLlib k-means on log1p-transformed, standardised customer features, with k chosen by
 * silhouette.
 *
 * <p>The model is one {@link Pipeline}: {@code SQLTransformer} (log1p of max(value, 0), nulls as 0, so long-tailed
 * money and counts do not dominate) → {@code VectorAssembler} → {@code StandardScaler} (mean 0, sd 1) →
 * {@code KMeans} (seeded). Every k in [k-min, k-max] is fitted on a deterministic sample of at most
 * max-rows-for-k-selection customers (chosen by a salted hash of customer_id, so the same customers whatever the
 * partitioning) and scored by {@link ClusteringEvaluator} silhouette; the best k (the smaller on a tie) is then
 * refitted on all customers, and its silhouette on the sample is the one reported.
 *
 * <p><b>Stability:</b> the input is laid out by {@link StableLayout} before fitting, so k-means sees the
 * same rows in the same order on every run, and the reported cluster ids and names come from {@link ClusterNamer}
 * (ordered by value), not from the k-means index.
 *
 * <p><b>Danger:</b> the returned assignments are lazy and recompute the features' lineage when used more than
 * once; cache or read back the features first (the CLI reads them from Parquet).
 */
public final class BehaviouralClusters {
    private static final Logger LOG = LoggerFactory.getLogger(BehaviouralClusters.class);
    private static final String LOG_PREFIX = "_log1p_";
    private static final String RAW_VECTOR = "_cluster_input";
    private static final String SCALED_VECTOR = "_cluster_scaled";
    private static final String KMEANS_INDEX = "_kmeans_index";
    private static final long HASH_BUCKETS = 1_000_000L;

    private final ChurnlensConfig.Segment spec;

    public BehaviouralClusters(ChurnlensConfig.Segment spec) {
        this.spec = spec;
    }

    /**
     * The fitted clusters.
     *
     * @param assignments   customer_id, cluster_id, cluster_name (lazy)
     * @param k             clusters used
     * @param silhouette    silhouette of the final model on the selection sample; NaN with fewer than 3 customers
     * @param silhouetteByK silhouette of every candidate k that could be fitted, in ascending k
     * @param profiles      ordered, named clusters (cluster 1 first)
     * @param model         the fitted pipeline, empty when there were too few customers to cluster
     */
    public record Result(Dataset<Row> assignments, int k, double silhouette, Map<Integer, Double> silhouetteByK,
                         List<ClusterProfile> profiles, Optional<PipelineModel> model) {}

    public Result fit(Dataset<Row> features) {
        List<String> inputs = validatedInputs(features);
        LinkedHashSet<String> columns = new LinkedHashSet<>(List.of(FeatureColumns.CUSTOMER_ID,
                FeatureColumns.RECENCY_DAYS, FeatureColumns.PURCHASE_DAYS, FeatureColumns.MONETARY_TOTAL));
        columns.addAll(inputs);
        Dataset<Row> prepared = StableLayout.byCustomer(
                        features.select(columns.stream().map(c -> col(c)).toArray(Column[]::new)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long customers = prepared.count();
            if (customers <= spec.kMin()) {
                LOG.warn("only {} customers: k-means needs more than segment.k-min = {}; all customers go to one cluster",
                        customers, spec.kMin());
                return singleCluster(prepared, customers);
            }
            return fitAndName(prepared, inputs, customers);
        } finally {
            prepared.unpersist();
        }
    }

    private Result fitAndName(Dataset<Row> prepared, List<String> inputs, long customers) {
        Dataset<Row> sample = selectionSample(prepared, customers);
        long sampleSize = sample == prepared ? customers : sample.count();
        ClusteringEvaluator evaluator = new ClusteringEvaluator().setFeaturesCol(SCALED_VECTOR)
                .setPredictionCol(KMEANS_INDEX).setMetricName("silhouette").setDistanceMeasure("squaredEuclidean");

        Map<Integer, Double> silhouetteByK = new LinkedHashMap<>();
        PipelineModel best = null;
        int bestK = 0;
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        for (int k = spec.kMin(); k <= Math.min(spec.kMax(), sampleSize - 1); k++) {
            PipelineModel model = pipeline(inputs, k).fit(sample);
            if (centres(model) < k) {
                LOG.info("k = {}: k-means found only {} distinct centres; larger k skipped", k, centres(model));
                break;
            }
            double silhouette = evaluator.evaluate(model.transform(sample));
            silhouetteByK.put(k, silhouette);
            LOG.info("k = {}: silhouette {} on {} customers", k, silhouette, sampleSize);
            if (silhouette > bestSilhouette) {
                bestSilhouette = silhouette;
                bestK = k;
                best = model;
            }
        }
        if (best == null) {
            LOG.warn("no k in [{}, {}] gave distinct clusters; all customers go to one cluster", spec.kMin(), spec.kMax());
            return singleCluster(prepared, customers);
        }
        PipelineModel finalModel = sample == prepared ? best : pipeline(inputs, bestK).fit(prepared);
        double silhouette = sample == prepared ? bestSilhouette : evaluator.evaluate(finalModel.transform(sample));
        if (sample != prepared) sample.unpersist();
        LOG.info("chose k = {} (silhouette {} on the selection sample)", bestK, silhouette);

        Dataset<Row> clustered = finalModel.transform(prepared);
        List<ClusterProfile> profiles = ClusterNamer.name(profiles(clustered));
        Column id = null;
        Column name = null;
        for (ClusterProfile p : profiles) {
            Column match = col(KMEANS_INDEX).equalTo(p.kmeansIndex());
            id = id == null ? when(match, lit(p.clusterId())) : id.when(match, lit(p.clusterId()));
            name = name == null ? when(match, lit(p.name())) : name.when(match, lit(p.name()));
        }
        Dataset<Row> assignments = clustered.select(col(FeatureColumns.CUSTOMER_ID),
                id.as(SegmentColumns.CLUSTER_ID), name.as(SegmentColumns.CLUSTER_NAME));
        return new Result(assignments, bestK, silhouette, silhouetteByK, profiles, Optional.of(finalModel));
    }

    private Pipeline pipeline(List<String> inputs, int k) {
        String logs = inputs.stream()
                .map(c -> "log1p(greatest(coalesce(CAST(`" + c + "` AS DOUBLE), 0D), 0D)) AS `" + LOG_PREFIX + c + "`")
                .collect(Collectors.joining(", "));
        SQLTransformer log1p = new SQLTransformer().setStatement("SELECT *, " + logs + " FROM __THIS__");
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(inputs.stream().map(c -> LOG_PREFIX + c).toArray(String[]::new))
                .setOutputCol(RAW_VECTOR);
        StandardScaler scaler = new StandardScaler().setInputCol(RAW_VECTOR).setOutputCol(SCALED_VECTOR)
                .setWithMean(true).setWithStd(true);
        KMeans kMeans = new KMeans().setK(k).setSeed(spec.seed()).setMaxIter(spec.maxIterations())
                .setFeaturesCol(SCALED_VECTOR).setPredictionCol(KMEANS_INDEX);
        return new Pipeline().setStages(new PipelineStage[]{log1p, assembler, scaler, kMeans});
    }

    private static int centres(PipelineModel model) {
        return ((KMeansModel) model.stages()[model.stages().length - 1]).clusterCenters().length;
    }

    /** At most max-rows-for-k-selection customers, chosen by a salted hash of customer_id (not by partition order). */
    private Dataset<Row> selectionSample(Dataset<Row> prepared, long customers) {
        if (customers <= spec.maxRowsForKSelection()) return prepared;
        long keep = (long) Math.floor(HASH_BUCKETS * (double) spec.maxRowsForKSelection() / customers);
        return prepared
                .where(pmod(xxhash64(col(FeatureColumns.CUSTOMER_ID), lit(spec.seed())), lit(HASH_BUCKETS)).lt(keep))
                .persist(StorageLevel.MEMORY_AND_DISK());
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

    private static Result singleCluster(Dataset<Row> prepared, long customers) {
        List<ClusterProfile> profiles = List.of();
        if (customers > 0) {
            Row r = prepared.agg(avg(col(FeatureColumns.MONETARY_TOTAL).cast("double")),
                    avg(col(FeatureColumns.PURCHASE_DAYS).cast("double")),
                    avg(col(FeatureColumns.RECENCY_DAYS).cast("double"))).first();
            profiles = ClusterNamer.name(List.of(new ClusterProfile(0, 0, null, customers, r.getDouble(0),
                    r.getDouble(1), r.getDouble(2))));
        }
        String name = profiles.isEmpty() ? "C1" : profiles.get(0).name();
        Dataset<Row> assignments = prepared.select(col(FeatureColumns.CUSTOMER_ID), lit(1).as(SegmentColumns.CLUSTER_ID),
                lit(name).as(SegmentColumns.CLUSTER_NAME));
        return new Result(assignments, 1, Double.NaN, Map.of(), profiles, Optional.empty());
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
