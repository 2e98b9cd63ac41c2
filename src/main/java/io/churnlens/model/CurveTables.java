package io.churnlens.model;

import io.churnlens.schema.CurveColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The {@code model_curves} and {@code model_lift} rows ({@link CurveColumns}) of every evaluated scorer on the
 * holdout customers: each scorer's calibrated probabilities, scored on all labelled customers (a scorer may rank
 * relative to the population, as the RFM quintiles do) and measured on the holdout split only.
 */
public final class CurveTables {
    private final List<Row> points = new ArrayList<>();
    private final List<Row> lift = new ArrayList<>();

    /** @param splitLabelled the labelled customers with the trainer's split column ({@link ChurnTrainer#split}) */
    public static CurveTables of(TrainingResult result, Dataset<Row> splitLabelled) {
        CurveTables t = new CurveTables();
        for (EvaluatedScorer e : result.evaluated()) {
            Dataset<Row> holdout = e.probabilities(splitLabelled, ScoreColumns.CHURN_PROBABILITY)
                    .where(col(ModelFrame.SPLIT).equalTo(ModelFrame.HOLDOUT));
            t.add(e.name(), e == result.champion(), ModelFrame.HOLDOUT,
                    CurvePoints.of(holdout, ScoreColumns.CHURN_PROBABILITY, FeatureColumns.CHURNED));
        }
        return t;
    }

    CurveTables add(String scorer, boolean champion, String evaluation, CurvePoints c) {
        for (CurvePoints.Point p : c.points()) {
            points.add(RowFactory.create(scorer, champion, evaluation, p.point(), p.threshold(), p.flagged(),
                    p.flaggedShare(), p.truePositives(), p.falsePositives(), p.truePositiveRate(),
                    p.falsePositiveRate(), p.precision()));
        }
        for (CurvePoints.Decile d : c.deciles()) {
            lift.add(RowFactory.create(scorer, champion, evaluation, d.decile(), d.customers(), d.churners(),
                    d.churnRate(), d.lift(), d.cumulativeCapture()));
        }
        return this;
    }

    public Dataset<Row> points(SparkSession spark) {
        return spark.createDataFrame(points, CurveColumns.CURVES_SCHEMA);
    }

    public Dataset<Row> lift(SparkSession spark) {
        return spark.createDataFrame(lift, CurveColumns.LIFT_SCHEMA);
    }
}
