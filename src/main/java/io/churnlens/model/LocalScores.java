package io.churnlens.model;

import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Scores and 0/1 labels of one evaluation set held on the driver: a scorer's validation or holdout customers, collected
 * in one Spark job, so Platt scaling, the grid choice and every metric run on arrays instead of a chain of small jobs
 * each. Bounded: used only when the set holds at most {@link #MAX_ROWS} customers (about 16 bytes each here, some
 * 80 bytes each in flight as rows); a larger population is evaluated on Spark ({@link BinaryMetrics#of(Dataset,
 * String, String)}, {@link PlattCalibration#fit(Dataset, String, String)}).
 */
record LocalScores(double[] scores, int[] labels) {
    /** Validation and holdout customers together, at most; 1,000,000 is 2.5M labelled customers at the default split. */
    static final long MAX_ROWS = 1_000_000L;

    /** The rows of {@code scored} whose split is validation, then holdout ({@code scoreColumn}, churned), in one job. */
    static LocalScores[] validationAndHoldout(Dataset<Row> scored, String scoreColumn) {
        Column split = col(ModelFrame.SPLIT);
        Column code = when(split.equalTo(ModelFrame.VALIDATION), 0).otherwise(2)
                .plus(col(FeatureColumns.CHURNED).cast("int"));
        List<Row> rows = scored.where(split.notEqual(ModelFrame.TRAIN))
                .select(code, col(scoreColumn).cast("double")).collectAsList();
        int validation = (int) rows.stream().filter(r -> r.getInt(0) < 2).count();
        LocalScores v = new LocalScores(new double[validation], new int[validation]);
        LocalScores h = new LocalScores(new double[rows.size() - validation], new int[rows.size() - validation]);
        int iv = 0, ih = 0;
        for (Row r : rows) {
            int c = r.getInt(0);
            if (c < 2) {
                v.scores[iv] = r.getDouble(1);
                v.labels[iv++] = c;
            } else {
                h.scores[ih] = r.getDouble(1);
                h.labels[ih++] = c - 2;
            }
        }
        return new LocalScores[]{v, h};
    }

    /** Every row of {@code scored} ({@code scoreColumn}, churned), in one job. */
    static LocalScores of(Dataset<Row> scored, String scoreColumn) {
        List<Row> rows = scored.select(col(scoreColumn).cast("double"),
                when(col(FeatureColumns.CHURNED).equalTo(1), lit(1)).otherwise(lit(0))).collectAsList();
        LocalScores out = new LocalScores(new double[rows.size()], new int[rows.size()]);
        for (int i = 0; i < rows.size(); i++) {
            out.scores[i] = rows.get(i).getDouble(0);
            out.labels[i] = rows.get(i).getInt(1);
        }
        return out;
    }

    /** The same customers with {@code f} applied to every score (e.g. a calibration). */
    LocalScores map(DoubleUnaryOperator f) {
        return new LocalScores(Arrays.stream(scores).map(f).toArray(), labels);
    }

    int size() {
        return scores.length;
    }
}
