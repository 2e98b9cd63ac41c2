package io.churnlens.model;

import io.churnlens.config.ChurnlensConfig;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient-boosted trees (logistic loss) on the imputed features; depth chosen on validation.
 *
 * <p>Reasons: trees have no per-feature term, so a feature's contribution for a customer is the change in the
 * model's log-odds (2 × margin under MLlib's loss) when that one feature is replaced by its training median, the
 * others left as they are. It answers "how much does this value, compared with a typical one, move this customer's
 * score"; the contributions do not add up to the score when features interact. Costs one tree-ensemble evaluation
 * per feature per customer, on the executors.
 */
public final class GbtScorer extends PipelineScorer {
    public static final String NAME = io.churnlens.schema.ModelColumns.SCORER_GBT;

    GbtScorer(PipelineModel pipeline, List<String> features, Map<String, Double> selection) {
        super(pipeline, features, selection);
    }

    static GbtScorer fit(Dataset<Row> train, Dataset<Row> validation, List<String> features,
                         ChurnlensConfig.Model settings, Evaluation evaluation) {
        List<GridPoint> grid = new ArrayList<>();
        for (int depth : settings.gbtMaxDepths()) {
            GBTClassifier gbt = new GBTClassifier().setFeaturesCol(FEATURES_VECTOR).setLabelCol(labelColumn())
                    .setWeightCol(ModelFrame.WEIGHT).setRawPredictionCol(RAW_PREDICTION)
                    .setProbabilityCol("_probability").setPredictionCol("_prediction")
                    .setMaxDepth(depth).setMaxIter(settings.gbtMaxIterations()).setStepSize(settings.gbtStepSize())
                    .setSeed(settings.seed());
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("max_depth", (double) depth);
            values.put("max_iterations", (double) settings.gbtMaxIterations());
            values.put("step_size", settings.gbtStepSize());
            grid.add(new GridPoint(gbt, values));
        }
        PipelineStage[] prep = {
                FeaturePrep.castToDouble(features),
                FeaturePrep.medianImputer(features),
                new VectorAssembler().setInputCols(features.stream().map(FeaturePrep::imputed).toArray(String[]::new))
                        .setOutputCol(FEATURES_VECTOR)};
        return fitBest(train, validation, evaluation, prep, grid, (point, model) -> new GbtScorer(model, features, point.values()));
    }

    private GBTClassificationModel classifier() {
        return classifier(GBTClassificationModel.class);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset<Row> withReasons(Dataset<Row> scored) {
        GBTClassificationModel gbt = classifier();
        double[] medians = FeaturePrep.medians(stage(ImputerModel.class), features);
        return withReasons(scored, FEATURES_VECTOR, v -> {
            double[] x = v.toArray();
            double base = gbt.predictRaw(v).apply(1);
            double[] contributions = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double kept = x[i];
                x[i] = medians[i];
                contributions[i] = 2 * (base - gbt.predictRaw(new DenseVector(x)).apply(1));
                x[i] = kept;
            }
            return contributions;
        });
    }

    /** MLlib's impurity-based importances (sum to 1), largest first. */
    @Override
    public List<Map.Entry<String, Double>> importances() {
        return ranked(classifier().featureImportances().toArray(),
                Comparator.comparingDouble((Map.Entry<String, Double> e) -> -e.getValue()));
    }
}
