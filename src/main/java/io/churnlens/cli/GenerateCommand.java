package io.churnlens.cli;

import io.churnlens.io.SimulationOutput;
import io.churnlens.simulate.Simulation;
import io.churnlens.simulate.SimulationResult;
import io.churnlens.simulate.World;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Simulates a retail customer base (BG/NBD purchases and drop-out, Gamma-Gamma spend, returns,",
                "group effects, messy rows) from the simulate.* settings. Writes <output>/generated/transactions",
                "(a CSV export to ingest), ground_truth and messy_rows (Parquet). Deterministic for simulate.seed."})
public final class GenerateCommand extends JobCommand {
    @Option(names = "--world", defaultValue = "bgnbd", paramLabel = "WORLD",
            description = {"bgnbd (default): the BG/NBD world above. disengaging: customers disengage gradually before",
                    "they leave (rate and basket fall), a yearly season peaking in Q4, returns raise the drop-out",
                    "hazard; its ground truth adds the hidden state and Monte-Carlo estimates from it."})
    String world = "bgnbd";

    @Override
    protected String jobName() {
        return "generate";
    }

    /** An unknown world fails before Spark starts, as a bad command line (exit 2). */
    @Override
    protected void beforeSpark(io.churnlens.config.ChurnlensConfig config) {
        try {
            World.parse(world);
        } catch (IllegalArgumentException e) {
            throw new io.churnlens.config.ConfigException("--world: " + e.getMessage());
        }
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().generated();
    }

    @Override
    protected void run(RunContext ctx) {
        ctx.stage("generate", () -> {
            World chosen = World.parse(world);
            SimulationResult result = Simulation.run(ctx.spark, ctx.config.simulate(), chosen);
            long rawRows = new SimulationOutput(ctx.store)
                    .publish(result.transactions(), result.groundTruth(), result.messyRows());
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("customers", (long) ctx.config.simulate().customers());
            counts.put("world_" + chosen.label(), 1L);
            counts.put("raw_rows", rawRows);
            result.messyRowCounts().forEach((kind, n) -> counts.put("messy_" + kind.name().toLowerCase(java.util.Locale.ROOT), n));
            return counts;
        });
    }
}
