package io.churnlens.cli;

import io.churnlens.model.BacktestStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Checks that last quarter's model works this quarter: loads the latest stored model of a snapshot",
                "T' with T'+H <= T, scores the features as of T' and compares with what happened in (T', T'+H]; without",
                "one it trains as of T-H and compares with (T-H, T]. Writes model_backtest (judged_model says which).",
                "Too little history: a warning and no rows, as in `pipeline`."})
public final class BacktestCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return BacktestStage.whenPossible();
    }
}
