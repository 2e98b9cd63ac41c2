package io.churnlens.model;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.Arrays;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

/**
 * The {@code customer_scores} table ({@link ScoreColumns}): a stored churn model applied to every customer of one
 * customer_features snapshot, with the risk tier, the top three reasons, and the segment and CLV columns of the same
 * snapshot when those stages ran (null otherwise).
 */
public final class CustomerScoring {
    private CustomerScoring() {}

    /**
     * @param segments      customer_segments of the snapshot, if published
     * @param values        customer_value of the snapshot, if published
     * @param clvHorizonMonths clv.horizon-months: expected_revenue_12m is filled only when it is 12
     */
    public static Dataset<Row> score(ChurnModel model, Dataset<Row> features, Optional<Dataset<Row>> segments,
                                     Optional<Dataset<Row>> values, ChurnlensConfig.Model settings, int clvHorizonMonths) {
        Dataset<Row> raw = model.scorer().rawScores(features);
        Column p = model.calibration().probability(col(ModelFrame.RAW_SCORE));
        Dataset<Row> scored = model.scorer().withReasons(raw.withColumn(ScoreColumns.CHURN_PROBABILITY, p));
        Column reasons = split(col(ModelFrame.REASONS), "\\" + ModelFrame.REASON_SEPARATOR);
        Column prob = col(ScoreColumns.CHURN_PROBABILITY);
        Dataset<Row> out = scored.select(
                col(FeatureColumns.CUSTOMER_ID),
                prob,
                when(prob.geq(settings.riskHigh()), "high").when(prob.geq(settings.riskMedium()), "medium").otherwise("low")
                        .as(ScoreColumns.RISK_TIER),
                nullif(try_element_at(reasons, lit(1)), lit("")).as(ScoreColumns.REASON_1),
                try_element_at(reasons, lit(2)).as(ScoreColumns.REASON_2),
                try_element_at(reasons, lit(3)).as(ScoreColumns.REASON_3),
                lit(model.scorerName()).as(ScoreColumns.SCORER));
        out = out.join(segments.map(s -> s.select(SegmentColumns.CUSTOMER_ID, SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME))
                        .orElseGet(() -> emptyLike(scored, SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME)),
                FeatureColumns.CUSTOMER_ID, "left");
        out = out.join(values.map(v -> v.select(ClvColumns.CUSTOMER_ID, ClvColumns.P_ALIVE, ClvColumns.EXPECTED_PURCHASES,
                                ClvColumns.EXPECTED_SPEND, ClvColumns.CLV))
                        .orElseGet(() -> emptyLike(scored, ClvColumns.P_ALIVE, ClvColumns.EXPECTED_PURCHASES,
                                ClvColumns.EXPECTED_SPEND, ClvColumns.CLV)),
                FeatureColumns.CUSTOMER_ID, "left");
        Column revenue = clvHorizonMonths == 12
                ? col(ClvColumns.EXPECTED_PURCHASES).multiply(col(ClvColumns.EXPECTED_SPEND))
                : lit(null).cast(DataTypes.DoubleType);
        out = out.withColumn(ScoreColumns.EXPECTED_REVENUE_12M, revenue);
        return out.select(Arrays.stream(ScoreColumns.SCHEMA.fields())
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name())).toArray(Column[]::new));
    }

    /** No rows: a left join with it adds the columns as nulls. */
    private static Dataset<Row> emptyLike(Dataset<Row> any, String... columns) {
        Dataset<Row> d = any.sparkSession().range(0).select(lit("").as(FeatureColumns.CUSTOMER_ID)).limit(0);
        for (String c : columns) {
            d = d.withColumn(c, lit(null).cast(c.equals(SegmentColumns.RFM_SEGMENT) || c.equals(SegmentColumns.CLUSTER_NAME)
                    ? DataTypes.StringType : DataTypes.DoubleType));
        }
        return d;
    }
}
