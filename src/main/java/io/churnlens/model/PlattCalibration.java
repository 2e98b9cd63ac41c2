package io.churnlens.model;

import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;

import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;

/**
 * Platt scaling: P(churn) = 1 / (1 + exp(−(intercept + slope × raw score))), fitted by unweighted maximum likelihood
 * on the validation split. Unweighted on purpose: the class weights of training shift the raw scores, and this fit
 * puts the probabilities back on the observed churn rate. Monotone, so it never changes a ranking (ROC AUC).
 */
public record PlattCalibration(double intercept, double slope) implements Serializable {

    public static PlattCalibration fit(Dataset<Row> validation, String rawScore, String label) {
        Dataset<Row> data = new VectorAssembler().setInputCols(new String[]{rawScore}).setOutputCol("_platt_x")
                .transform(validation.select(rawScore, label))
                .withColumn("_platt_y", org.apache.spark.sql.functions.col(label).cast("double"));
        LogisticRegressionModel lr = new LogisticRegression().setFeaturesCol("_platt_x").setLabelCol("_platt_y")
                .setRegParam(0.0).setStandardization(false).setMaxIter(100).fit(data);
        return new PlattCalibration(lr.intercept(), lr.coefficients().apply(0));
    }

    public Column probability(Column rawScore) {
        return lit(1.0).divide(lit(1.0).plus(exp(rawScore.multiply(-slope).minus(intercept))));
    }
}
