package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
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
    static final String PIPELINE_DIR = "pipeline";

    protected final PipelineModel pipeline;
    protected final List<String> features;
    protected final Map<String, Double> selection;

    PipelineScorer(PipelineModel pipeline, List<String> features, Map<String, Double> selection) {
        this.pipeline = pipeline;
        this.features = List.copyOf(features);
        this.selection = selection;
    }

    /** One point of a hyper-parameter grid: the stages to fit and the values to report. */
    record GridPoint(PipelineStage[] stages, Map<String, Double> values) {}

    /**
     * Fits every grid point on the weighted training rows and keeps the one with the best ROC AUC on the validation
     * rows (ties: the earlier point). The class weights give each class half the total weight.
     */
    static <S extends PipelineScorer> S fitBest(Dataset<Row> train, Dataset<Row> validation, List<GridPoint> grid,
                                                Function<GridPoint, Function<PipelineModel, S>> build) {
        Dataset<Row> weighted = withClassWeights(train).cache();
        try {
            S best = null;
            double bestAuc = Double.NEGATIVE_INFINITY;
            for (GridPoint point : grid) {
                S scorer = build.apply(point).apply(new Pipeline().setStages(point.stages()).fit(weighted));
                double auc = BinaryMetrics.of(scorer.rawScores(validation), ModelFrame.RAW_SCORE, FeatureColumns.CHURNED).rocAuc();
                LOG.info("{} {}: validation ROC AUC {}", scorer.name(), point.values(), auc);
                if (auc > bestAuc) {
                    best = scorer;
                    bestAuc = auc;
                }
            }
            return best;
        } finally {
            weighted.unpersist();
        }
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
    public Map<String, Object> state() {
        return Map.of("features", features, "selection", selection);
    }

    @Override
    public void saveArtifacts(String dir) {
        try {
            pipeline.write().overwrite().save(dir + "/" + PIPELINE_DIR);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("saving the " + name() + " pipeline under " + dir + " failed", e);
        }
    }
}
