package io.churnlens.drift;

import io.churnlens.schema.DriftColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Where customers moved between two snapshots: the RFM segment and the cluster then → now (customers matched on
 * customer_id; {@code (new)} / {@code (gone)} for customers in one snapshot only), with counts and revenue: the
 * customers' monetary_total then, and monetary_total now minus then (their net revenue between the snapshots). Then
 * each segment's share of customers then and now, flagged when it moved by more than {@code shareChange}.
 */
final class SegmentTransitions {
    private static final String THEN = "then_";
    private static final String NOW = "now_";

    private final double shareChange;

    SegmentTransitions(double shareChange) {
        this.shareChange = shareChange;
    }

    /**
     * @param segmentsThen customer_segments then, each with monetary_total joined from customer_features of its own
     *                     snapshot ({@link #withMonetary})
     */
    List<Row> rows(LocalDate previous, Dataset<Row> segmentsThen, Dataset<Row> segmentsNow) {
        Dataset<Row> joined = side(segmentsThen, THEN)
                .join(side(segmentsNow, NOW), col(THEN + SegmentColumns.CUSTOMER_ID).equalTo(col(NOW + SegmentColumns.CUSTOMER_ID)), "full_outer")
                .cache();
        try {
            List<Row> out = new ArrayList<>();
            for (String[] grouping : new String[][] {{SegmentColumns.GROUPING_RFM, SegmentColumns.RFM_SEGMENT},
                    {SegmentColumns.GROUPING_CLUSTER, SegmentColumns.CLUSTER_NAME}}) {
                List<Row> cells = cells(joined, grouping[1]);
                for (Row c : cells) out.add(transition(previous, grouping[0], c));
                out.addAll(shares(previous, grouping[0], cells));
            }
            return out;
        } finally {
            joined.unpersist();
        }
    }

    /** customer_segments with the customer's monetary_total (null when features is missing the customer). */
    static Dataset<Row> withMonetary(Dataset<Row> segments, Dataset<Row> features) {
        return segments.join(features.select(FeatureColumns.CUSTOMER_ID, FeatureColumns.MONETARY_TOTAL),
                segments.col(SegmentColumns.CUSTOMER_ID).equalTo(features.col(FeatureColumns.CUSTOMER_ID)), "left")
                .select(segments.col(SegmentColumns.CUSTOMER_ID), segments.col(SegmentColumns.RFM_SEGMENT),
                        segments.col(SegmentColumns.CLUSTER_NAME), features.col(FeatureColumns.MONETARY_TOTAL));
    }

    /** When the snapshot's customer_features is not published: revenue columns stay null. */
    static Dataset<Row> withoutMonetary(Dataset<Row> segments) {
        return segments.select(col(SegmentColumns.CUSTOMER_ID), col(SegmentColumns.RFM_SEGMENT),
                col(SegmentColumns.CLUSTER_NAME), lit(null).cast("decimal(18,2)").as(FeatureColumns.MONETARY_TOTAL));
    }

    private static Dataset<Row> side(Dataset<Row> segments, String prefix) {
        return segments.select(col(SegmentColumns.CUSTOMER_ID).as(prefix + SegmentColumns.CUSTOMER_ID),
                col(SegmentColumns.RFM_SEGMENT).as(prefix + SegmentColumns.RFM_SEGMENT),
                col(SegmentColumns.CLUSTER_NAME).as(prefix + SegmentColumns.CLUSTER_NAME),
                col(FeatureColumns.MONETARY_TOTAL).as(prefix + FeatureColumns.MONETARY_TOTAL));
    }

    /** One row per (from, to) cell: from, to, customers, revenue then, revenue between. */
    private static List<Row> cells(Dataset<Row> joined, String label) {
        Column thenMoney = col(THEN + FeatureColumns.MONETARY_TOTAL);
        Column nowMoney = col(NOW + FeatureColumns.MONETARY_TOTAL);
        Column present = col(NOW + SegmentColumns.CUSTOMER_ID).isNotNull();
        return joined.groupBy(coalesce(col(THEN + label), lit(DriftColumns.NEW)).as(DriftColumns.FROM_LABEL),
                        coalesce(col(NOW + label), lit(DriftColumns.GONE)).as(DriftColumns.TO_LABEL))
                .agg(count(lit(1)).as(DriftColumns.CUSTOMERS), sum(thenMoney).as(DriftColumns.REVENUE_THEN),
                        sum(when(present, nowMoney.minus(coalesce(thenMoney, lit(BigDecimal.ZERO)))))
                                .as(DriftColumns.REVENUE_BETWEEN))
                .orderBy(DriftColumns.FROM_LABEL, DriftColumns.TO_LABEL)
                .collectAsList();
    }

    private static Row transition(LocalDate previous, String grouping, Row cell) {
        return DriftRow.of(DriftColumns.PART_SEGMENTS, DriftColumns.KIND_TRANSITION, previous)
                .set(DriftColumns.GROUPING, grouping)
                .set(DriftColumns.FROM_LABEL, cell.getAs(DriftColumns.FROM_LABEL))
                .set(DriftColumns.TO_LABEL, cell.getAs(DriftColumns.TO_LABEL))
                .set(DriftColumns.CUSTOMERS, cell.getAs(DriftColumns.CUSTOMERS))
                .set(DriftColumns.REVENUE_THEN, DriftRow.money(cell.getAs(DriftColumns.REVENUE_THEN)))
                .set(DriftColumns.REVENUE_BETWEEN, DriftRow.money(cell.getAs(DriftColumns.REVENUE_BETWEEN)))
                .toRow();
    }

    /** Each segment's share of the customers then (excluding the new) and now (excluding the gone). */
    private List<Row> shares(LocalDate previous, String grouping, List<Row> cells) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        long[] totals = new long[2];
        for (Row c : cells) {
            long n = c.getAs(DriftColumns.CUSTOMERS);
            String from = c.getAs(DriftColumns.FROM_LABEL);
            String to = c.getAs(DriftColumns.TO_LABEL);
            if (!DriftColumns.NEW.equals(from)) { counts.computeIfAbsent(from, k -> new long[2])[0] += n; totals[0] += n; }
            if (!DriftColumns.GONE.equals(to)) { counts.computeIfAbsent(to, k -> new long[2])[1] += n; totals[1] += n; }
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            double then = totals[0] == 0 ? 0 : (double) e.getValue()[0] / totals[0];
            double now = totals[1] == 0 ? 0 : (double) e.getValue()[1] / totals[1];
            boolean moved = Math.abs(now - then) > shareChange;
            out.add(DriftRow.of(DriftColumns.PART_SEGMENTS, DriftColumns.KIND_SHARE, previous)
                    .set(DriftColumns.GROUPING, grouping).set(DriftColumns.NAME, e.getKey())
                    .values(then, now).set(DriftColumns.CUSTOMERS, e.getValue()[1])
                    .flagged(moved, moved ? DriftColumns.LEVEL_MOVED : DriftColumns.LEVEL_STABLE)
                    .set(DriftColumns.NOTE, String.format(Locale.ROOT, "%d customers then, %d now", e.getValue()[0], e.getValue()[1]))
                    .toRow());
        }
        return out;
    }
}
