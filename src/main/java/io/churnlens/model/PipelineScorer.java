package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * A learned scorer: an MLlib {@link PipelineModel} whose last stage is a binary classifier. The raw score is the
 * classifier's margin (rawPrediction[1]); the pipeline starts from customer_features columns (see
 * {@link FeaturePrep}), so it can be saved and applied to any later snapshot.
 */
abstract class PipelineScorer implements FittedScorer {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineScorer.class);
    static final String FEATURES_VECTOR = "_features";
    static final String RAW_PREDICTION = "_raw_prediction";

    protected final PipelineModel pipeline;
    protected final List<String> features;
    protected final Map<String, Double> selection;

    PipelineScorer(PipelineModel pipeline, List<String> features, Map<String, Double> selection) {
        this.pipeline = pipeline;
        this.features = List.copyOf(features);
        this.selection = selection;
    }

    /** One point of a hyper-parameter grid: the classifier to fit and the values to report. */
    record GridPoint(Estimator<?> classifier, Map<String, Double> values) {}

    /**
     * Fits the feature preparation ({@code prep}: casts, imputer, scaler) once on the weighted training rows, caches
     * the prepared rows, fits every grid point's classifier on them, and keeps the pipeline (prep + classifier, the
     * same stages as one {@link Pipeline} fit) with the best ROC AUC on the validation rows (ties: the earlier
     * point), measured where {@code evaluation} says. The class weights give each class half the total weight. The
     * preparation's fit does not depend on the grid point, so fitting it once gives the same pipelines as fitting it
     * per point.
     */
    static <S extends PipelineScorer> S fitBest(Dataset<Row> train, Dataset<Row> validation, Evaluation evaluation,
                                                PipelineStage[] prep, List<GridPoint> grid,
                                                BiFunction<GridPoint, PipelineModel, S> build) {
        Dataset<Row> weighted = withClassWeights(train);
        PipelineModel prepared = new Pipeline().setStages(prep).fit(weighted);
        Dataset<Row> rows = prepared.transform(weighted).cache();
        try {
            List<S> fitted = ParallelFits.map(grid, point -> build.apply(point, withStage(prepared, point.classifier().fit(rows), weighted)));
            if (fitted.size() == 1) {
                return fitted.get(0); // nothing to choose: no validation pass
            }
            List<Double> aucs = ParallelFits.map(fitted, scorer -> evaluation.rocAuc(scorer.rawScores(validation)));
            S best = null;
            double bestAuc = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < grid.size(); i++) {
                LOG.info("{} {}: validation ROC AUC {}", fitted.get(i).name(), grid.get(i).values(), aucs.get(i));
                if (aucs.get(i) > bestAuc) {
                    best = fitted.get(i);
                    bestAuc = aucs.get(i);
                }
            }
            return best;
        } finally {
            rows.unpersist();
        }
    }

    /** One flat pipeline model: the fitted preparation's stages, then the classifier (a fit of transformers only reads no rows). */
    private static PipelineModel withStage(PipelineModel prepared, Transformer classifier, Dataset<Row> schemaOf) {
        PipelineStage[] stages = Arrays.copyOf(prepared.stages(), prepared.stages().length + 1, PipelineStage[].class);
        stages[stages.length - 1] = classifier;
        return new Pipeline().setStages(stages).fit(schemaOf);
    }

    /** The last stage: the fitted classifier. */
    @SuppressWarnings("unchecked")
    <T extends Transformer> T classifier(Class<T> type) {
        return type.cast(pipeline.stages()[pipeline.stages().length - 1]);
    }

    /** The first stage of this type (e.g. the imputer with the training medians). */
    <T extends Transformer> T stage(Class<T> type) {
        return Arrays.stream(pipeline.stages()).filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException(name() + " pipeline has no " + type.getSimpleName()));
    }

    static Dataset<Row> withClassWeights(Dataset<Row> train) {
        Row counts = train.agg(count(lit(1)), sum(col(FeatureColumns.CHURNED).cast("long"))).first();
        double n = counts.getLong(0);
        double churners = counts.getLong(1);
        if (churners == 0 || churners == n) {
            throw new IllegalArgumentException("the training split holds only one class (" + (long) churners
                    + " churners of " + (long) n + " customers): nothing to learn; use more data or another snapshot");
        }
        Column label = col(FeatureColumns.CHURNED);
        return train.withColumn(ModelFrame.WEIGHT, when(label.equalTo(1), n / (2 * churners)).otherwise(n / (2 * (n - churners))))
                .withColumn(FeatureColumns.CHURNED + "_d", label.cast("double"));
    }

    static String labelColumn() {
        return FeatureColumns.CHURNED + "_d";
    }

    @Override
    public Dataset<Row> rawScores(Dataset<Row> rows) {
        Column[] keep = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        return pipeline.transform(rows)
                .select(concat(keep, vector_to_array(col(RAW_PREDICTION), "float64").getItem(1).as(ModelFrame.RAW_SCORE)));
    }

    /** The pipeline applied up to (not including) the classifier: the feature vectors the classifier sees. */
    Dataset<Row> prepared(Dataset<Row> rows) {
        Transformer[] stages = pipeline.stages();
        Dataset<Row> out = rows;
        for (int i = 0; i < stages.length - 1; i++) {
            out = stages[i].transform(out);
        }
        return out;
    }

    /** A customer's per-feature contributions to the score, from the feature vector the classifier sees. */
    interface Contributions extends java.io.Serializable {
        double[] of(Vector features);
    }

    /**
     * {@code scored} plus {@link ModelFrame#REASONS}: the three largest {@code contributions} of each customer's
     * {@code vectorColumn} (a column of {@link #prepared}).
     */
    Dataset<Row> withReasons(Dataset<Row> scored, String vectorColumn, Contributions contributions) {
        String[] names = features.toArray(String[]::new);
        UserDefinedFunction reasons = udf((UDF1<Vector, String>) v -> Reasons.top(names, contributions.of(v)),
                DataTypes.StringType);
        Column[] keep = Arrays.stream(scored.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        return prepared(scored).select(concat(keep, reasons.apply(col(vectorColumn)).as(ModelFrame.REASONS)));
    }

    /** (feature, value) pairs in feature order, sorted by {@code order}. */
    List<Map.Entry<String, Double>> ranked(double[] values, Comparator<Map.Entry<String, Double>> order) {
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) out.add(new AbstractMap.SimpleEntry<>(features.get(i), values[i]));
        out.sort(order);
        return out;
    }

    static Column[] concat(Column[] columns, Column extra) {
        Column[] all = Arrays.copyOf(columns, columns.length + 1);
        all[columns.length] = extra;
        return all;
    }

    @Override
    public Map<String, Double> selection() {
        return selection;
    }

    @Override
    public ScorerState state() {
        return ScorerState.pipeline(features, selection);
    }

    @Override
    public Optional<PipelineModel> pipeline() {
        return Optional.of(pipeline);
    }
}
