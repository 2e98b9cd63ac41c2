package io.churnlens.cli;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.report.Pseudonyms;
import io.churnlens.report.ReportStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the quarter's management report under <root>/management/YYYY-Qn/: report.html (one",
                "self-contained page: headline figures with changes, charts, scenarios, assumptions) and",
                "key_figures.csv. Reads the impact tables as of --as-of (run `impact` first)."})
public final class ReportCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return new ReportStage();
    }

    /** The pseudonymisation key must be there before Spark starts. */
    @Override
    protected void beforeSpark(ChurnlensConfig config) {
        Pseudonyms.forManagement(config.pseudonymise());
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().management(ctx.asOf) + "/report.html";
    }
}
