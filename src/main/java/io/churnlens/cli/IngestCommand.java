package io.churnlens.cli;

import io.churnlens.ingest.DataQualityReport;
import io.churnlens.ingest.IngestResult;
import io.churnlens.ingest.Ingestion;
import io.churnlens.io.RawRows;
import io.churnlens.ingest.IngestVerdict;
import io.churnlens.io.GroupCommit;
import io.churnlens.io.InputException;
import io.churnlens.io.RawSource;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {
                "Reads raw transaction exports (input.*) through the column mapping (mapping.*) into the canonical",
                "transactions table. Every row ends in exactly one place: transactions, quarantine (with a reason",
                "code), or counted as an exact duplicate; the counts are printed and written to data_quality (one",
                "partition per ingest run). The three outputs are committed together, or none of them.",
                "Re-ingesting the same file adds nothing twice."})
public final class IngestCommand extends JobCommand {
    @Option(names = "--input", paramLabel = "PATH", description = "Raw input file, folder or glob (overrides input.path).")
    String input;

    @Override
    protected String jobName() {
        return "ingest";
    }

    @Override
    protected List<String> commandOverrides() {
        return input == null ? List.of() : List.of("input.path=" + input);
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().transactions();
    }

    @Override
    protected void run(RunContext ctx) {
        ingest(ctx);
    }

    static void ingest(RunContext ctx) {
        ctx.stage("ingest", () -> {
            RawRows raw = RawSource.read(ctx.spark, ctx.config);
            raw.warnings().forEach(w -> Console.err("WARNING: %s", w));
            Optional<Dataset<Row>> existing = ctx.store.transactions();
            IngestResult result = new Ingestion(ctx.config, ctx.asOf, ctx.runId)
                    .apply(raw, existing.orElse(null))
                    .persist();
            try {
                Map<String, Long> counts = result.counts();
                if (!DataQualityReport.reconciles(counts)) {
                    throw new IllegalStateException("ingest counts do not reconcile: " + counts);
                }
                List<String> warnings;
                try {
                    warnings = IngestVerdict.check(ctx.config.ingest(), counts, result,
                            ctx.store.layout().quarantine(ctx.runId));
                } catch (InputException rejected) {
                    publishTogether(ctx, result, counts, false); // quarantine and counts kept for inspection
                    throw rejected;
                }
                warnings.forEach(warning -> Console.out("    warning: %s", warning));
                publishTogether(ctx, result, counts, counts.get(DataQualityColumns.ACCEPTED) > 0 || existing.isEmpty());
                printQuarantine(ctx, counts);
                raw.requireNoRefusedFiles();
                Map<String, Long> summary = new LinkedHashMap<>();
                for (String key : new String[]{DataQualityColumns.ROWS_READ, DataQualityColumns.ACCEPTED,
                        DataQualityColumns.QUARANTINED, DataQualityColumns.DUPLICATES_IN_INPUT,
                        DataQualityColumns.DUPLICATES_ALREADY_INGESTED}) {
                    summary.put(key, counts.get(key));
                }
                return summary;
            } finally {
                result.release();
            }
        });
    }

    /**
     * Quarantine, transactions and data_quality appear together or not at all: a run killed half way leaves no
     * quarantined rows that no report counts and no accepted rows twice (the next run finishes or undoes it).
     */
    private static void publishTogether(RunContext ctx, IngestResult result, Map<String, Long> counts,
                                        boolean withTransactions) {
        GroupCommit commit = ctx.store.beginCommit();
        ctx.store.stageQuarantine(commit, result.quarantine());
        if (withTransactions) {
            ctx.store.stageTransactions(commit, result.table());
        }
        ctx.store.stageDataQuality(commit, ctx.asOf,
                DataQualityReport.rows(ctx.spark, ctx.runId, ctx.config.input().path(), counts));
        commit.commit();
    }

    private static void printQuarantine(RunContext ctx, Map<String, Long> counts) {
        List<String> reasons = new ArrayList<>();
        counts.forEach((k, v) -> {
            if (k.startsWith(DataQualityColumns.QUARANTINED_PREFIX) && v > 0) {
                reasons.add(k.substring(DataQualityColumns.QUARANTINED_PREFIX.length()) + "=" + v);
            }
        });
        if (!reasons.isEmpty()) {
            Console.out("    quarantined by reason: %s -> %s", String.join(", ", reasons),
                    ctx.store.layout().quarantine(ctx.runId));
        }
    }
}
