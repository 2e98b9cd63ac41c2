package io.churnlens.impact;

import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.SensitivityColumns;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.churnlens.schema.SensitivityColumns.*;

/**
 * The {@code churn_sensitivity} rows from the aggregated cells of {@link ChurnSensitivity}: per definition the total
 * row, then each dimension's segments with their rank by churn rate. Nothing missing is shown as 0: a P(alive)
 * definition without customer_value has null departures, with the reason in the note.
 */
final class SensitivityRows {
    private static final List<String> DIMENSIONS = List.of(ALL, SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME);

    private final ChurnSensitivity.Inputs in;
    private final List<SensitivityDefinition> definitions;

    SensitivityRows(ChurnSensitivity.Inputs in, List<SensitivityDefinition> definitions) {
        this.in = in;
        this.definitions = definitions;
    }

    /** One figure of one (dimension, segment) under one definition; departed and lost null when not known. */
    private record Figure(String dimension, String segment, long start, Long departed, BigDecimal lost) {
        Double rate() {
            return departed == null || start == 0 ? null : (double) departed / start;
        }
    }

    List<Row> rows(List<Row> cells) {
        List<Row> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.<Row>comparingInt(r -> DIMENSIONS.indexOf(r.getString(0))).thenComparing(r -> r.getString(1)));
        long unvalued = sorted.stream().filter(r -> r.getString(0).equals(ALL)).mapToLong(r -> r.getLong(r.size() - 1)).sum();
        List<Row> out = new ArrayList<>();
        for (int d = 0; d < definitions.size(); d++) {
            SensitivityDefinition def = definitions.get(d);
            boolean known = def.byInactivity() || in.customerValue().isPresent();
            List<Figure> figures = new ArrayList<>();
            for (Row r : sorted) {
                int at = 2 + 3 * d;
                figures.add(new Figure(r.getString(0), r.getString(1), r.getLong(at), known ? r.getLong(at + 1) : null,
                        known ? ChurnSensitivity.money(r, at + 2) : null));
            }
            if (figures.isEmpty()) figures.add(new Figure(ALL, ALL, 0, known ? 0L : null, known ? BigDecimal.ZERO.setScale(2) : null));
            String note = note(def, unvalued, figures.size() == 1);
            for (Figure f : figures) out.add(row(def, f, rank(f, figures), note));
        }
        return out;
    }

    /**
     * Competition rank of the figure's churn rate among its dimension's named segments (1 = highest); null for
     * totals, {@code (none)} and segments nobody was active in.
     */
    private static Integer rank(Figure f, List<Figure> figures) {
        if (!ranked(f)) return null;
        long higher = figures.stream().filter(o -> ranked(o) && o.dimension().equals(f.dimension())
                && o.rate() > f.rate()).count();
        return (int) higher + 1;
    }

    private static boolean ranked(Figure f) {
        return !f.dimension().equals(ALL) && !f.segment().equals(SegmentRisk.NONE) && f.rate() != null;
    }

    private Row row(SensitivityDefinition def, Figure f, Integer rank, String note) {
        boolean total = f.dimension().equals(ALL);
        return new NamedRow(SensitivityColumns.SCHEMA)
                .set(QUARTER, in.calendar().label(in.calendar().lastIndex())).set(DEFINITION, def.label())
                .set(BASIS, def.basis()).set(THRESHOLD, def.threshold()).set(HEADLINE, def.headline())
                .set(DIMENSION, f.dimension()).set(SEGMENT, f.segment()).set(CUSTOMERS_START, f.start())
                .set(CUSTOMERS_DEPARTED, f.departed()).set(CHURN_RATE, f.rate()).set(REVENUE_LOST, f.lost())
                .set(CHURN_RATE_RANK, rank)
                .set(SEGMENTS_AS_OF, total || in.segmentsAsOf() == null ? null : java.sql.Date.valueOf(in.segmentsAsOf()))
                .set(NOTE, note).row();
    }

    /** Why this definition's figures are missing or limited; null when they are not. */
    private String note(SensitivityDefinition def, long unvalued, boolean totalOnly) {
        List<String> notes = new ArrayList<>();
        QuarterCalendar cal = in.calendar();
        if (cal.lastIndex() == 0) {
            notes.add("no quarter before " + cal.label(0) + " in the data: nobody can be active at its start");
        } else if (def.byInactivity() && cal.end(cal.lastIndex() - 1).minusDays(def.days()).isBefore(in.firstDay())) {
            notes.add("the threshold reaches back before the first day of data (" + in.firstDay()
                    + "): customers whose last purchase came before it are missing from the start");
        }
        if (!def.byInactivity()) {
            if (in.customerValue().isEmpty()) {
                notes.add("no customer_value as of " + cal.asOf() + ": departures by P(alive) not available");
            } else {
                notes.add("model-based: P(alive) as of T from customer_value, among the customers active at the start "
                        + "by the headline threshold (" + in.headlineDays() + " days)");
                if (unvalued > 0) notes.add(unvalued + " of them have no P(alive) and count as staying");
            }
        }
        if (totalOnly && in.segments().isEmpty()) notes.add("no customer_segments: no rows per segment");
        return notes.isEmpty() ? null : String.join("; ", notes);
    }
}
