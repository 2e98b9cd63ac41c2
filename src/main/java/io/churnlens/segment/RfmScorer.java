package io.churnlens.segment;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;
import java.util.function.BiFunction;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.when;

/**
 * R, F and M scores 1-5 by quintile of recency_days, purchase_days and monetary_total, and the named segment of
 * {@link RfmSegmentMap}.
 *
 * <p><b>Ties:</b> a score depends on the value only, never on the customer or the row order: the four exact
 * quintile breakpoints b1..b4 (Spark's {@code percentile}, linear interpolation) are computed once, and
 * F = 1 + #{b : value > b}, M likewise, R = 1 + #{b : recency < b} (recent is good). Equal values therefore always
 * share a score, and a run on the same data gives the same scores. The price: when many customers share a value
 * (typically purchase_days = 1) the quintiles are uneven and some scores may be skipped.
 *
 * <p><b>Cost:</b> one aggregation job over the features; the exact percentile keeps a count per distinct value,
 * which is fine for millions of customers (monetary values are whole cents).
 */
public final class RfmScorer {
    private static final double[] QUINTILES = {0.2, 0.4, 0.6, 0.8};

    private RfmScorer() {}

    /** The input columns plus r_score, f_score, m_score (int 1-5), rfm_cell ("545") and rfm_segment. */
    public static Dataset<Row> score(Dataset<Row> features) {
        Row breakpoints = features.agg(
                percentile(col(FeatureColumns.RECENCY_DAYS).cast(DataTypes.DoubleType), lit(QUINTILES)),
                percentile(col(FeatureColumns.PURCHASE_DAYS).cast(DataTypes.DoubleType), lit(QUINTILES)),
                percentile(col(FeatureColumns.MONETARY_TOTAL).cast(DataTypes.DoubleType), lit(QUINTILES))).first();
        Column r = scoreBelow(col(FeatureColumns.RECENCY_DAYS), breakpoints.isNullAt(0) ? List.of() : breakpoints.getList(0));
        Column f = scoreAbove(col(FeatureColumns.PURCHASE_DAYS), breakpoints.isNullAt(1) ? List.of() : breakpoints.getList(1));
        Column m = scoreAbove(col(FeatureColumns.MONETARY_TOTAL), breakpoints.isNullAt(2) ? List.of() : breakpoints.getList(2));
        Dataset<Row> scored = features
                .withColumn(SegmentColumns.R_SCORE, r)
                .withColumn(SegmentColumns.F_SCORE, f)
                .withColumn(SegmentColumns.M_SCORE, m);
        Column rs = col(SegmentColumns.R_SCORE);
        Column fs = col(SegmentColumns.F_SCORE);
        Column ms = col(SegmentColumns.M_SCORE);
        return scored
                .withColumn(SegmentColumns.RFM_CELL, concat(rs.cast(DataTypes.StringType), fs.cast(DataTypes.StringType),
                        ms.cast(DataTypes.StringType)))
                .withColumn(SegmentColumns.RFM_SEGMENT, RfmSegmentMap.segment(rs, fs, ms));
    }

    /** 1 + number of breakpoints strictly below the value: higher is better. */
    static Column scoreAbove(Column value, List<Double> breakpoints) {
        return score(value, breakpoints, Column::gt);
    }

    /** 1 + number of breakpoints strictly above the value: lower is better. */
    static Column scoreBelow(Column value, List<Double> breakpoints) {
        return score(value, breakpoints, Column::lt);
    }

    /** 1 + the number of breakpoints the value passes, in the direction {@code passes} compares. */
    private static Column score(Column value, List<Double> breakpoints, BiFunction<Column, Object, Column> passes) {
        Column score = lit(1);
        Column v = value.cast(DataTypes.DoubleType);
        for (double b : breakpoints) {
            score = score.plus(when(passes.apply(v, b), 1).otherwise(0));
        }
        return score.cast(DataTypes.IntegerType);
    }
}
