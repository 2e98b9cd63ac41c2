package io.churnlens.cli;

import io.churnlens.drift.DriftStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"This snapshot against the previous published one: model_drift with the BTYD parameters'",
                "changes in standard errors (clv_params), the population stability index of each model feature",
                "(customer_features), the churn model's holdout metrics (model_metrics) and the RFM segment and",
                "cluster transitions (customer_segments). Each part uses the latest as_of before --as-of at which its",
                "table is published; a part without one gets a note row (drift.* sets the thresholds)."})
public final class DriftCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return new DriftStage();
    }
}
