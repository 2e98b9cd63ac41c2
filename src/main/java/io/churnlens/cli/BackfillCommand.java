package io.churnlens.cli;

import io.churnlens.config.ConfigException;
import io.churnlens.io.Quarters;
import io.churnlens.pipeline.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {
                "Runs the pipeline for every quarter end from --from to --to, oldest first. Ingests once (as of the",
                "last quarter), then runs the analysis stages per quarter. Quarters already published are skipped",
                "unless --force. --as-of is ignored; each quarter is its own snapshot."})
public final class BackfillCommand extends IngestingJobCommand {
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?Q([1-4])");

    @Option(names = "--from", required = true, paramLabel = "YYYY-Qn", description = "First quarter, e.g. 2025-Q1.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-Qn", description = "Last quarter, e.g. 2026-Q3.")
    String to;

    @Option(names = "--force", description = "Recompute quarters that are already published.")
    boolean force;

    @Override
    public Integer call() {
        common.asOf = quarterEnd(to, "--to");
        return super.call();
    }

    @Override
    protected void run(RunContext ctx) {
        List<LocalDate> quarters = quarterEnds(quarterEnd(from, "--from"), quarterEnd(to, "--to"));
        ingest.ingestUnlessSkipped(ctx);
        int skipped = 0;
        for (LocalDate asOf : quarters) {
            if (!force && ctx.store.isSnapshotComplete(asOf)) {
                Console.out("  skip %s (%s): already published; --force recomputes it", Quarters.label(asOf), asOf);
                skipped++;
                continue;
            }
            Console.out("  quarter %s (as of %s)", Quarters.label(asOf), asOf);
            Pipeline.analyse(ctx.forAsOf(asOf));
        }
        Console.out("  backfill: %d quarters, %d computed, %d skipped", quarters.size(), quarters.size() - skipped, skipped);
    }

    static List<LocalDate> quarterEnds(LocalDate first, LocalDate last) {
        if (first.isAfter(last)) {
            throw new ConfigException("--from " + Quarters.label(first) + " is after --to " + Quarters.label(last)
                    + "; swap them");
        }
        List<LocalDate> ends = new ArrayList<>();
        for (LocalDate q = first; !q.isAfter(last); q = Quarters.end(q.plusDays(1))) {
            ends.add(q);
        }
        return ends;
    }

    static LocalDate quarterEnd(String text, String flag) {
        Matcher m = QUARTER.matcher(text.trim().toUpperCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(flag + " '" + text + "' is not a quarter; write it as YYYY-Qn, e.g. 2026-Q3");
        }
        int year = Integer.parseInt(m.group(1));
        int quarter = Integer.parseInt(m.group(2));
        return Quarters.end(LocalDate.of(year, quarter * 3, 1));
    }
}
