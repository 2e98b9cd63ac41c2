package io.churnlens.segment;

import org.apache.spark.sql.Column;

import java.util.List;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The score-to-name map of the named RFM segments, in one table. Rules are tried top to bottom and the first match
 * wins; together they cover all 125 (R, F, M) score triples (a test checks every one). "F+M" is the sum of the
 * frequency and monetary scores (2..10): it measures how much the customer is worth, R how recently they bought.
 *
 * <pre>
 *  #  segment               R      F      F+M     reads as
 *  1  Champions             4-5    any    8-10    bought recently, often, and spent the most
 *  2  Can't lose them       1      any    8-10    used to be among the best, gone the longest
 *  3  At risk               1-2    any    6-10    valuable, but not seen for a long time
 *  4  New                   5      1      any     first purchase, very recent
 *  5  Promising             4      1      any     one purchase, recent
 *  6  Loyal                 3-5    2-5    6-10    buys regularly and spends well
 *  7  Potential loyalists   4-5    2-5    2-7     recent repeat buyers of modest value so far
 *  8  Need attention        3      any    5-7     average on all counts, starting to slip
 *  9  About to sleep        3      any    2-4     low value and slipping
 * 10  Hibernating           2      any    2-5     low value, long ago
 * 11  Lost                  1      any    2-5     low value, longest ago
 * </pre>
 *
 * Changing a segment means changing its line here; the Spark expression and {@link #nameOf} both read this table.
 */
public final class RfmSegmentMap {
    public static final String CHAMPIONS = "Champions";
    public static final String CANT_LOSE_THEM = "Can't lose them";
    public static final String AT_RISK = "At risk";
    public static final String NEW = "New";
    public static final String PROMISING = "Promising";
    public static final String LOYAL = "Loyal";
    public static final String POTENTIAL_LOYALISTS = "Potential loyalists";
    public static final String NEED_ATTENTION = "Need attention";
    public static final String ABOUT_TO_SLEEP = "About to sleep";
    public static final String HIBERNATING = "Hibernating";
    public static final String LOST = "Lost";

    /** One line of the table: inclusive score ranges. */
    public record Rule(String segment, int rMin, int rMax, int fMin, int fMax, int fmMin, int fmMax) {
        boolean matches(int r, int f, int m) {
            int fm = f + m;
            return r >= rMin && r <= rMax && f >= fMin && f <= fMax && fm >= fmMin && fm <= fmMax;
        }

        Column matches(Column r, Column f, Column m) {
            Column fm = f.plus(m);
            return r.between(rMin, rMax).and(f.between(fMin, fMax)).and(fm.between(fmMin, fmMax));
        }
    }

    public static final List<Rule> RULES = List.of(
            //        segment               R     F     F+M
            new Rule(CHAMPIONS,           4, 5, 1, 5, 8, 10),
            new Rule(CANT_LOSE_THEM,      1, 1, 1, 5, 8, 10),
            new Rule(AT_RISK,             1, 2, 1, 5, 6, 10),
            new Rule(NEW,                 5, 5, 1, 1, 2, 10),
            new Rule(PROMISING,           4, 4, 1, 1, 2, 10),
            new Rule(LOYAL,               3, 5, 2, 5, 6, 10),
            new Rule(POTENTIAL_LOYALISTS, 4, 5, 2, 5, 2, 7),
            new Rule(NEED_ATTENTION,      3, 3, 1, 5, 5, 7),
            new Rule(ABOUT_TO_SLEEP,      3, 3, 1, 5, 2, 4),
            new Rule(HIBERNATING,         2, 2, 1, 5, 2, 5),
            new Rule(LOST,                1, 1, 1, 5, 2, 5));

    private RfmSegmentMap() {}

    /** The segment of a score triple (each 1-5). */
    public static String nameOf(int r, int f, int m) {
        for (Rule rule : RULES) {
            if (rule.matches(r, f, m)) return rule.segment();
        }
        throw new IllegalArgumentException("no RFM segment for scores r=" + r + " f=" + f + " m=" + m + " (scores are 1-5)");
    }

    /** Position of the segment in the table, 1-based: the display order of the summary. */
    public static int order(String segment) {
        for (int i = 0; i < RULES.size(); i++) {
            if (RULES.get(i).segment().equals(segment)) return i + 1;
        }
        throw new IllegalArgumentException("unknown RFM segment '" + segment + "'");
    }

    /** {@link #order(String)} as a Spark expression over a segment-name column. */
    public static Column order(Column segment) {
        Column order = null;
        for (int i = 0; i < RULES.size(); i++) {
            Column match = segment.equalTo(RULES.get(i).segment());
            order = order == null ? when(match, lit(i + 1)) : order.when(match, lit(i + 1));
        }
        return order;
    }

    /** The same table as a Spark expression over score columns; null only for scores outside 1-5. */
    public static Column segment(Column r, Column f, Column m) {
        Column expression = null;
        for (Rule rule : RULES) {
            expression = expression == null
                    ? when(rule.matches(r, f, m), lit(rule.segment()))
                    : expression.when(rule.matches(r, f, m), lit(rule.segment()));
        }
        return expression;
    }
}
