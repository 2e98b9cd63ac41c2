package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The driver's evaluation (one collected score column) and Spark's give the same calibration and metrics. */
class EvaluationTest extends SparkTestBase {
    @Test
    void driverAndSparkAgreeOnCalibrationAndEveryHoldoutMetric() {
        Random random = new Random(3);
        String[] splits = {ModelFrame.TRAIN, ModelFrame.TRAIN, ModelFrame.TRAIN, ModelFrame.VALIDATION, ModelFrame.HOLDOUT};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            int recency = random.nextInt(400);
            int churned = random.nextDouble() < 0.2 + recency / 600.0 ? 1 : 0;
            rows.add(RowFactory.create("c" + i, recency, churned, splits[i % splits.length]));
        }
        Dataset<Row> data = spark.createDataFrame(rows, new StructType().add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType)
                .add(FeatureColumns.RECENCY_DAYS, DataTypes.IntegerType).add(FeatureColumns.CHURNED, DataTypes.IntegerType)
                .add(ModelFrame.SPLIT, DataTypes.StringType));
        EvaluatedScorer driver = Evaluation.DRIVER.evaluate(new RecencyScorer(), data);
        EvaluatedScorer onSpark = Evaluation.SPARK.evaluate(new RecencyScorer(), data);
        assertThat(driver.holdout().customers()).isEqualTo(300);
        assertThat(driver.validation().customers()).isEqualTo(300);
        assertThat(driver.calibration().slope()).isCloseTo(onSpark.calibration().slope(), within(1e-4));
        assertThat(driver.calibration().intercept()).isCloseTo(onSpark.calibration().intercept(), within(1e-4));
        assertThat(driver.holdout().rocAuc()).isEqualTo(onSpark.holdout().rocAuc());
        assertThat(driver.holdout().rocAuc()).isGreaterThan(0.6);
        assertThat(driver.holdout().logLoss()).isCloseTo(onSpark.holdout().logLoss(), within(1e-6));
        assertThat(driver.validation().brier()).isCloseTo(onSpark.validation().brier(), within(1e-6));
        assertThat(driver.holdout().calibrationError()).isCloseTo(onSpark.holdout().calibrationError(), within(1e-5));
        assertThat(Evaluation.forRows(LocalScores.MAX_ROWS)).isEqualTo(Evaluation.DRIVER);
        assertThat(Evaluation.forRows(LocalScores.MAX_ROWS + 1)).isEqualTo(Evaluation.SPARK);
    }
}
