package io.churnlens.model;

import io.churnlens.btyd.fit.FitBudget;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A learned scorer whose pipeline reads the {@link ModelInputs} columns: they are added to the rows before it
 * scores them (the BTYD inputs fitted on those rows, the groups with the stored levels), so any caller — scoring,
 * the curves, the back-test — passes plain customer_features of one snapshot.
 */
final class InputScorer implements FittedScorer {
    private final FittedScorer inner;
    private final ModelInputs inputs;
    private final int maxDistinctStatistics;
    private final FitBudget budget;

    InputScorer(FittedScorer inner, ModelInputs inputs, int maxDistinctStatistics, FitBudget budget) {
        this.inner = inner;
        this.inputs = inputs;
        this.maxDistinctStatistics = maxDistinctStatistics;
        this.budget = budget;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Dataset<Row> rawScores(Dataset<Row> features) {
        return inner.rawScores(inputs.addTo(features, maxDistinctStatistics, budget));
    }

    /** {@code scored} comes from {@link #rawScores}, so it holds the inputs already. */
    @Override
    public Dataset<Row> withReasons(Dataset<Row> scored) {
        return inner.withReasons(scored);
    }

    @Override
    public List<Map.Entry<String, Double>> importances() {
        return inner.importances();
    }

    @Override
    public Map<String, Double> selection() {
        return inner.selection();
    }

    @Override
    public ScorerState state() {
        return inner.state().withInputs(inputs);
    }

    @Override
    public Optional<PipelineModel> pipeline() {
        return inner.pipeline();
    }
}
