package io.churnlens.impact;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Churn rate, revenue lost and revenue at risk per segment of each grouping (RFM segment, cluster, country,
 * channel). Departures of the quarter are grouped by the customer's segment at the start of the quarter when that
 * snapshot exists ({@code segments_as_of}); revenue at risk by the segment in customer_scores as of T.
 */
public final class SegmentRisk {
    public static final String NONE = "(none)";

    private SegmentRisk() {}

    /** A grouping: who belongs where for departures, and for revenue at risk (either may be null: not available). */
    public record Grouping(String dimension, Dataset<Row> departureMembership, Dataset<Row> riskMembership,
                           LocalDate segmentsAsOf) {}

    /**
     * @param quarter customer_id, active_start, departed, annual_value for the as-of quarter
     * @param risk    customer_id, revenue_at_risk; null when not available, for the reason in {@code noRiskNote}
     */
    public static List<Row> of(Dataset<Row> quarter, Dataset<Row> risk, List<Grouping> groupings, String noRiskNote) {
        List<Row> out = new ArrayList<>();
        for (Grouping g : groupings) {
            Map<String, Object[]> bySegment = new LinkedHashMap<>();
            if (g.departureMembership() != null) {
                Column segment = coalesce(col("segment"), lit(NONE));
                for (Row r : quarter.join(g.departureMembership(), CustomerQuarters.CUSTOMER_ID, "left")
                        .groupBy(segment.as("segment"))
                        .agg(count(when(col(CustomerQuarters.ACTIVE_START), 1)), count(when(col(CustomerQuarters.DEPARTED), 1)),
                                sum(when(col(CustomerQuarters.DEPARTED), col(CustomerQuarters.ANNUAL_VALUE))))
                        .orderBy("segment").collectAsList()) {
                    Object[] cells = cells(bySegment, r.getString(0));
                    cells[0] = r.getLong(1);
                    cells[1] = r.getLong(2);
                    cells[2] = ObservedQuarters.money(r.getDecimal(3));
                }
            }
            if (risk != null && g.riskMembership() != null) {
                for (Row r : risk.join(g.riskMembership(), CustomerQuarters.CUSTOMER_ID, "left")
                        .groupBy(coalesce(col("segment"), lit(NONE)).as("segment"))
                        .agg(count(col(RevenueAtRisk.AT_RISK)), sum(RevenueAtRisk.AT_RISK))
                        .orderBy("segment").collectAsList()) {
                    Object[] cells = cells(bySegment, r.getString(0));
                    cells[3] = r.getLong(1);
                    cells[4] = r.isNullAt(2) ? 0.0 : r.getDouble(2);
                }
            }
            bySegment.forEach((segment, c) -> out.add(row(g, segment, c, risk != null, noRiskNote)));
        }
        return out;
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
