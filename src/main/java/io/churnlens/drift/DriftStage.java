package io.churnlens.drift;

import io.churnlens.io.TableStore;
import io.churnlens.schema.DriftColumns;
import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code model_drift}: this snapshot against the previous published one ({@link DriftAnalysis}). Each input table
 * has its own previous snapshot, the latest as_of before T published under the output root; a part without one
 * gets a note row and the stage carries on (a first snapshot has nothing to compare with).
 */
public final class DriftStage extends DeclaredStage {
    public DriftStage() {
        super("drift",
                List.of(Tables.CLV_PARAMS, Tables.CUSTOMER_FEATURES, Tables.MODEL_METRICS, Tables.CUSTOMER_SEGMENTS),
                List.of(Tables.MODEL_DRIFT));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        TableStore store = ctx.store();
        LocalDate asOf = ctx.asOf();
        SnapshotPair segments = pair(store, Tables.CUSTOMER_SEGMENTS, asOf);
        List<Row> rows = new DriftAnalysis(ctx.config().drift(), ctx.config().model().features()).rows(
                pair(store, Tables.CLV_PARAMS, asOf), pair(store, Tables.CUSTOMER_FEATURES, asOf),
                pair(store, Tables.MODEL_METRICS, asOf), withMonetary(store, segments));
        store.publishReport(Tables.MODEL_DRIFT, asOf, ctx.spark().createDataFrame(rows, DriftColumns.SCHEMA).coalesce(1));
        long flagged = DriftAnalysis.flagged(rows);
        for (Row r : rows) {
            String part = r.getAs(DriftColumns.PART);
            if (DriftColumns.KIND_NOTE.equals(r.getAs(DriftColumns.KIND)) && r.getAs(DriftColumns.NAME) == null) {
                ctx.out("    %s: %s", part, r.<String>getAs(DriftColumns.NOTE));
            }
        }
        ctx.note(flagged + " item(s) moved beyond their drift.* threshold");
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows", (long) rows.size());
        counts.put("flagged", flagged);
        return counts;
    }

    private static SnapshotPair pair(TableStore store, String table, LocalDate asOf) {
        LocalDate previous = SnapshotPair.latestBefore(store.publishedAsOfs(table), asOf).orElse(null);
        Dataset<Row> then = previous == null ? null : store.report(table, previous).orElse(null);
        return new SnapshotPair(table, asOf, previous, then, store.report(table, asOf).orElse(null));
    }

    /** Segments with each customer's monetary_total of the same snapshot (null where features are not published). */
    private static SnapshotPair withMonetary(TableStore store, SnapshotPair segments) {
        return new SnapshotPair(segments.table(), segments.asOf(), segments.previous(),
                monetary(store, segments.then(), segments.previous()), monetary(store, segments.now(), segments.asOf()));
    }

    private static Dataset<Row> monetary(TableStore store, Dataset<Row> segments, LocalDate at) {
        if (segments == null) return null;
        Optional<Dataset<Row>> features = store.report(Tables.CUSTOMER_FEATURES, at);
        return features.map(f -> SegmentTransitions.withMonetary(segments, f))
                .orElseGet(() -> SegmentTransitions.withoutMonetary(segments));
    }
}
