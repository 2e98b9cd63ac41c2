package io.churnlens.impact;

import io.churnlens.schema.BridgeColumns;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.churnlens.schema.BridgeColumns.*;

/**
 * The {@code revenue_lost_bridge} rows from the aggregated departures of the two quarters: per dimension each
 * segment (by name) with its effects, then the total row (segment {@code all}), which sums them.
 */
final class BridgeRows {
    private final RevenueLostBridge.Inputs in;
    private final BridgeSegmentation segmentation;

    BridgeRows(RevenueLostBridge.Inputs in, BridgeSegmentation segmentation) {
        this.in = in;
        this.segmentation = segmentation;
    }

    /** @param cells quarter index, dimension, segment, departed, revenue lost (cents; null = none) */
    List<Row> rows(List<Row> cells) {
        int last = in.calendar().lastIndex();
        List<Row> out = new ArrayList<>();
        for (String dimension : segmentation.dimensions()) {
            Map<String, long[]> bySegment = new TreeMap<>();
            for (Row r : cells) {
                if (!r.getString(1).equals(dimension)) continue;
                long[] c = bySegment.computeIfAbsent(r.getString(2), k -> new long[4]);
                int at = r.getInt(0) == last ? 2 : 0;
                c[at] = r.getLong(3);
                c[at + 1] = r.isNullAt(4) ? 0L : r.getLong(4);
            }
            List<BridgeDecomposition.Segment> segments = new ArrayList<>();
            bySegment.forEach((name, c) -> segments.add(new BridgeDecomposition.Segment(name, c[0], c[1], c[2], c[3])));
            out.addAll(dimensionRows(dimension, segments));
        }
        return out;
    }

    private List<Row> dimensionRows(String dimension, List<BridgeDecomposition.Segment> segments) {
        List<BridgeDecomposition.Effects> effects = BridgeDecomposition.of(segments);
        BridgeDecomposition.Segment total = new BridgeDecomposition.Segment(ALL,
                segments.stream().mapToLong(BridgeDecomposition.Segment::n0).sum(),
                segments.stream().mapToLong(BridgeDecomposition.Segment::cents0).sum(),
                segments.stream().mapToLong(BridgeDecomposition.Segment::n1).sum(),
                segments.stream().mapToLong(BridgeDecomposition.Segment::cents1).sum());
        List<Row> out = new ArrayList<>();
        BridgeDecomposition.Effects sum = new BridgeDecomposition.Effects(0, 0, 0, 0);
        for (int i = 0; i < segments.size(); i++) {
            sum = sum.plus(effects.get(i));
            if (!dimension.equals(ALL)) out.add(row(dimension, segments.get(i), total, effects.get(i)));
        }
        out.add(row(dimension, total, total, sum));
        return out;
    }

    private Row row(String dimension, BridgeDecomposition.Segment s, BridgeDecomposition.Segment total,
                    BridgeDecomposition.Effects e) {
        QuarterCalendar cal = in.calendar();
        return new NamedRow(BridgeColumns.SCHEMA)
                .set(DIMENSION, dimension).set(SEGMENT, s.name()).set(SEGMENTATION, segmentation.description())
                .set(PREVIOUS_QUARTER, cal.label(cal.lastIndex() - 1)).set(QUARTER, cal.label(cal.lastIndex()))
                .set(DEPARTED_PREVIOUS, s.n0()).set(DEPARTED_CURRENT, s.n1())
                .set(DEPARTED_SHARE_PREVIOUS, ratio(s.n0(), total.n0())).set(DEPARTED_SHARE_CURRENT, ratio(s.n1(), total.n1()))
                .set(VALUE_PER_DEPARTED_PREVIOUS, s.n0() == 0 ? null : s.cents0() / 100.0 / s.n0())
                .set(VALUE_PER_DEPARTED_CURRENT, s.n1() == 0 ? null : s.cents1() / 100.0 / s.n1())
                .set(REVENUE_LOST_PREVIOUS, money(s.cents0())).set(REVENUE_LOST_CURRENT, money(s.cents1()))
                .set(REVENUE_LOST_CHANGE, money(s.change())).set(VOLUME_EFFECT, money(e.volume()))
                .set(MIX_EFFECT, money(e.mix())).set(VALUE_EFFECT, money(e.value()))
                .set(ROUNDING_CENTS, e.roundingCents()).set(NOTE, note(s, total)).row();
    }

    /** Which factor was taken from the other quarter, and whether the previous quarter is still in the warm-up. */
    private String note(BridgeDecomposition.Segment s, BridgeDecomposition.Segment total) {
        QuarterCalendar cal = in.calendar();
        String previous = cal.label(cal.lastIndex() - 1);
        String current = cal.label(cal.lastIndex());
        List<String> notes = new ArrayList<>();
        if (cal.start(cal.lastIndex() - 1).isBefore(in.firstDay().plusDays(in.inactivityDays()))) {
            notes.add(previous + " starts less than churn.inactivity-days after the first day of data (" + in.firstDay()
                    + "): few could have left yet, so its departures are understated");
        }
        if (total.n0() == 0 || total.n1() == 0) {
            notes.add("nobody departed in " + (total.n0() == 0 ? previous : current) + ": the mix and values are taken "
                    + "from the other quarter, so the whole change is volume");
        } else if (s.n0() == 0 && s.n1() > 0) {
            notes.add("nobody from this segment departed in " + previous + ": its value per departed taken from " + current);
        } else if (s.n1() == 0 && s.n0() > 0) {
            notes.add("nobody from this segment departed in " + current + ": its value per departed taken from " + previous);
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    /** The one row of a run whose data hold no quarter before the as-of quarter. */
    static Row noPreviousQuarter(QuarterCalendar cal) {
        return new NamedRow(BridgeColumns.SCHEMA).set(DIMENSION, ALL).set(SEGMENT, ALL)
                .set(SEGMENTATION, "none: no earlier quarter").set(QUARTER, cal.label(0))
                .set(DEPARTED_CURRENT, 0L).set(REVENUE_LOST_CURRENT, money(0))
                .set(NOTE, "no quarter before " + cal.label(0) + " in the data: nothing to compare with").row();
    }

    private static Double ratio(long n, long total) {
        return total == 0 ? null : (double) n / total;
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
