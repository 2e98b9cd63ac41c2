package io.churnlens.cli;

import io.churnlens.ingest.IngestStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {
                "Reads raw transaction exports (input.*) through the column mapping (mapping.*) into the canonical",
                "transactions table. Every row ends in exactly one place: transactions, quarantine (with a reason",
                "code), or counted as an exact duplicate; the counts are printed and written to data_quality (one",
                "partition per ingest run). The three outputs are committed together, or none of them.",
                "Re-ingesting the same file adds nothing twice."})
public final class IngestCommand extends StageCommand {
    @Option(names = "--input", paramLabel = "PATH", description = "Raw input file, folder or glob (overrides input.path).")
    String input;

    @Override
    protected Stage stage() {
        return new IngestStage();
    }

    @Override
    protected List<String> commandOverrides() {
        return input == null ? List.of() : List.of("input.path=" + input);
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().transactions();
    }
}
