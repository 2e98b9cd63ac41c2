package io.churnlens.impact;

import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the intervals into the rows the impact stage already built: each {@code <figure>_lo90} column named in a
 * result gets the lower end, its {@code <figure>_hi90} partner the upper end; every other interval column stays null.
 * In churn_impact only the as-of quarter's row is filled, and the note gains the intervals' sentences.
 */
final class IntervalColumns {
    static final String LO = "_lo90";
    static final String HI = "_hi90";

    private IntervalColumns() {}

    static List<Row> churnImpact(List<Row> rows, String asOfLabel, BootstrapIntervals.Result r) {
        StructType schema = ImpactColumns.CHURN_IMPACT_SCHEMA;
        int quarter = schema.fieldIndex(ImpactColumns.QUARTER);
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (!asOfLabel.equals(row.getString(quarter))) {
                out.add(row);
                continue;
            }
            Object[] v = values(row);
            fill(v, schema, r.asOf());
            v[schema.fieldIndex(ImpactColumns.BOOTSTRAP_REPLICATES)] = r.replicates();
            v[schema.fieldIndex(ImpactColumns.PARAMETER_DRAWS)] = r.draws();
            int note = schema.fieldIndex(ImpactColumns.NOTE);
            List<String> notes = new ArrayList<>();
            if (v[note] != null) notes.add((String) v[note]);
            String summary = BootstrapIntervals.summary(r);
            if (summary != null) notes.add(summary);
            notes.addAll(r.notes());
            v[note] = notes.isEmpty() ? null : String.join("; ", notes);
            out.add(RowFactory.create(v));
        }
        return out;
    }

    static List<Row> scenarios(List<Row> rows, BootstrapIntervals.Result r) {
        StructType schema = ImpactColumns.SCENARIOS_SCHEMA;
        int name = schema.fieldIndex(ImpactColumns.SCENARIO);
        List<Row> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Map<String, Interval> intervals = r.scenarios().get(row.getString(name));
            if (intervals == null) {
                out.add(row);
                continue;
            }
            Object[] v = values(row);
            fill(v, schema, intervals);
            out.add(RowFactory.create(v));
        }
        return out;
    }

    private static Object[] values(Row row) {
        Object[] v = new Object[row.size()];
        for (int i = 0; i < v.length; i++) v[i] = row.get(i);
        return v;
    }

    private static void fill(Object[] v, StructType schema, Map<String, Interval> intervals) {
        intervals.forEach((lo, interval) -> {
            if (!lo.endsWith(LO)) throw new IllegalArgumentException("not an interval column: " + lo);
            String hi = lo.substring(0, lo.length() - LO.length()) + HI;
            boolean money = schema.apply(lo).dataType() instanceof DecimalType;
            v[schema.fieldIndex(lo)] = money ? money(interval.lo()) : interval.lo();
            v[schema.fieldIndex(hi)] = money ? money(interval.hi()) : interval.hi();
        });
    }

    private static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }
}
