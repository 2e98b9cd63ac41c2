package io.churnlens.cli;

import io.churnlens.features.FeaturesStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Builds customer_features as of --as-of from the canonical transactions: RFM, tenure, cadence,",
                "trailing windows and trends, returns, and the BTYD statistics x / t_x / t_cal. Nothing after T is used."})
public final class FeaturesCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return new FeaturesStage();
    }
}
