package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.spark.sql.functions.col;

/**
 * Where a training run measures its scorers (the grid choice, Platt scaling on validation, the validation and holdout
 * metrics): on the driver from one collected score column per scorer ({@link LocalScores}) when the validation and
 * holdout customers are few enough, else on Spark. Both compute the same quantities ({@link BinaryMetrics},
 * {@link PlattCalibration}); the driver saves the chain of small Spark jobs that dominates on small data.
 */
enum Evaluation {
    DRIVER, SPARK;

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    /** @param evaluationRows validation plus holdout customers */
    static Evaluation forRows(long evaluationRows) {
        return evaluationRows <= LocalScores.MAX_ROWS ? DRIVER : SPARK;
    }

    /** ROC AUC of {@link ModelFrame#RAW_SCORE} against churned over every row of {@code scored}. */
    double rocAuc(Dataset<Row> scored) {
        return this == DRIVER ? BinaryMetrics.of(LocalScores.of(scored, ModelFrame.RAW_SCORE)).rocAuc()
                : BinaryMetrics.of(scored, ModelFrame.RAW_SCORE, FeatureColumns.CHURNED).rocAuc();
    }

    /** Calibrates {@code scorer} on the validation rows of {@code data} and measures it on validation and holdout. */
    EvaluatedScorer evaluate(FittedScorer scorer, Dataset<Row> data) {
        EvaluatedScorer e = this == DRIVER ? onDriver(scorer, data) : onSpark(scorer, data);
        LOG.info("{}: holdout ROC AUC {} PR AUC {} calibration error {}", scorer.name(), e.holdout().rocAuc(),
                e.holdout().prAuc(), e.holdout().calibrationError());
        return e;
    }

    private static EvaluatedScorer onDriver(FittedScorer scorer, Dataset<Row> data) {
        LocalScores[] raw = LocalScores.validationAndHoldout(scorer.rawScores(data), ModelFrame.RAW_SCORE);
        PlattCalibration platt = PlattCalibration.fit(raw[0]);
        return new EvaluatedScorer(scorer, platt, BinaryMetrics.of(raw[0].map(platt::probability)),
                BinaryMetrics.of(raw[1].map(platt::probability)));
    }

    private static EvaluatedScorer onSpark(FittedScorer scorer, Dataset<Row> data) {
        Dataset<Row> raw = scorer.rawScores(data).where(col(ModelFrame.SPLIT).notEqual(ModelFrame.TRAIN)).cache();
        try {
            PlattCalibration platt = PlattCalibration.fit(raw.where(col(ModelFrame.SPLIT).equalTo(ModelFrame.VALIDATION)),
                    ModelFrame.RAW_SCORE, FeatureColumns.CHURNED);
            Dataset<Row> p = raw.withColumn(ScoreColumns.CHURN_PROBABILITY, platt.probability(col(ModelFrame.RAW_SCORE)));
            return new EvaluatedScorer(scorer, platt, metrics(p, ModelFrame.VALIDATION), metrics(p, ModelFrame.HOLDOUT));
        } finally {
            raw.unpersist();
        }
    }

    private static BinaryMetrics metrics(Dataset<Row> probabilities, String split) {
        return BinaryMetrics.of(probabilities.where(col(ModelFrame.SPLIT).equalTo(split)),
                ScoreColumns.CHURN_PROBABILITY, FeatureColumns.CHURNED);
    }
}
