package io.churnlens.cli;

import io.churnlens.model.BacktestStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Checks that last quarter's model works this quarter: trains as of T-H (features as of T-2H, labels",
                "from (T-2H, T-H]), scores every customer as of T-H and compares with what happened in (T-H, T].",
                "Writes model_backtest (every scorer; the champion of the T-H training flagged)."})
public final class BacktestCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return new BacktestStage();
    }
}
