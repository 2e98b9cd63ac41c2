package io.churnlens.cli;

import io.churnlens.impact.ImpactStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "impact", mixinStandardHelpOptions = true,
        description = {"Revenue impact of churn as of --as-of: churn_impact (per quarter: departures by the inactivity",
                "rule and model-based drop-outs, revenue lost, net revenue retention, revenue at risk, economics),",
                "scenarios, cohort_retention (with sBG projections) and segment_risk. Reads transactions and, when",
                "published, customer_value, customer_scores, customer_segments and customer_features; a missing",
                "input leaves its figures null with a note."})
public final class ImpactCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return new ImpactStage();
    }
}
