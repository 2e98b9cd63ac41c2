package io.churnlens.model;

import io.churnlens.config.ChurnlensConfig;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic-net logistic regression on standardised features (signed log, then zero mean and unit variance; the
 * classifier itself does not standardise again, so its coefficients are per standard deviation). Reasons: the three
 * largest coefficient × standardised value terms, in log-odds of the uncalibrated model.
 */
public final class LogisticScorer extends PipelineScorer {
    public static final String NAME = io.churnlens.schema.ModelColumns.SCORER_LOGISTIC;
    private static final String SCALED = "_scaled";

    LogisticScorer(PipelineModel pipeline, List<String> features, Map<String, Double> selection) {
        super(pipeline, features, selection);
    }

    static LogisticScorer fit(Dataset<Row> train, Dataset<Row> validation, List<String> features,
                              ChurnlensConfig.Model settings, Evaluation evaluation) {
        List<GridPoint> grid = new ArrayList<>();
        for (double reg : settings.logisticRegParams()) {
            for (double mix : settings.logisticElasticNetParams()) {
                LogisticRegression lr = new LogisticRegression().setFeaturesCol(SCALED).setLabelCol(labelColumn())
                        .setWeightCol(ModelFrame.WEIGHT).setRawPredictionCol(RAW_PREDICTION)
                        .setProbabilityCol("_probability").setPredictionCol("_prediction")
                        .setRegParam(reg).setElasticNetParam(mix).setStandardization(false).setMaxIter(50).setTol(1e-5);
                Map<String, Double> values = new LinkedHashMap<>();
                values.put("reg_param", reg);
                values.put("elastic_net_param", mix);
                grid.add(new GridPoint(lr, values));
            }
        }
        return fitBest(train, validation, evaluation, prep(features), grid,
                (point, model) -> new LogisticScorer(model, features, point.values()));
    }

    private static PipelineStage[] prep(List<String> features) {
        return new PipelineStage[]{
                FeaturePrep.castToDouble(features),
                FeaturePrep.medianImputer(features),
                FeaturePrep.signedLog(features),
                new VectorAssembler().setInputCols(features.stream().map(FeaturePrep::logged).toArray(String[]::new))
                        .setOutputCol(FEATURES_VECTOR),
                new StandardScaler().setInputCol(FEATURES_VECTOR).setOutputCol(SCALED).setWithMean(true).setWithStd(true)};
    }

    private double[] coefficients() {
        return classifier(LogisticRegressionModel.class).coefficients().toArray();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset<Row> withReasons(Dataset<Row> scored) {
        double[] beta = coefficients();
        return withReasons(scored, SCALED, v -> {
            double[] contributions = new double[beta.length];
            for (int i = 0; i < beta.length; i++) contributions[i] = beta[i] * v.apply(i);
            return contributions;
        });
    }

    /** Coefficients per standard deviation (of the signed-log feature), largest magnitude first. */
    @Override
    public List<Map.Entry<String, Double>> importances() {
        return ranked(coefficients(), Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())));
    }
}
