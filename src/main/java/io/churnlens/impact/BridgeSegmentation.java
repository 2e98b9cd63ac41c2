package io.churnlens.impact;

import io.churnlens.schema.BridgeColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

/**
 * The segments the bridge splits departures by; they must exist for both quarters. First choice: customer_segments
 * at each quarter's start (rfm_segment, cluster_name). Else country and channel from customer_features as of T (a
 * customer's usual country and channel: known for both quarters, though taken as of T). Else one group, so the mix
 * effect is 0. {@link #description} says which and why.
 *
 * @param previous membership for the previous quarter's departures (customer_id + the dimensions); empty: none
 * @param current  membership for the as-of quarter's departures; the same table as previous for customer_features
 */
record BridgeSegmentation(List<String> dimensions, Optional<Dataset<Row>> previous, Optional<Dataset<Row>> current,
                          String description) {

    /** The segments at each quarter's start, or T's features, with the as_of dates for the description. */
    record Sources(Optional<Dataset<Row>> segmentsAtPreviousStart, LocalDate previousStartAsOf,
                   Optional<Dataset<Row>> segmentsAtStart, LocalDate startAsOf, Optional<Dataset<Row>> features,
                   LocalDate asOf) {}

    static BridgeSegmentation choose(Sources s) {
        if (s.segmentsAtPreviousStart().isPresent() && s.segmentsAtStart().isPresent()) {
            List<String> both = new ArrayList<>(present(s.segmentsAtStart().get(), SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME));
            both.retainAll(present(s.segmentsAtPreviousStart().get(), SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME));
            if (!both.isEmpty()) {
                return new BridgeSegmentation(both, s.segmentsAtPreviousStart(), s.segmentsAtStart(),
                        "customer_segments at each quarter's start (" + s.previousStartAsOf() + ", " + s.startAsOf() + ")");
            }
        }
        String missing = s.segmentsAtPreviousStart().isEmpty() ? "no customer_segments as of " + s.previousStartAsOf()
                : s.segmentsAtStart().isEmpty() ? "no customer_segments as of " + s.startAsOf()
                : "customer_segments without rfm_segment or cluster_name";
        List<String> groups = s.features().map(BridgeSegmentation::presentGroups).orElse(List.of());
        if (!groups.isEmpty()) {
            return new BridgeSegmentation(groups, s.features(), s.features(), String.join(", ", groups)
                    + " from customer_features as of " + s.asOf() + " (" + missing + ")");
        }
        return new BridgeSegmentation(List.of(BridgeColumns.ALL), Optional.empty(), Optional.empty(),
                "none: one group, so the mix effect is 0 (" + missing
                        + ", no country or channel in customer_features)");
    }

    private static List<String> present(Dataset<Row> table, String... columns) {
        List<String> have = Arrays.asList(table.columns());
        return Arrays.stream(columns).filter(have::contains).toList();
    }

    /** country and channel when customer_features has a value for at least one customer, in one query. */
    private static List<String> presentGroups(Dataset<Row> features) {
        List<String> columns = present(features, TransactionColumns.GROUP_COLUMNS);
        if (columns.isEmpty()) return columns;
        Row counts = features.agg(count(col(columns.get(0))), columns.subList(1, columns.size()).stream()
                .map(c -> count(col(c))).toArray(Column[]::new)).first();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) if (counts.getLong(i) > 0) out.add(columns.get(i));
        return out;
    }
}
