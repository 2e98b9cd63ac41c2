package io.churnlens.ingest;

import io.churnlens.config.ChurnlensConfig.ConflictRule;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.QuarantineReason;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * The counts of one ingest, from one aggregation over the {@link Outcomes} (grouped by reason: a dozen rows reach
 * the driver; plain sums, so a hash aggregation, no sort of the rows), plus one over this run's new rows when a
 * stored table exists.
 */
record OutcomeCounts(Map<String, Long> counts) {

    static OutcomeCounts of(Dataset<Row> outcomes, LineMerge.Pieces merge) {
        Column afterSnapshot = col(Parsed.EVENT_DATE).gt(lit(Date.valueOf(merge.asOf())));
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (QuarantineReason r : QuarantineReason.values()) {
            byReason.put(r.name(), 0L);
        }
        long[] valid = new long[4]; // distinct keys, rows, sub-cent amounts, after the snapshot
        for (Row row : outcomes.groupBy(col(Ingestion.REASON)).agg(count(lit(1)), sum(col(Outcomes.ROWS)),
                        ones(col(Parsed.SUB_CENT)), ones(afterSnapshot))
                .collectAsList()) {
            if (row.isNullAt(0)) {
                valid = new long[]{row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)};
            } else {
                byReason.put(row.getString(0), row.getLong(1));
            }
        }
        long[] kept = merge.flagged() == null ? new long[]{valid[0], 0, valid[2], valid[3]}
                : fresh(merge.flagged(), merge.rule(), afterSnapshot);
        return new OutcomeCounts(counts(byReason, valid, kept, merge));
    }

    /** Over this run's new rows: accepted, conflicts, sub-cent and after-snapshot among the accepted. */
    private static long[] fresh(Dataset<Row> flagged, ConflictRule rule, Column afterSnapshot) {
        Column accepted = rule == ConflictRule.LATEST ? lit(true) : not(col(LineMerge.CONFLICT));
        Row r = flagged.agg(ones(accepted), ones(col(LineMerge.CONFLICT)), ones(accepted.and(col(Parsed.SUB_CENT))),
                ones(accepted.and(afterSnapshot))).first();
        return new long[]{r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3)};
    }

    private static Map<String, Long> counts(Map<String, Long> byReason, long[] valid, long[] kept,
                                            LineMerge.Pieces merge) {
        long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
        long conflicts = kept[1];
        long notAdded = merge.rule() == ConflictRule.EARLIEST ? conflicts : 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(DataQualityColumns.ROWS_READ, quarantined + valid[1]);
        counts.put(DataQualityColumns.ACCEPTED, kept[0]);
        counts.put(DataQualityColumns.QUARANTINED, quarantined);
        counts.put(DataQualityColumns.DUPLICATES_IN_INPUT, valid[1] - valid[0]);
        counts.put(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, valid[0] - kept[0] - notAdded);
        counts.put(DataQualityColumns.CONFLICTS_NOT_ADDED, notAdded);
        byReason.forEach((reason, n) -> counts.put(DataQualityColumns.QUARANTINED_PREFIX + reason, n));
        counts.put(DataQualityColumns.CONFLICTS_WITH_INGESTED, conflicts);
        counts.put(DataQualityColumns.ROWS_REPLACED, merge.replaced() == null || conflicts == 0 ? 0
                : merge.replaced().count());
        counts.put(DataQualityColumns.AMOUNTS_ROUNDED, kept[2]);
        counts.put(DataQualityColumns.ACCEPTED_AFTER_SNAPSHOT, kept[3]);
        return counts;
    }

    /** How many rows a condition holds for (0, never null, over no rows). */
    private static Column ones(Column condition) {
        return coalesce(sum(when(condition, 1L).otherwise(0L)), lit(0L));
    }
}
