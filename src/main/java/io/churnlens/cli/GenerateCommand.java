package io.churnlens.cli;

import io.churnlens.io.SimulationOutput;
import io.churnlens.simulate.Simulation;
import io.churnlens.simulate.SimulationResult;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Simulates a retail customer base (BG/NBD purchases and drop-out, Gamma-Gamma spend, returns,",
                "group effects, messy rows) from the simulate.* settings. Writes <output>/generated/transactions",
                "(a CSV export to ingest), ground_truth and messy_rows (Parquet). Deterministic for simulate.seed."})
public final class GenerateCommand extends JobCommand {
    @Override
    protected String jobName() {
        return "generate";
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().generated();
    }

    @Override
    protected void run(RunContext ctx) {
        ctx.stage("generate", () -> {
            SimulationResult result = Simulation.run(ctx.spark, ctx.config.simulate());
            long rawRows = new SimulationOutput(ctx.store)
                    .publish(result.transactions(), result.groundTruth(), result.messyRows());
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("customers", (long) ctx.config.simulate().customers());
            counts.put("raw_rows", rawRows);
            result.messyRowCounts().forEach((kind, n) -> counts.put("messy_" + kind.name().toLowerCase(java.util.Locale.ROOT), n));
            return counts;
        });
    }
}
