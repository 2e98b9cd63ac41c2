package io.churnlens.report;

import io.churnlens.impact.RevenueAtRisk;
import io.churnlens.io.TableStore;
import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quarter's management report under {@code <root>/management/YYYY-Qn/} ({@link ReportAssembly},
 * {@link ManagementReport}): report.html and key_figures.csv, from the impact tables as of T.
 */
public final class ReportStage extends DeclaredStage {
    /** What it publishes: a folder of files, not a table. */
    public static final String MANAGEMENT_REPORT = "management/YYYY-Qn";

    public ReportStage() {
        super("report",
                List.of(Tables.CHURN_IMPACT, Tables.SCENARIOS, Tables.COHORT_RETENTION, Tables.SEGMENT_RISK,
                        Tables.CUSTOMER_SCORES, Tables.CLV_PARAMS, Tables.CHURN_SENSITIVITY, Tables.REVENUE_LOST_BRIDGE,
                        Tables.MODEL_DRIFT, Tables.MODEL_METRICS, Tables.MODEL_BACKTEST),
                List.of(MANAGEMENT_REPORT),
                List.of(RevenueAtRisk.TOP_CUSTOMERS));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        TableStore store = ctx.store();
        List<Row> top = ctx.shared(RevenueAtRisk.TOP_CUSTOMERS, () -> store.report(Tables.CUSTOMER_SCORES, ctx.asOf())
                .map(s -> RevenueAtRisk.topCustomers(s, ctx.config().impact().topCustomers())).orElse(List.of()));
        ReportData data = ReportAssembly.collect(ctx.config(), ctx.asOf(),
                store.requireReport(Tables.CHURN_IMPACT, ctx.asOf(), "impact"),
                store.requireReport(Tables.SCENARIOS, ctx.asOf(), "impact"),
                store.requireReport(Tables.COHORT_RETENTION, ctx.asOf(), "impact"),
                store.requireReport(Tables.SEGMENT_RISK, ctx.asOf(), "impact"),
                top, end -> store.report(Tables.CHURN_IMPACT, end),
                store.report(Tables.CLV_PARAMS, ctx.asOf()))
                .with(new ReportData.Sections(
                        store.report(Tables.MODEL_DRIFT, ctx.asOf()).map(Dataset::collectAsList).orElse(List.of()),
                        DefinitionReport.collect(store.report(Tables.CHURN_SENSITIVITY, ctx.asOf()),
                                store.report(Tables.REVENUE_LOST_BRIDGE, ctx.asOf())),
                        CampaignLine.from(store.report(Tables.MODEL_METRICS, ctx.asOf()),
                                store.report(Tables.CUSTOMER_SCORES, ctx.asOf()),
                                ctx.config().model().campaign().valueColumn()).orElse(null),
                        BacktestLine.of(store.report(Tables.MODEL_BACKTEST, ctx.asOf())).stream().toList()));
        Map<String, byte[]> files = ManagementReport.files(data);
        store.publishFolder(files, store.layout().management(ctx.asOf()));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("quarters", (long) data.impact().size());
        counts.put("files", (long) files.size());
        return counts;
    }
}
