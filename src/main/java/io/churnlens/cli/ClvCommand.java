package io.churnlens.cli;

import io.churnlens.clv.ClvAnalysis;
import io.churnlens.btyd.fit.FitState;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.Purchases;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "clv", mixinStandardHelpOptions = true,
        description = {"Fits BG/NBD (or Pareto/NBD) and Gamma-Gamma by maximum likelihood on customer_features as of",
                "--as-of and writes clv_params, customer_value (P(alive), expected purchases and spend, CLV) and",
                "clv_holdout (fit as of T-H, predicted vs actual purchases in (T-H, T]). Every fit ends identified,",
                "boundary or failed within clv.fit-max-evaluations / clv.fit-max-seconds (clv_params.fit_state);",
                "at the no-drop-out boundary customer values come from the NBD limit, a failed purchase model falls",
                "back to the other one, and without a usable purchase model no customer values are written."})
public final class ClvCommand extends JobCommand {
    @Override
    protected String jobName() {
        return "clv";
    }

    @Override
    protected void run(RunContext ctx) {
        clv(ctx);
    }

    static void clv(RunContext ctx) {
        ctx.stage("clv", () -> {
            ClvAnalysis stage = new ClvAnalysis(ctx.config);
            Dataset<Row> features = ctx.store.requireReport(Tables.CUSTOMER_FEATURES, ctx.asOf, "features");
            ClvAnalysis.Result result = stage.run(features);
            ctx.store.publishReport(Tables.CLV_PARAMS, ctx.asOf, result.params());
            Map<String, Long> counts = new LinkedHashMap<>();
            for (FitState state : FitState.values()) {
                counts.put("models_" + state.label(), result.fits().stream().filter(f -> f.state() == state).count());
            }
            counts.put("models_fitted", (long) result.fits().size());
            result.verdicts().forEach(ctx::note);
            result.customerValue().ifPresent(values -> {
                ctx.store.publishReport(Tables.CUSTOMER_VALUE, ctx.asOf, values);
                counts.put("customers_valued", ctx.store.requireReport(Tables.CUSTOMER_VALUE, ctx.asOf, "clv").count());
            });

            int horizon = ctx.config.churn().horizonDays();
            LocalDate cutoff = ctx.asOf.minusDays(horizon);
            Dataset<Row> transactions = ctx.store.requireTransactions();
            Dataset<Row> calibration = new CustomerFeatures(FeatureSpec.from(ctx.config)).asOf(transactions, cutoff);
            Dataset<Row> holdout = Purchases.purchaseDaysBetween(transactions, cutoff, ctx.asOf, ClvColumns.X_HOLDOUT);
            var check = stage.holdout(calibration, holdout, horizon);
            check.ifPresent(table -> ctx.store.publishReport(Tables.CLV_HOLDOUT, ctx.asOf, table));
            counts.put("holdout_checked", check.isPresent() ? 1L : 0L);
            return counts;
        });
    }
}
