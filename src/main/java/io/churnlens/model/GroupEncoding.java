package io.churnlens.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * One-hot encoding of one string column of customer_features (country, channel) with a rare-level bucket: the
 * levels held by at least a given share of the training customers, fixed at training and stored with the model, each
 * become a 0/1 input named {@code column=level}; every other level (rare in training, or first seen when scoring)
 * is {@code column=(other)}; a missing value is the level {@code (none)}. Input names keep the level readable
 * (importances and reasons show them); characters Spark treats specially in a column name become '_'.
 *
 * @param column the customer_features column
 * @param levels the kept levels, sorted
 */
record GroupEncoding(String column, List<String> levels) {
    static final String OTHER = "(other)";
    static final String NONE = "(none)";

    GroupEncoding {
        levels = List.copyOf(levels);
    }

    /**
     * The levels of {@code column} in {@code trainRows} held by at least {@code minShare} of them; empty when fewer
     * than two inputs would result (one level everywhere, e.g. a column the input does not map: nothing to learn).
     */
    static Optional<GroupEncoding> fit(Dataset<Row> trainRows, String column, double minShare) {
        List<Row> counts = trainRows.groupBy(level(column).as("level")).count().orderBy("level").collectAsList();
        long total = counts.stream().mapToLong(r -> r.getLong(1)).sum();
        List<String> kept = new ArrayList<>();
        boolean rare = false;
        for (Row r : counts) {
            if (total > 0 && (double) r.getLong(1) / total >= minShare) kept.add(r.getString(0));
            else rare = true;
        }
        return kept.size() + (rare ? 1 : 0) < 2 ? Optional.empty() : Optional.of(new GroupEncoding(column, kept));
    }

    /** The column's value with a missing one as {@link #NONE}. */
    private static Column level(String column) {
        return coalesce(col(column).cast("string"), lit(NONE));
    }

    /** Input names in order: one per kept level, then the rare-level bucket. */
    List<String> inputNames() {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String l : levels) {
            String name = column + "=" + l.replaceAll("[.`|,;\\p{Cntrl}]", "_");
            while (!seen.add(name)) name = name + "_";
            names.add(name);
        }
        names.add(column + "=" + OTHER);
        return names;
    }

    /** {@code rows} plus the 0/1 inputs of {@link #inputNames()} (one projection). */
    Dataset<Row> addTo(Dataset<Row> rows) {
        List<String> names = inputNames();
        Column level = level(column);
        List<Column> out = new ArrayList<>();
        for (String c : rows.columns()) out.add(col("`" + c + "`"));
        for (int i = 0; i < levels.size(); i++) {
            out.add(when(level.equalTo(lit(levels.get(i))), 1.0).otherwise(0.0).as(names.get(i)));
        }
        Column known = levels.isEmpty() ? lit(false) : level.isin(levels.toArray());
        out.add(when(known, 0.0).otherwise(1.0).as(names.get(levels.size())));
        return rows.select(out.toArray(Column[]::new));
    }
}
