package io.churnlens.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A fitted scorer with its calibration and its metrics on the validation and holdout customers. */
public record EvaluatedScorer(FittedScorer scorer, PlattCalibration calibration, BinaryMetrics validation,
                              BinaryMetrics holdout) {
    public String name() {
        return scorer.name();
    }

    /** The rows plus {@link ModelFrame#RAW_SCORE} and the calibrated {@code churn_probability}. */
    public Dataset<Row> probabilities(Dataset<Row> features, String probabilityColumn) {
        Dataset<Row> raw = scorer.rawScores(features);
        Column p = calibration.probability(raw.col(ModelFrame.RAW_SCORE));
        return raw.withColumn(probabilityColumn, p);
    }
}
