package io.churnlens.model;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.config.ChurnlensConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a {@link Scorer} fits on in one training run.
 *
 * @param all        every labelled customer with the split column (RFM segments rank the whole population)
 * @param isTrain    true on the training split's rows of {@code all}
 * @param fitRows    the training rows the fits use: the training split, or a {@link TrainingSample} of it
 * @param validation the validation split (grid choice)
 * @param horizon    H in the time unit of the features' t_x and t_cal (the BG/NBD baseline)
 * @param evaluation where the grid choice, calibration and metrics are computed
 * @param inputs     the inputs the learned models read besides model.features (their columns are in the rows)
 */
record TrainingData(Dataset<Row> all, Column isTrain, Dataset<Row> fitRows, Dataset<Row> validation,
                    ChurnlensConfig.Model settings, double horizon, int maxDistinctStatistics, FitBudget budget,
                    Evaluation evaluation, ModelInputs inputs) {

    /** model.features, then the added inputs. */
    java.util.List<String> learnedInputs() {
        java.util.List<String> out = new java.util.ArrayList<>(settings.features());
        out.addAll(inputs.columns());
        return out;
    }
}
