package io.churnlens.impact;

import java.util.ArrayList;
import java.util.List;

/**
 * The change in revenue lost between two quarters split into volume, mix and value, exactly to the cent. Money is
 * whole cents in a long, as in the grid.
 *
 * <p>Per segment s, revenue lost R_s = N × m_s × v_s: N departures in all, m_s = n_s / N the segment's share of them,
 * v_s = R_s / n_s its value per departed customer. The change of a product of three factors is split by their Shapley
 * values (each factor's change averaged over the six orders in which the factors can change), which add up to the
 * change exactly and do not depend on an arbitrary order:
 * <pre>
 *   volume_s = ΔN · [(m0 v0 + m1 v1)/3 + (m0 v1 + m1 v0)/6]
 *   mix_s    = Δm · [(N0 v0 + N1 v1)/3 + (N0 v1 + N1 v0)/6]
 *   value_s  = Δv · [(N0 m0 + N1 m1)/3 + (N0 m1 + N1 m0)/6]
 * </pre>
 * A factor undefined in one quarter takes the other quarter's value (a segment nobody left: its value per departed;
 * a quarter nobody left: the mix), so its effect is 0 and the change goes to the factors that did move. The effects
 * are computed exactly (rationals, {@link Ratio}), rounded half-even to the cent, and the cents left over (at most
 * one or two) go to the effects whose rounding moved them most the other way (largest remainder; ties in the order
 * volume, mix, value), so each segment's effects add up to its change exactly; the totals are the sums of the
 * segments'.
 */
final class BridgeDecomposition {
    private BridgeDecomposition() {}

    /** One segment's departures (n) and revenue lost (cents) in the previous quarter (0) and this one (1). */
    record Segment(String name, long n0, long cents0, long n1, long cents1) {
        long change() {
            return Math.subtractExact(cents1, cents0);
        }
    }

    /** The three effects in cents, adding up to the change; {@code roundingCents} moved to make them. */
    record Effects(long volume, long mix, long value, long roundingCents) {
        long sum() {
            return volume + mix + value;
        }

        Effects plus(Effects o) {
            return new Effects(volume + o.volume, mix + o.mix, value + o.value, roundingCents + o.roundingCents);
        }
    }

    /** The effects of every segment, in the order given. */
    static List<Effects> of(List<Segment> segments) {
        long n0 = segments.stream().mapToLong(Segment::n0).sum();
        long n1 = segments.stream().mapToLong(Segment::n1).sum();
        List<Effects> out = new ArrayList<>(segments.size());
        for (Segment s : segments) out.add(exact(raw(s, n0, n1), s.change()));
        return out;
    }

    /** The unrounded Shapley effects (volume, mix, value) of one segment, in cents, exact. */
    static Ratio[] raw(Segment s, long total0, long total1) {
        Ratio bigN0 = Ratio.of(total0);
        Ratio bigN1 = Ratio.of(total1);
        Ratio m0 = total0 == 0 ? null : Ratio.of(s.n0(), total0);
        Ratio m1 = total1 == 0 ? null : Ratio.of(s.n1(), total1);
        if (m0 == null) m0 = m1 == null ? Ratio.ZERO : m1;
        if (m1 == null) m1 = m0;
        Ratio v0 = s.n0() == 0 ? null : Ratio.of(s.cents0(), s.n0());
        Ratio v1 = s.n1() == 0 ? null : Ratio.of(s.cents1(), s.n1());
        if (v0 == null) v0 = v1 == null ? Ratio.ZERO : v1;
        if (v1 == null) v1 = v0;
        Ratio volume = bigN1.minus(bigN0).times(weight(m0, v0, m1, v1));
        Ratio mix = m1.minus(m0).times(weight(bigN0, v0, bigN1, v1));
        Ratio value = v1.minus(v0).times(weight(bigN0, m0, bigN1, m1));
        return new Ratio[] {volume, mix, value};
    }

    /** (a0 b0 + a1 b1)/3 + (a0 b1 + a1 b0)/6: the Shapley weight of the third factor's change. */
    private static Ratio weight(Ratio a0, Ratio b0, Ratio a1, Ratio b1) {
        return a0.times(b0).plus(a1.times(b1)).over(3).plus(a0.times(b1).plus(a1.times(b0)).over(6));
    }

    /** Rounds the effects to cents and moves the cents left over by largest remainder, so they add up to change. */
    static Effects exact(Ratio[] raw, long change) {
        long[] cents = new long[raw.length];
        for (int i = 0; i < raw.length; i++) cents[i] = raw[i].roundHalfEven();
        long left = change;
        for (long c : cents) left -= c;
        long moved = left;
        while (left != 0) {
            int step = left > 0 ? 1 : -1;
            int pick = 0;
            Ratio best = null;
            for (int i = 0; i < raw.length; i++) {
                // how far rounding moved the effect against the direction this cent moves it; first wins a tie
                Ratio gap = raw[i].minus(Ratio.of(cents[i])).times(Ratio.of(step));
                if (best == null || gap.compareTo(best) > 0) {
                    best = gap;
                    pick = i;
                }
            }
            cents[pick] += step;
            left -= step;
        }
        return new Effects(cents[0], cents[1], cents[2], moved);
    }
}
