package io.churnlens.cli;

import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.schema.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;

import java.util.Map;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Builds customer_features as of --as-of from the canonical transactions: RFM, tenure, cadence,",
                "trailing windows and trends, returns, and the BTYD statistics x / t_x / t_cal. Nothing after T is used."})
public final class FeaturesCommand extends JobCommand {
    @Override
    protected String jobName() {
        return "features";
    }

    @Override
    protected void run(RunContext ctx) {
        features(ctx);
    }

    static void features(RunContext ctx) {
        ctx.stage("features", () -> {
            Dataset<Row> features = new CustomerFeatures(FeatureSpec.from(ctx.config))
                    .asOf(ctx.store.requireTransactions(), ctx.asOf);
            ctx.store.publishReport(Tables.CUSTOMER_FEATURES, ctx.asOf, features);
            return Map.of("customers", ctx.store.requireReport(Tables.CUSTOMER_FEATURES, ctx.asOf, "features").count());
        });
    }
}
