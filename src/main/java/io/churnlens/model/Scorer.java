package io.churnlens.model;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.schema.ModelColumns;
import org.apache.spark.ml.PipelineModel;

import java.util.Arrays;
import java.util.Optional;

/**
 * The registry of churn scorers: each one's name (from {@link ModelColumns}, the list config validates against),
 * how it is fitted on a training run and how it is rebuilt from a stored model. A new scorer is one constant here
 * (and its name in {@link ModelColumns}).
 */
public enum Scorer {
    RECENCY(ModelColumns.SCORER_RECENCY, t -> Optional.of(new RecencyScorer()), (state, pipeline) -> new RecencyScorer()),
    RFM_SEGMENT(ModelColumns.SCORER_RFM_SEGMENT, t -> Optional.of(RfmSegmentScorer.fit(t.all(), t.isTrain())),
            (state, pipeline) -> RfmSegmentScorer.fromState(state)),
    BG_NBD(ModelColumns.SCORER_BG_NBD,
            t -> BgNbdScorer.fit(t.fitRows(), t.horizon(), t.maxDistinctStatistics(), t.budget()).map(FittedScorer.class::cast),
            (state, pipeline) -> BgNbdScorer.fromState(state)),
    LOGISTIC(ModelColumns.SCORER_LOGISTIC,
            t -> Optional.of(LogisticScorer.fit(t.fitRows(), t.validation(), t.learnedInputs(), t.settings(),
                    t.evaluation())),
            (state, pipeline) -> new LogisticScorer(pipeline, state.features(), state.selection())),
    GBT(ModelColumns.SCORER_GBT,
            t -> Optional.of(GbtScorer.fit(t.fitRows(), t.validation(), t.learnedInputs(), t.settings(),
                    t.evaluation())),
            (state, pipeline) -> new GbtScorer(pipeline, state.features(), state.selection()));

    /** Fits the scorer; empty when it cannot be built from this data (a BG/NBD fit that is not identified). */
    interface Fit {
        Optional<FittedScorer> apply(TrainingData data);
    }

    /** Rebuilds the scorer from its stored state and, for a learned scorer, its stored MLlib pipeline (else null). */
    interface Load {
        FittedScorer apply(ScorerState state, PipelineModel pipeline);
    }

    private final String scorerName;
    private final Fit fit;
    private final Load load;

    Scorer(String scorerName, Fit fit, Load load) {
        this.scorerName = scorerName;
        this.fit = fit;
        this.load = load;
    }

    /** The name in model_metrics, customer_scores, metadata.json and model.candidates / model.baselines. */
    public String scorerName() {
        return scorerName;
    }

    /** A baseline (no hyper-parameters, compared against the learned candidates). */
    public boolean isBaseline() {
        return ModelColumns.BASELINE_SCORERS.contains(scorerName);
    }

    /** A learned candidate: an MLlib pipeline stored beside the metadata. */
    public boolean isLearned() {
        return ModelColumns.CANDIDATE_SCORERS.contains(scorerName);
    }

    /** A learned scorer reads the run's {@link ModelInputs} too (and scores any later snapshot with them). */
    Optional<FittedScorer> fit(TrainingData data) {
        return fit.apply(data).map(s -> isLearned()
                ? data.inputs().wrap(s, data.maxDistinctStatistics(), data.budget()) : s);
    }

    /** @param source the model's folder, for the message when a learned model has no pipeline */
    FittedScorer load(ScorerState state, Optional<PipelineModel> pipeline, String source) {
        if (isLearned() && pipeline.isEmpty()) {
            throw new IllegalStateException("model " + source + " has the " + scorerName + " scorer but no stored pipeline");
        }
        FittedScorer scorer = load.apply(state, pipeline.orElse(null));
        // A model stored before the added inputs has none: it scores as it did.
        return isLearned() && state.inputs() != null
                ? state.inputs().wrap(scorer, ModelInputs.SCORING_MAX_DISTINCT_STATISTICS, FitBudget.DEFAULT) : scorer;
    }

    /** The scorer of this name; fails naming the known ones. */
    public static Scorer named(String name) {
        return Arrays.stream(values()).filter(s -> s.scorerName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scorer '" + name + "'; known: "
                        + Arrays.stream(values()).map(Scorer::scorerName).toList()));
    }
}
