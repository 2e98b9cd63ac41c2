package io.churnlens.ingest;

import io.churnlens.io.GroupCommit;
import io.churnlens.io.InputException;
import io.churnlens.io.RawRows;
import io.churnlens.io.RawSource;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the raw exports (input.*) into the canonical transactions ({@link Ingestion}): every row ends in
 * transactions, quarantine (with a reason) or counted as a duplicate, and the three outputs are committed together.
 */
public final class IngestStage extends DeclaredStage {
    private static final String[] SUMMARY = {DataQualityColumns.ROWS_READ, DataQualityColumns.ACCEPTED,
            DataQualityColumns.QUARANTINED, DataQualityColumns.DUPLICATES_IN_INPUT,
            DataQualityColumns.DUPLICATES_ALREADY_INGESTED};

    public IngestStage() {
        super("ingest",
                List.of("raw files (input.path)", Tables.TRANSACTIONS),
                List.of(Tables.TRANSACTIONS, Tables.QUARANTINE, Tables.DATA_QUALITY));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        RawRows raw = RawSource.read(ctx.spark(), ctx.config());
        raw.warnings().forEach(w -> ctx.err("WARNING: %s", w));
        Optional<Dataset<Row>> existing = ctx.store().transactions();
        IngestResult result = new Ingestion(ctx.config(), ctx.asOf(), ctx.runId())
                .apply(raw, existing.orElse(null))
                .persist();
        try {
            Map<String, Long> counts = result.counts();
            if (!DataQualityReport.reconciles(counts)) {
                throw new IllegalStateException("ingest counts do not reconcile: " + counts);
            }
            judge(ctx, result, counts).forEach(warning -> ctx.out("    warning: %s", warning));
            publishTogether(ctx, result, counts, counts.get(DataQualityColumns.ACCEPTED) > 0 || existing.isEmpty());
            printQuarantine(ctx, counts);
            raw.requireNoRefusedFiles();
            Map<String, Long> summary = new LinkedHashMap<>();
            for (String key : SUMMARY) {
                summary.put(key, counts.get(key));
            }
            return summary;
        } finally {
            result.release();
        }
    }

    /** The run's warnings; a run the limits reject keeps its quarantine and counts for inspection, then fails. */
    private static List<String> judge(StageContext ctx, IngestResult result, Map<String, Long> counts) {
        try {
            return IngestVerdict.check(ctx.config().ingest(), counts, result, ctx.store().layout().quarantine(ctx.runId()));
        } catch (InputException rejected) {
            publishTogether(ctx, result, counts, false);
            throw rejected;
        }
    }

    /**
     * Quarantine, transactions and data_quality appear together or not at all: a run killed half way leaves no
     * quarantined rows that no report counts and no accepted rows twice (the next run finishes or undoes it).
     */
    private static void publishTogether(StageContext ctx, IngestResult result, Map<String, Long> counts,
                                        boolean withTransactions) {
        GroupCommit commit = ctx.store().beginCommit();
        ctx.store().stageQuarantine(commit, result.quarantine());
        if (withTransactions) {
            ctx.store().stageTransactions(commit, result.table());
        }
        ctx.store().stageDataQuality(commit, ctx.asOf(),
                DataQualityReport.rows(ctx.spark(), ctx.runId(), ctx.config().input().path(), counts));
        commit.commit();
    }

    private static void printQuarantine(StageContext ctx, Map<String, Long> counts) {
        List<String> reasons = new ArrayList<>();
        counts.forEach((k, v) -> {
            if (k.startsWith(DataQualityColumns.QUARANTINED_PREFIX) && v > 0) {
                reasons.add(k.substring(DataQualityColumns.QUARANTINED_PREFIX.length()) + "=" + v);
            }
        });
        if (!reasons.isEmpty()) {
            ctx.out("    quarantined by reason: %s -> %s", String.join(", ", reasons),
                    ctx.store().layout().quarantine(ctx.runId()));
        }
    }
}
