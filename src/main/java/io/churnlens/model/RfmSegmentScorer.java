package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.segment.RfmScorer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Baseline: the churn rate of the customer's RFM segment among the training customers, smoothed as
 * (churners + 1) / (customers + 2). Segments come from {@link RfmScorer}: quintiles of the population passed, so the
 * scorer ranks a snapshot's customers against each other, as the segment stage does. Raw score: the rate's log-odds.
 */
public final class RfmSegmentScorer implements FittedScorer {
    public static final String NAME = io.churnlens.schema.ModelColumns.SCORER_RFM_SEGMENT;
    private final Map<String, Double> rates;
    private final double overallRate;

    RfmSegmentScorer(Map<String, Double> rates, double overallRate) {
        this.rates = new TreeMap<>(rates);
        this.overallRate = overallRate;
    }

    /** @param labelled every labelled customer (segments need the population); rates use the rows where {@code isTrain}. */
    public static RfmSegmentScorer fit(Dataset<Row> labelled, Column isTrain) {
        Dataset<Row> train = segments(labelled).where(isTrain);
        Map<String, Double> rates = new LinkedHashMap<>();
        long n = 0, churners = 0;
        for (Row r : train.groupBy(SegmentColumns.RFM_SEGMENT)
                .agg(count(lit(1)), sum(col(FeatureColumns.CHURNED).cast("long"))).collectAsList()) {
            rates.put(r.getString(0), (r.getLong(2) + 1.0) / (r.getLong(1) + 2.0));
            n += r.getLong(1);
            churners += r.getLong(2);
        }
        return new RfmSegmentScorer(rates, (churners + 1.0) / (n + 2.0));
    }

    static RfmSegmentScorer fromState(ScorerState state) {
        return new RfmSegmentScorer(state.rates(), state.overallRate());
    }

    private static Dataset<Row> segments(Dataset<Row> features) {
        return RfmScorer.score(features).drop(SegmentColumns.R_SCORE, SegmentColumns.F_SCORE, SegmentColumns.M_SCORE,
                SegmentColumns.RFM_CELL);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset<Row> rawScores(Dataset<Row> features) {
        Column rate = lit(overallRate);
        for (Map.Entry<String, Double> e : rates.entrySet()) {
            rate = when(col(SegmentColumns.RFM_SEGMENT).equalTo(e.getKey()), e.getValue()).otherwise(rate);
        }
        Column logit = org.apache.spark.sql.functions.log(rate.divide(lit(1.0).minus(rate)));
        return segments(features).withColumn(ModelFrame.RAW_SCORE, logit).drop(SegmentColumns.RFM_SEGMENT);
    }

    @Override
    public ScorerState state() {
        return ScorerState.rfmSegment(rates, overallRate);
    }
}
