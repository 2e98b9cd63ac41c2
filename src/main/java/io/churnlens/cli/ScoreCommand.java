package io.churnlens.cli;

import io.churnlens.model.ScoreStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores every customer of customer_features as of --as-of with the stored churn model: calibrated",
                "churn probability, risk tier (model.risk-medium / risk-high), top three reasons, plus segment, P(alive),",
                "expected value and CLV when those stages ran. Writes customer_scores."})
public final class ScoreCommand extends StageCommand {
    @Option(names = "--model-as-of", paramLabel = "YYYY-MM-DD",
            description = "Use the model trained for this snapshot (e.g. last quarter's). Default: the model of --as-of.")
    LocalDate modelAsOf;

    @Override
    protected Stage stage() {
        return ScoreStage.withModelOf(modelAsOf);
    }
}
