package io.churnlens.impact;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Churn rate, revenue lost and revenue at risk per segment of each grouping (RFM segment, cluster, country,
 * channel). Departures of the quarter are grouped by the customer's segment at the start of the quarter when that
 * snapshot exists ({@code segments_as_of}); revenue at risk by the segment in customer_scores as of T.
 *
 * <p>Two queries whatever the number of groupings: the quarter's customers are joined once with each table that
 * holds a membership, every customer is listed once per grouping ({@code explode}), and one aggregation by
 * (grouping, segment) gives every row; the same for revenue at risk. The result, bounded by groupings × segments,
 * is collected.
 */
public final class SegmentRisk {
    public static final String NONE = "(none)";
    private static final String GROUPING = "_grouping";
    private static final String SEGMENT = "_segment";

    private SegmentRisk() {}

    /** Who belongs where: {@code column} of {@code table} (keyed by customer_id), one row per customer. */
    public record Membership(Dataset<Row> table, String column) {}

    /** A grouping: who belongs where for departures, and for revenue at risk (either may be null: not available). */
    public record Grouping(String dimension, Membership departureMembership, Membership riskMembership,
                           LocalDate segmentsAsOf) {}

    /**
     * @param quarter customer_id, active_start, departed, annual_value for the as-of quarter
     * @param risk    customer_id, revenue_at_risk; null when not available, for the reason in {@code noRiskNote}. A
     *                membership whose table is {@code risk} itself is read from its own column, without a join.
     */
    public static List<Row> of(Dataset<Row> quarter, Dataset<Row> risk, List<Grouping> groupings, String noRiskNote) {
        List<Map<String, Object[]>> bySegment = new ArrayList<>();
        for (int g = 0; g < groupings.size(); g++) bySegment.add(new LinkedHashMap<>());
        List<Membership> departures = groupings.stream().map(Grouping::departureMembership).toList();
        for (Row r : bySegment(quarter, departures, count(when(col(CustomerQuarters.ACTIVE_START), 1)),
                count(when(col(CustomerQuarters.DEPARTED), 1)),
                sum(when(col(CustomerQuarters.DEPARTED), col(CustomerQuarters.ANNUAL_VALUE))))) {
            Object[] cells = cells(bySegment.get(r.getInt(0)), r.getString(1));
            cells[0] = r.getLong(2);
            cells[1] = r.getLong(3);
            cells[2] = ObservedQuarters.money(r.isNullAt(4) ? null : BigDecimal.valueOf(r.getLong(4), 2)); // cents
        }
        if (risk != null) {
            List<Membership> risks = groupings.stream().map(Grouping::riskMembership).toList();
            for (Row r : bySegment(risk, risks, count(col(RevenueAtRisk.AT_RISK)), sum(RevenueAtRisk.AT_RISK))) {
                Object[] cells = cells(bySegment.get(r.getInt(0)), r.getString(1));
                cells[3] = r.getLong(2);
                cells[4] = r.isNullAt(3) ? 0.0 : r.getDouble(3);
            }
        }
        List<Row> out = new ArrayList<>();
        for (int g = 0; g < groupings.size(); g++) {
            Grouping grouping = groupings.get(g);
            bySegment.get(g).forEach((segment, c) -> out.add(row(grouping, segment, c, risk != null, noRiskNote)));
        }
        return out;
    }

    /**
     * (grouping index, segment, aggregates...) of {@code base} for every non-null membership, ordered by grouping
     * and segment; a customer without a segment in a grouping is counted under {@link #NONE}.
     */
    private static List<Row> bySegment(Dataset<Row> base, List<Membership> memberships, Column first, Column... rest) {
        Dataset<Row> wide = base;
        List<Column> listed = new ArrayList<>();
        Map<Dataset<Row>, List<Integer>> byTable = new IdentityHashMap<>();
        for (int g = 0; g < memberships.size(); g++) {
            Membership m = memberships.get(g);
            if (m == null) continue;
            if (m.table() == base) {
                wide = wide.withColumn(alias(g), col(m.column()));
            } else {
                byTable.computeIfAbsent(m.table(), t -> new ArrayList<>()).add(g);
            }
            listed.add(struct(lit(g).as(GROUPING), coalesce(col(alias(g)).cast("string"), lit(NONE)).as(SEGMENT)));
        }
        if (listed.isEmpty()) return List.of();
        for (Map.Entry<Dataset<Row>, List<Integer>> t : byTable.entrySet()) {
            List<Column> columns = new ArrayList<>(List.of(col(CustomerQuarters.CUSTOMER_ID)));
            for (int g : t.getValue()) columns.add(col(memberships.get(g).column()).as(alias(g)));
            wide = wide.join(t.getKey().select(columns.toArray(Column[]::new)), CustomerQuarters.CUSTOMER_ID, "left");
        }
        String pair = "_membership";
        return wide.withColumn(pair, explode(array(listed.toArray(Column[]::new))))
                .groupBy(col(pair + "." + GROUPING), col(pair + "." + SEGMENT)).agg(first, rest)
                .orderBy(GROUPING, SEGMENT).collectAsList();
    }

    private static String alias(int grouping) {
        return "_member_" + grouping;
    }

    /** cells: customers at the start, departed, revenue lost, customers scored, revenue at risk (null = none). */
    private static Row row(Grouping g, String segment, Object[] c, boolean riskKnown, String noRiskNote) {
        long start = c[0] == null ? 0 : (Long) c[0];
        long departed = c[1] == null ? 0 : (Long) c[1];
        boolean riskHere = riskKnown && g.riskMembership() != null;
        String note = !riskKnown ? noRiskNote
                : g.riskMembership() == null ? "revenue at risk: no " + g.dimension() + " in customer_scores" : null;
        return new NamedRow(ImpactColumns.SEGMENT_RISK_SCHEMA)
                .set(ImpactColumns.DIMENSION, g.dimension()).set(ImpactColumns.SEGMENT, segment)
                .set(ImpactColumns.CUSTOMERS_START, start).set(ImpactColumns.CUSTOMERS_DEPARTED, departed)
                .set(ImpactColumns.CHURN_RATE, start == 0 ? null : (double) departed / start)
                .set(ImpactColumns.REVENUE_LOST, c[2] == null ? BigDecimal.ZERO.setScale(2) : c[2])
                .set(ImpactColumns.CUSTOMERS_SCORED, c[3] == null ? 0L : c[3])
                .set(ImpactColumns.REVENUE_AT_RISK, riskHere ? (c[4] == null ? 0.0 : c[4]) : null)
                .set(ImpactColumns.SEGMENTS_AS_OF, g.segmentsAsOf() == null ? null : java.sql.Date.valueOf(g.segmentsAsOf()))
                .set(ImpactColumns.NOTE, note).row();
    }

    private static Object[] cells(Map<String, Object[]> bySegment, String segment) {
        return bySegment.computeIfAbsent(segment, s -> new Object[5]);
    }
}
