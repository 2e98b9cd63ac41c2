package io.churnlens.testing;

import io.churnlens.cli.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One small real run, made once per test JVM and shared by the tests that read published output: 400 generated
 * customers (messy rows included, so the quarantine is not empty) and {@code pipeline} as of 2026-09-30 through the
 * command line as a user runs it, with one logistic candidate and one baseline (the smallest grid: the same tables).
 * The pipeline includes {@code backtest} (no earlier model here: it retrains as of T−H). Call {@link #output()} after
 * the shared SparkSession exists (a {@link SparkTestBase} subclass): the jobs reuse it.
 */
public final class SmallPipelineRun {
    public static final String AS_OF = "2026-09-30";
    private static Path root;

    private SmallPipelineRun() {}

    /** The output root of the run (under java.io.tmpdir, deleted with the JVM's temporary files by the OS). */
    public static synchronized Path output() {
        if (root != null) return root;
        try {
            Path dir = Files.createTempDirectory("churnlens-small-run");
            Path generated = dir.resolve("gen");
            require(Main.run("generate", "--output", generated.toString(), "--set", "simulate.customers=400"), "generate");
            List<String> common = new ArrayList<>(List.of("--as-of", AS_OF, "--output", dir.resolve("out").toString(),
                    "--set", "mapping.transaction-id=transaction_id", "--set", "mapping.country=country",
                    "--set", "mapping.channel=channel", "--set", "mapping.product-id=product_id",
                    "--set", "mapping.category=category", "--set", "model.candidates=[logistic]",
                    "--set", "model.logistic-reg-params=[0.01]", "--set", "model.logistic-elastic-net-params=[0.0]",
                    "--set", "model.baselines=[recency]", "--set", "clv.fit-pareto-nbd=false",
                    "--set", "segment.k-max=3"));
            List<String> pipeline = new ArrayList<>(List.of("pipeline", "--input",
                    generated.resolve("generated/transactions").toString()));
            pipeline.addAll(common);
            require(Main.run(pipeline.toArray(String[]::new)), "pipeline");
            root = dir.resolve("out");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(int exit, String job) {
        if (exit != 0) throw new IllegalStateException(job + " exited with " + exit + " (see the test output)");
    }
}
