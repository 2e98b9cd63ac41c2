package io.churnlens.model;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.Tables;
import org.apache.spark.ml.PipelineModel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The champion of a training run as stored under {@code <root>/models/churn/as_of=T/}: {@code metadata.json}
 * ({@link ModelMetadata}, see {@link #metadataJson()}) and, for a learned model, the fitted MLlib pipeline
 * ({@link #pipeline()}). {@code io.ModelStore} writes and reads both; this class only makes and reads their content.
 * Scoring a later snapshot with it needs only that snapshot's customer_features.
 */
public record ChurnModel(FittedScorer scorer, PlattCalibration calibration, ModelMetadata metadata) {

    public String scorerName() {
        return scorer.name();
    }

    /** The model trained for snapshot T (features as of T − H, labels from (T − H, T]). */
    public static ChurnModel of(TrainingResult result, LocalDate asOf, int horizonDays, ChurnlensConfig.Model settings,
                                String sparkVersion) {
        EvaluatedScorer champion = result.champion();
        LocalDate featuresAsOf = asOf.minusDays(horizonDays);
        ModelMetadata m = new ModelMetadata(asOf.toString(), ModelMetadata.Calibration.of(champion.calibration()),
                result.championReason(), Instant.now().toString(), inputsOf(champion, settings), featuresAsOf.toString(),
                ModelMetadata.FORMAT_VERSION, ModelMetadata.Holdout.of(champion.holdout()), horizonDays,
                "(" + featuresAsOf + ", " + asOf + "]", Tables.CHURN_MODEL, champion.name(), settings.seed(),
                sparkVersion, champion.scorer().state());
        return new ChurnModel(champion.scorer(), champion.calibration(), m);
    }

    /** Every input column the champion reads: a learned model's own list (model.features + added inputs). */
    private static java.util.List<String> inputsOf(EvaluatedScorer champion, ChurnlensConfig.Model settings) {
        java.util.List<String> own = champion.scorer().state().features();
        return own != null ? own : settings.features();
    }

    /** The text of {@code metadata.json}. */
    public String metadataJson() {
        return metadata.toJson();
    }

    /** The fitted MLlib pipeline to store beside the metadata; empty for a baseline. */
    public Optional<PipelineModel> pipeline() {
        return scorer.pipeline();
    }

    /**
     * The model a store holds: its metadata text and, for a learned scorer, its pipeline.
     *
     * @param source the model's folder, for messages (an unknown scorer, a learned scorer without a pipeline)
     */
    public static ChurnModel fromStored(String source, String metadataJson, Optional<PipelineModel> pipeline) {
        ModelMetadata m = ModelMetadata.fromJson(metadataJson, source);
        Scorer kind;
        try {
            kind = Scorer.named(m.scorer());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("model " + source + " has an unknown scorer '" + m.scorer() + "'", e);
        }
        FittedScorer scorer = kind.load(m.state(), pipeline, source);
        return new ChurnModel(scorer, m.calibration().platt(), m);
    }
}
