package io.churnlens.cli;

import io.churnlens.report.ManagementReport;
import io.churnlens.report.ReportData;
import io.churnlens.report.ReportAssembly;
import io.churnlens.schema.Tables;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the quarter's management report under <root>/management/YYYY-Qn/: report.html (one",
                "self-contained page: headline figures with changes, charts, scenarios, assumptions) and",
                "key_figures.csv. Reads the impact tables as of --as-of (run `impact` first)."})
public final class ReportCommand extends JobCommand {
    @Override
    protected String jobName() {
        return "report";
    }

    @Override
    protected void run(RunContext ctx) {
        report(ctx);
    }

    @Override
    protected String resultHint(RunContext ctx) {
        return ctx.store.layout().management(ctx.asOf) + "/report.html";
    }

    static void report(RunContext ctx) {
        ctx.stage("report", () -> {
            var store = ctx.store;
            ReportData data = ReportAssembly.collect(ctx.config, ctx.asOf,
                    store.requireReport(Tables.CHURN_IMPACT, ctx.asOf, "impact"),
                    store.requireReport(Tables.SCENARIOS, ctx.asOf, "impact"),
                    store.requireReport(Tables.COHORT_RETENTION, ctx.asOf, "impact"),
                    store.requireReport(Tables.SEGMENT_RISK, ctx.asOf, "impact"),
                    store.report(Tables.CUSTOMER_SCORES, ctx.asOf),
                    end -> store.report(Tables.CHURN_IMPACT, end),
                    store.report(Tables.CLV_PARAMS, ctx.asOf));
            Map<String, byte[]> files = ManagementReport.files(data);
            store.publishFolder(files, store.layout().management(ctx.asOf));
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("quarters", (long) data.impact().size());
            counts.put("files", (long) files.size());
            return counts;
        });
    }
}
