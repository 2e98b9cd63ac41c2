package io.churnlens.drift;

import io.churnlens.config.DriftSettings;
import io.churnlens.schema.DriftColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

/**
 * The population stability index of each model feature between two customer_features snapshots. The bins are the
 * previous snapshot's quantiles (one pass for the edges), counted in both snapshots in one aggregation each; the
 * index itself is {@link Psi}. Quantiles are Spark's approximate ones at relative error {@value #QUANTILE_ERROR}
 * (exact on small tables).
 */
final class FeatureStability {
    static final double QUANTILE_ERROR = 0.001;

    private final DriftSettings settings;

    FeatureStability(DriftSettings settings) {
        this.settings = settings;
    }

    /** One psi row per feature found numeric in both snapshots, a note row for each one that is not. */
    List<Row> rows(LocalDate previous, Dataset<Row> then, Dataset<Row> now, List<String> features) {
        List<Row> out = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        for (String f : features) {
            if (numeric(then, f) && numeric(now, f)) {
                compared.add(f);
            } else {
                out.add(DriftRow.of(DriftColumns.PART_FEATURES, DriftColumns.KIND_NOTE, previous)
                        .set(DriftColumns.NAME, f)
                        .set(DriftColumns.NOTE, "not compared: not a numeric column of customer_features in both snapshots")
                        .toRow());
            }
        }
        if (compared.isEmpty()) return out;
        List<double[]> edges = edges(then, compared);
        Column[] aggregates = aggregates(compared, edges);
        Column[] rest = Arrays.copyOfRange(aggregates, 1, aggregates.length);
        Row countsThen = then.agg(aggregates[0], rest).first();
        Row countsNow = now.agg(aggregates[0], rest).first();
        if (countsThen.getLong(0) == 0 || countsNow.getLong(0) == 0) {
            out.add(DriftRow.note(DriftColumns.PART_FEATURES, previous, "not compared: customer_features has no "
                    + "customers " + (countsThen.getLong(0) == 0 ? "then" : "now")));
            return out;
        }
        for (int i = 0; i < compared.size(); i++) {
            out.add(row(previous, compared.get(i), edges.get(i), countsThen, countsNow, offset(edges, i)));
        }
        return out;
    }

    /** Distinct, sorted bin edges per feature: the previous snapshot's quantiles; empty when the column is all null. */
    List<double[]> edges(Dataset<Row> then, List<String> features) {
        double[] probabilities = new double[settings.psiBins() - 1];
        for (int i = 0; i < probabilities.length; i++) probabilities[i] = (i + 1.0) / settings.psiBins();
        Dataset<Row> asDouble = then.select(features.stream().map(f -> col(f).cast("double").as(f)).toArray(Column[]::new));
        double[][] q = asDouble.stat().approxQuantile(features.toArray(String[]::new), probabilities, QUANTILE_ERROR);
        List<double[]> out = new ArrayList<>();
        for (double[] one : q) out.add(Arrays.stream(one).filter(v -> !Double.isNaN(v)).distinct().sorted().toArray());
        return out;
    }

    /**
     * The columns of one aggregation: the customer count, then per feature its mean and the count in each bin
     * (edges.length + 1 value bins, then the null bin), in feature order.
     */
    private static Column[] aggregates(List<String> features, List<double[]> edges) {
        List<Column> cols = new ArrayList<>();
        cols.add(count(lit(1)));
        for (int i = 0; i < features.size(); i++) {
            Column v = col(features.get(i)).cast("double");
            cols.add(avg(v));
            double[] e = edges.get(i);
            for (int b = 0; b <= e.length; b++) {
                Column in = b == 0 ? lit(true) : v.gt(e[b - 1]);
                if (b < e.length) in = in.and(v.leq(e[b]));
                cols.add(count_if(v.isNotNull().and(in)));
            }
            cols.add(count_if(v.isNull()));
        }
        return cols.toArray(Column[]::new);
    }

    /** Where feature i's mean sits in the aggregated row: after the count and the earlier features' columns. */
    private static int offset(List<double[]> edges, int feature) {
        int at = 1;
        for (int i = 0; i < feature; i++) at += 1 + edges.get(i).length + 2;
        return at;
    }

    private Row row(LocalDate previous, String feature, double[] edges, Row then, Row now, int at) {
        int bins = edges.length + 2;
        long[] e = new long[bins];
        long[] a = new long[bins];
        int emptyInOne = 0;
        for (int b = 0; b < bins; b++) {
            e[b] = then.getLong(at + 1 + b);
            a[b] = now.getLong(at + 1 + b);
            if ((e[b] == 0) != (a[b] == 0)) emptyInOne++;
        }
        double psi = Psi.index(e, a, settings.psiEpsilon());
        String level = Psi.level(psi, settings.psiModerate(), settings.psiMajor());
        String note = String.format(Locale.ROOT, "%d bins from the quantiles as of %s, + 1 for nulls", edges.length + 1, previous)
                + (emptyInOne == 0 ? "" : String.format(Locale.ROOT, "; %d bin(s) empty in one snapshot, given the "
                + "share %s", emptyInOne, settings.psiEpsilon()));
        return DriftRow.of(DriftColumns.PART_FEATURES, DriftColumns.KIND_PSI, previous)
                .set(DriftColumns.NAME, feature)
                .values(then.isNullAt(at) ? null : then.getDouble(at), now.isNullAt(at) ? null : now.getDouble(at))
                .set(DriftColumns.PSI, psi)
                .set(DriftColumns.CUSTOMERS, now.getLong(0))
                .flagged(psi > settings.psiMajor(), level)
                .set(DriftColumns.NOTE, note)
                .toRow();
    }

    private static boolean numeric(Dataset<Row> table, String column) {
        return Arrays.asList(table.columns()).contains(column)
                && table.schema().apply(column).dataType() instanceof NumericType;
    }
}
