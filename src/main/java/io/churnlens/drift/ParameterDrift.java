package io.churnlens.drift;

import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.DriftColumns;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BTYD parameters then and now (clv_params, a handful of rows, compared on the driver): each parameter's change in
 * units of the combined standard error sqrt(se_then² + se_now²), flagged beyond {@code seMultiple}. A parameter
 * without a value (fit not identified) or without a standard error (a boundary fit) is not flagged; the note says why.
 */
final class ParameterDrift {
    private final double seMultiple;

    ParameterDrift(double seMultiple) {
        this.seMultiple = seMultiple;
    }

    List<Row> rows(LocalDate previous, List<Row> then, List<Row> now) {
        Map<String, Row> before = byKey(then);
        Map<String, Row> after = byKey(now);
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Row> e : after.entrySet()) {
            out.add(row(previous, before.get(e.getKey()), e.getValue()));
        }
        for (Map.Entry<String, Row> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) out.add(row(previous, e.getValue(), null));
        }
        return out;
    }

    private Row row(LocalDate previous, Row then, Row now) {
        Row any = now != null ? now : then;
        Double vThen = number(then, ClvColumns.VALUE);
        Double vNow = number(now, ClvColumns.VALUE);
        Double seThen = number(then, ClvColumns.STD_ERROR);
        Double seNow = number(now, ClvColumns.STD_ERROR);
        DriftRow row = DriftRow.of(DriftColumns.PART_BTYD, DriftColumns.KIND_PARAMETER, previous)
                .set(DriftColumns.GROUPING, any.getAs(ClvColumns.MODEL))
                .set(DriftColumns.NAME, any.getAs(ClvColumns.PARAMETER))
                .values(vThen, vNow)
                .set(DriftColumns.STD_ERROR_THEN, seThen)
                .set(DriftColumns.STD_ERROR_NOW, seNow);
        String missing = missing(then, now, vThen, vNow, seThen, seNow);
        if (missing != null) return row.set(DriftColumns.NOTE, missing).toRow();
        double z = (vNow - vThen) / Math.sqrt(seThen * seThen + seNow * seNow);
        boolean moved = Math.abs(z) > seMultiple;
        return row.set(DriftColumns.Z_SCORE, z)
                .flagged(moved, moved ? DriftColumns.LEVEL_MOVED : DriftColumns.LEVEL_STABLE)
                .set(DriftColumns.NOTE, String.format(Locale.ROOT, "changed by %.2f combined standard errors (flagged "
                        + "beyond %s)", Math.abs(z), seMultiple))
                .toRow();
    }

    /** Why the change cannot be judged in standard errors, or null when it can. */
    private static String missing(Row then, Row now, Double vThen, Double vNow, Double seThen, Double seNow) {
        if (then == null) return "not fitted then";
        if (now == null) return "not fitted now";
        if (vThen == null || vNow == null) {
            return "no value " + (vThen == null ? "then" : "now") + ": fit " + (vThen == null ? state(then) : state(now));
        }
        if (seThen == null || seNow == null || !(seThen * seThen + seNow * seNow > 0)) {
            return "no standard error " + (seThen == null ? "then" : "now") + " (a boundary fit): the change is not "
                    + "judged in standard errors";
        }
        return null;
    }

    private static String state(Row r) {
        Object s = r.getAs(ClvColumns.FIT_STATE);
        return s == null ? "not identified" : s.toString();
    }

    private static Map<String, Row> byKey(List<Row> rows) {
        Map<String, Row> out = new LinkedHashMap<>();
        for (Row r : rows) out.put(r.getAs(ClvColumns.MODEL) + "/" + r.getAs(ClvColumns.PARAMETER), r);
        return out;
    }

    static Double number(Row row, String column) {
        if (row == null || row.isNullAt(row.fieldIndex(column))) return null;
        double v = ((Number) row.getAs(column)).doubleValue();
        return Double.isFinite(v) ? v : null;
    }
}
