package io.churnlens.drift;

import io.churnlens.schema.DriftColumns;
import io.churnlens.schema.ModelColumns;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The churn model's holdout metrics then and now (model_metrics rows of kind metric on the holdout, every scorer),
 * and the champion then and now. Metrics on the 0-1 scale ({@link #JUDGED}) are flagged when they changed by more
 * than {@code metricChange}; counts and lifts are listed, not judged.
 */
final class MetricDrift {
    /** The metrics judged against drift.metric-change: all on the 0-1 scale. */
    static final Set<String> JUDGED = Set.of("roc_auc", "pr_auc", "brier", "calibration_error");

    /** model_metrics evaluation of the holdout rows (model.ModelFrame.HOLDOUT, which drift may not import). */
    private static final String HOLDOUT = "holdout";

    private final double metricChange;

    MetricDrift(double metricChange) {
        this.metricChange = metricChange;
    }

    List<Row> rows(LocalDate previous, List<Row> then, List<Row> now) {
        Map<String, Row> before = holdoutMetrics(then);
        List<Row> out = new ArrayList<>();
        out.add(champion(previous, then, now));
        for (Map.Entry<String, Row> e : holdoutMetrics(now).entrySet()) {
            out.add(metric(previous, before.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    private Row metric(LocalDate previous, Row then, Row now) {
        String name = now.getAs(ModelColumns.NAME);
        Double vThen = ParameterDrift.number(then, ModelColumns.VALUE);
        Double vNow = ParameterDrift.number(now, ModelColumns.VALUE);
        DriftRow row = DriftRow.of(DriftColumns.PART_MODEL, DriftColumns.KIND_METRIC, previous)
                .set(DriftColumns.GROUPING, now.getAs(ModelColumns.SCORER))
                .set(DriftColumns.NAME, name)
                .values(vThen, vNow);
        if (vThen == null || vNow == null) {
            return row.set(DriftColumns.NOTE, then == null ? "not measured then" : "no value then or now").toRow();
        }
        if (!JUDGED.contains(name)) return row.toRow();
        boolean moved = Math.abs(vNow - vThen) > metricChange;
        return row.flagged(moved, moved ? DriftColumns.LEVEL_MOVED : DriftColumns.LEVEL_STABLE)
                .set(DriftColumns.NOTE, String.format(Locale.ROOT, "flagged beyond a change of %s", metricChange))
                .toRow();
    }

    private static Row champion(LocalDate previous, List<Row> then, List<Row> now) {
        String before = championOf(then);
        String after = championOf(now);
        boolean changed = !Objects.equals(before, after);
        return DriftRow.of(DriftColumns.PART_MODEL, DriftColumns.KIND_CHAMPION, previous)
                .set(DriftColumns.NAME, DriftColumns.KIND_CHAMPION)
                .set(DriftColumns.FROM_LABEL, before)
                .set(DriftColumns.TO_LABEL, after)
                .flagged(changed, changed ? DriftColumns.LEVEL_MOVED : DriftColumns.LEVEL_STABLE)
                .toRow();
    }

    private static String championOf(List<Row> rows) {
        return rows.stream().filter(r -> Boolean.TRUE.equals(r.getAs(ModelColumns.CHAMPION)))
                .map(r -> r.<String>getAs(ModelColumns.SCORER)).findFirst().orElse(null);
    }

    /** Holdout metric rows by scorer and name, in table order. */
    private static Map<String, Row> holdoutMetrics(List<Row> rows) {
        Map<String, Row> out = new LinkedHashMap<>();
        for (Row r : rows) {
            if (ModelColumns.KIND_METRIC.equals(r.getAs(ModelColumns.KIND)) && HOLDOUT.equals(r.getAs(ModelColumns.EVALUATION))) {
                out.put(r.getAs(ModelColumns.SCORER) + "/" + r.getAs(ModelColumns.NAME), r);
            }
        }
        return out;
    }
}
