package io.churnlens.cli;

import io.churnlens.clv.ClvStage;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "clv", mixinStandardHelpOptions = true,
        description = {"Fits BG/NBD (or Pareto/NBD) and Gamma-Gamma by maximum likelihood on customer_features as of",
                "--as-of and writes clv_params, customer_value (P(alive), expected purchases and spend, CLV) and",
                "clv_holdout (fit as of T-H, predicted vs actual purchases in (T-H, T]). Every fit ends identified,",
                "boundary or failed within clv.fit-max-evaluations / clv.fit-max-seconds (clv_params.fit_state);",
                "at the no-drop-out boundary customer values come from the NBD limit, a failed purchase model falls",
                "back to the other one, and without a usable purchase model no customer values are written."})
public final class ClvCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return new ClvStage();
    }
}
