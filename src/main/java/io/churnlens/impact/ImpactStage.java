package io.churnlens.impact;

import io.churnlens.io.Quarters;
import io.churnlens.io.TableStore;
import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The revenue impact of churn as of T ({@link ImpactAnalysis}): every input but the transactions is optional, and
 * a missing one leaves its figures null with a note.
 */
public final class ImpactStage extends DeclaredStage {
    public ImpactStage() {
        super("impact",
                List.of(Tables.TRANSACTIONS, Tables.CUSTOMER_VALUE, Tables.CUSTOMER_SCORES, Tables.CUSTOMER_SEGMENTS,
                        Tables.CUSTOMER_FEATURES, Tables.CLV_PARAMS),
                List.of(Tables.CHURN_IMPACT, Tables.SCENARIOS, Tables.COHORT_RETENTION, Tables.SEGMENT_RISK,
                        Tables.CHURN_SENSITIVITY, Tables.REVENUE_LOST_BRIDGE));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        TableStore store = ctx.store();
        ImpactAnalysis.Result result = new ImpactAnalysis(ctx.config()).run(inputs(store, ctx.asOf()), ctx.asOf());
        store.publishReport(Tables.CHURN_IMPACT, ctx.asOf(), result.churnImpact());
        store.publishReport(Tables.SCENARIOS, ctx.asOf(), result.scenarios());
        store.publishReport(Tables.COHORT_RETENTION, ctx.asOf(), result.cohortRetention());
        store.publishReport(Tables.SEGMENT_RISK, ctx.asOf(), result.segmentRisk());
        store.publishReport(Tables.CHURN_SENSITIVITY, ctx.asOf(), result.definitions().sensitivity());
        store.publishReport(Tables.REVENUE_LOST_BRIDGE, ctx.asOf(), result.definitions().bridge());
        result.risk().ifPresent(risk -> ctx.shared(RevenueAtRisk.TOP_CUSTOMERS, risk::topCustomers));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("quarters", (long) result.churnImpactRows());
        counts.put("departed", result.asOfQuarter().customersDeparted());
        counts.put("scored_for_risk", result.risk().map(r -> r.customersScored()).orElse(0L));
        counts.put("segment_rows", (long) result.segmentRiskRows());
        counts.put("sensitivity_rows", (long) result.definitions().sensitivityRows());
        counts.put("bridge_rows", (long) result.definitions().bridgeRows());
        return counts;
    }

    /**
     * The segments are read as of T and as of the previous two quarter ends (the starts of T's quarter and of the
     * one before: revenue_lost_bridge); clv_params as of T for the intervals from parameter uncertainty.
     */
    private static ImpactAnalysis.Inputs inputs(TableStore store, LocalDate asOf) {
        LocalDate previousEnd = Quarters.previousEnd(asOf);
        return new ImpactAnalysis.Inputs(store.requireTransactions(),
                store.report(Tables.CUSTOMER_VALUE, asOf), store.report(Tables.CUSTOMER_SCORES, asOf),
                store.report(Tables.CUSTOMER_SEGMENTS, previousEnd), previousEnd,
                store.report(Tables.CUSTOMER_SEGMENTS, asOf), store.report(Tables.CUSTOMER_FEATURES, asOf),
                store.report(Tables.CUSTOMER_SEGMENTS, Quarters.previousEnd(previousEnd)),
                store.report(Tables.CLV_PARAMS, asOf));
    }
}
