package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.log1p;

/** Baseline: days since the last purchase. Raw score log(1 + recency_days), so Platt scaling fits a power law. */
public final class RecencyScorer implements FittedScorer {
    public static final String NAME = io.churnlens.schema.ModelColumns.SCORER_RECENCY;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset<Row> rawScores(Dataset<Row> features) {
        return features.withColumn(ModelFrame.RAW_SCORE, log1p(col(FeatureColumns.RECENCY_DAYS).cast("double")));
    }

    @Override
    public ScorerState state() {
        return ScorerState.none();
    }
}
