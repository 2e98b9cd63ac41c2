package io.churnlens.cli;

import io.churnlens.impact.ImpactAnalysis;
import io.churnlens.io.Quarters;
import io.churnlens.schema.Tables;
import picocli.CommandLine.Command;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "impact", mixinStandardHelpOptions = true,
        description = {"Revenue impact of churn as of --as-of: churn_impact (per quarter: departures by the inactivity",
                "rule and model-based drop-outs, revenue lost, net revenue retention, revenue at risk, economics),",
                "scenarios, cohort_retention (with sBG projections) and segment_risk. Reads transactions and, when",
                "published, customer_value, customer_scores, customer_segments and customer_features; a missing",
                "input leaves its figures null with a note."})
public final class ImpactCommand extends JobCommand {
    @Override
    protected String jobName() {
        return "impact";
    }

    @Override
    protected void run(RunContext ctx) {
        impact(ctx);
    }

    static void impact(RunContext ctx) {
        ctx.stage("impact", () -> {
            LocalDate previousEnd = Quarters.previousEnd(ctx.asOf);
            var store = ctx.store;
            ImpactAnalysis.Inputs inputs = new ImpactAnalysis.Inputs(store.requireTransactions(),
                    store.report(Tables.CUSTOMER_VALUE, ctx.asOf), store.report(Tables.CUSTOMER_SCORES, ctx.asOf),
                    store.report(Tables.CUSTOMER_SEGMENTS, previousEnd), previousEnd,
                    store.report(Tables.CUSTOMER_SEGMENTS, ctx.asOf), store.report(Tables.CUSTOMER_FEATURES, ctx.asOf));
            ImpactAnalysis.Result result = new ImpactAnalysis(ctx.config).run(inputs, ctx.asOf);
            store.publishReport(Tables.CHURN_IMPACT, ctx.asOf, result.churnImpact());
            store.publishReport(Tables.SCENARIOS, ctx.asOf, result.scenarios());
            store.publishReport(Tables.COHORT_RETENTION, ctx.asOf, result.cohortRetention());
            store.publishReport(Tables.SEGMENT_RISK, ctx.asOf, result.segmentRisk());
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("quarters", result.churnImpact().count());
            counts.put("departed", result.asOfQuarter().customersDeparted());
            counts.put("scored_for_risk", result.risk().map(r -> r.customersScored()).orElse(0L));
            counts.put("segment_rows", result.segmentRisk().count());
            return counts;
        });
    }
}
