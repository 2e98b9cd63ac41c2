package io.churnlens.drift;

import io.churnlens.schema.DriftColumns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of {@code model_drift} being built: values set by column name, everything else null, {@code flagged}
 * false unless set. {@link #toRow()} lays them out in the order of {@link DriftColumns#SCHEMA}.
 */
final class DriftRow {
    private final Map<String, Object> values = new HashMap<>();

    private DriftRow(String part, String kind, LocalDate previous) {
        values.put(DriftColumns.PART, part);
        values.put(DriftColumns.KIND, kind);
        values.put(DriftColumns.PREVIOUS_AS_OF, previous == null ? null : java.sql.Date.valueOf(previous));
        values.put(DriftColumns.FLAGGED, false);
    }

    static DriftRow of(String part, String kind, LocalDate previous) {
        return new DriftRow(part, kind, previous);
    }

    /** A part's only row when it cannot be compared (no previous snapshot, or no current one). */
    static Row note(String part, LocalDate previous, String sentence) {
        return of(part, DriftColumns.KIND_NOTE, previous).set(DriftColumns.NOTE, sentence).toRow();
    }

    DriftRow set(String column, Object value) {
        if (!DriftColumns.SCHEMA.getFieldIndex(column).isDefined()) {
            throw new IllegalArgumentException("model_drift has no column " + column);
        }
        values.put(column, value);
        return this;
    }

    /** value_then, value_now and their change (null when either is missing). */
    DriftRow values(Double then, Double now) {
        set(DriftColumns.VALUE_THEN, then);
        set(DriftColumns.VALUE_NOW, now);
        return set(DriftColumns.CHANGE, then == null || now == null ? null : now - then);
    }

    DriftRow flagged(boolean flagged, String level) {
        set(DriftColumns.FLAGGED, flagged);
        return set(DriftColumns.LEVEL, level);
    }

    static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    Row toRow() {
        String[] names = DriftColumns.SCHEMA.fieldNames();
        Object[] out = new Object[names.length];
        for (int i = 0; i < names.length; i++) out[i] = values.get(names[i]);
        return new GenericRowWithSchema(out, DriftColumns.SCHEMA); // by name, before and after publishing
    }
}
