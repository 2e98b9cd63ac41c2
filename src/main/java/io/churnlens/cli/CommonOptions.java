package io.churnlens.cli;

import io.churnlens.io.Quarters;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The options every job shares. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Job configuration (HOCON). Keys not in the file take their defaults (see README). Default: built-in defaults, which read the bundled sample.")
    Path config;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "Snapshot date T: only transactions on or before it are used. Default: run.as-of from the config, else the last completed quarter end.")
    LocalDate asOf;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Output root (any Hadoop path: local, hdfs://, s3a://). Overrides output.root (default: ./churnlens-output).")
    String output;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set churn.horizon-days=60. Repeatable.")
    List<String> overrides = new ArrayList<>();

    /** Config overrides in precedence order: explicit flags win over --set. */
    List<String> overrides(List<String> commandOverrides) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(commandOverrides);
        if (output != null) {
            all.add("output.root=" + output);
        }
        return all;
    }

    /** The snapshot date; one after today is refused (a snapshot of the future would silently lack its data). */
    LocalDate asOf(LocalDate configured, LocalDate today) {
        LocalDate resolved = asOf != null ? asOf : configured != null ? configured : Quarters.lastCompletedEnd(today);
        if (resolved.isAfter(today)) {
            throw new io.churnlens.config.ConfigException("the snapshot date " + resolved + " (" + (asOf != null
                    ? "--as-of, or backfill's --to quarter end" : "run.as-of") + ") is after today (" + today
                    + "): its data cannot exist yet; pass a date on or before today");
        }
        return resolved;
    }
}
