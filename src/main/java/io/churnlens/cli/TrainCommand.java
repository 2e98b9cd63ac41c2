package io.churnlens.cli;

import io.churnlens.model.TrainStage;
import io.churnlens.schema.Tables;
import io.churnlens.stage.Stage;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains the churn scorers on features as of T-H with labels 'no purchase in (T-H, T]' (T = --as-of):",
                "logistic regression and GBT (MLlib pipelines, class weights, hyper-parameters chosen on a seeded",
                "validation split, Platt-calibrated) and the baselines recency, RFM segment and BG/NBD. The best on a",
                "seeded holdout is the champion. Writes model_metrics and the champion under models/churn/as_of=T."})
public final class TrainCommand extends StageCommand {
    @Override
    protected Stage stage() {
        return TrainStage.strict();
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().model(Tables.CHURN_MODEL, ctx.asOf);
    }
}
