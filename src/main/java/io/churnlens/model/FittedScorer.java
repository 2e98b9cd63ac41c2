package io.churnlens.model;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted churn scorer (a learned model or a baseline). It adds {@link ModelFrame#RAW_SCORE} to customer_features
 * rows: uncalibrated, higher = more likely to churn; {@link PlattCalibration} turns it into a probability.
 */
public interface FittedScorer {
    /** logistic | gbt | recency | rfm_segment | bg_nbd: the {@link Scorer} that fitted it. */
    String name();

    /**
     * The input rows plus {@link ModelFrame#RAW_SCORE}. Some scorers rank relative to the whole population passed
     * (the RFM quintiles), so pass every customer of a snapshot, not a sample.
     */
    Dataset<Row> rawScores(Dataset<Row> features);

    /** Rows scored by {@link #rawScores} plus {@link ModelFrame#REASONS} (null when the scorer gives none). */
    default Dataset<Row> withReasons(Dataset<Row> scored) {
        return scored.withColumn(ModelFrame.REASONS, org.apache.spark.sql.functions.lit(null).cast("string"));
    }

    /** Features by importance (name, value), largest first; empty for baselines. */
    default List<Map.Entry<String, Double>> importances() {
        return List.of();
    }

    /** Chosen hyper-parameters and fitted values worth reporting, as name → value. */
    default Map<String, Double> selection() {
        return Map.of();
    }

    /** The fitted state as plain values for the model's metadata file (a learned model also has its pipeline). */
    ScorerState state();

    /** What {@link #state()} cannot hold: the fitted MLlib pipeline of a learned model; empty for baselines. */
    default Optional<PipelineModel> pipeline() {
        return Optional.empty();
    }
}
