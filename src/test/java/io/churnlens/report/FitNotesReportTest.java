package io.churnlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.impact.HandExampleAccess;
import io.churnlens.impact.ImpactAnalysis;
import io.churnlens.schema.ClvColumns;
import io.churnlens.testing.SparkTestBase;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * The purchase model's verdict reaches the management report: in the data notes and the summary when it is not
 * identified, and not at all when it is.
 */
class FitNotesReportTest extends SparkTestBase {
    private static final String NO_DROP_OUT = "no drop-out identified in this window: P(alive) = 1, expected "
            + "purchases from the NBD (r = 0.79, alpha = 8.1); likelihood-ratio statistic 1.10 against the NBD";

    private static Dataset<Row> params(String bgState, String bgNote, boolean withNbd) {
        List<Row> rows = new java.util.ArrayList<>(List.of(
                RowFactory.create("bg_nbd", "r", null, null, -100.0, 10L, false, "", bgState, bgNote),
                RowFactory.create("gamma_gamma", "p", 6.0, 1.0, -50.0, 8L, true, "", "identified", "converged")));
        if (withNbd) rows.add(RowFactory.create("nbd", "r", 0.79, 0.03, -100.5, 10L, true, "", "identified", "limit"));
        return spark.createDataFrame(rows, ClvColumns.PARAMS_SCHEMA);
    }

    private static String page(Optional<Dataset<Row>> clvParams) {
        ChurnlensConfig config = ConfigLoader.load(null, List.of("churn.inactivity-days=90", "impact.cohort-min-customers=1"));
        ImpactAnalysis.Result r = HandExampleAccess.run(spark, config.impact(), false);
        ReportData data = ReportAssembly.collect(config, HandExampleAccess.T, r.churnImpact(), r.scenarios(),
                r.cohortRetention(), r.segmentRisk(), Optional.empty(), end -> Optional.empty(), clvParams);
        return new String(ManagementReport.files(data).get("report.html"), StandardCharsets.UTF_8);
    }

    @Test
    void theNoDropOutBoundaryIsExplainedInTheNotesAndTheSummary() {
        String html = page(Optional.of(params("boundary", NO_DROP_OUT, true)));
        String notes = html.substring(html.indexOf("<section id=\"notes\">"));
        assertThat(notes).contains("class=\"fit-note\"").contains("Purchase model bg_nbd")
                .contains("P(alive) = 1").contains("upper bounds");
        String summary = html.substring(html.indexOf("<section id=\"summary\">"), html.indexOf("</section>",
                html.indexOf("<section id=\"summary\">")));
        assertThat(summary).contains("limited this quarter");
    }

    @Test
    void aFailedFitSaysItsReasonAndAnIdentifiedOneSaysNothing() {
        String failed = page(Optional.of(params("failed", "budget of 100000 evaluations / 60 s exhausted (12 "
                + "evaluations in 60.1 s); start 1: ...", false)));
        assertThat(failed).contains("Purchase model bg_nbd could not be fitted (budget of 100000 evaluations / 60 s "
                + "exhausted (12 evaluations in 60.1 s)): its figures are not used.");
        assertThat(page(Optional.of(params("identified", "converged", false)))).doesNotContain("fit-note");
        assertThat(page(Optional.empty())).doesNotContain("fit-note");
    }

    @Test
    void aFailedMbgNbdFitIsNotedAndNamesParetoNbdAsTheModelInUse() {
        List<Row> rows = List.of(
                RowFactory.create("mbg_nbd", "r", null, null, -100.0, 10L, false, "", "failed",
                        "budget exhausted; more detail"),
                RowFactory.create("pareto_nbd", "r", 0.6, 0.05, -99.0, 10L, true, "", "identified", "converged"));
        assertThat(page(Optional.of(spark.createDataFrame(rows, ClvColumns.PARAMS_SCHEMA))))
                .contains("Purchase model mbg_nbd could not be fitted (budget exhausted): its figures are not used; the "
                        + "purchase-model figures come from pareto_nbd, which these data identify.");
    }

    @Test
    void aModelSetAsideWhileTheOtherIsIdentifiedNamesTheModelInUseAndDoesNotLimitTheSummary() {
        List<Row> rows = List.of(
                RowFactory.create("bg_nbd", "r", 1.4, 0.05, -100.0, 10L, true, "", "identified", "converged"),
                RowFactory.create("pareto_nbd", "s", null, null, -99.0, 10L, false, "", "boundary",
                        "not identified: s runs off; more detail"));
        String html = page(Optional.of(spark.createDataFrame(rows, ClvColumns.PARAMS_SCHEMA)));
        assertThat(html).contains("Purchase model pareto_nbd is not identified by these data (not identified: s runs "
                + "off): its figures are not used; the purchase-model figures come from bg_nbd, which these data identify.");
        String summary = html.substring(html.indexOf("<section id=\"summary\">"), html.indexOf("</section>",
                html.indexOf("<section id=\"summary\">")));
        assertThat(summary).doesNotContain("limited this quarter");
    }
}
