package io.churnlens.report;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.impact.HandExampleAccess;
import io.churnlens.impact.ImpactAnalysis;
import io.churnlens.io.OutputLayout;
import io.churnlens.io.TableStore;
import io.churnlens.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The management report parses as XML (well-formed XHTML), carries every chart and headline figure, loads nothing
 * from outside the page, and its key figures CSV agrees with the page. Built from the hand example's impact tables,
 * once with model outputs and once without (revenue at risk must then say it is not available, not show 0).
 */
class ManagementReportTest extends SparkTestBase {
    private static ChurnlensConfig config;
    private static Map<String, byte[]> full;
    private static Map<String, byte[]> bare;

    @BeforeAll
    static void render() {
        config = ConfigLoader.load(null, List.of("churn.inactivity-days=90", "impact.cohort-min-customers=1",
                "impact.marketing-spend=[\"2025-Q3=1000\"]"));
        full = ManagementReport.files(data(HandExampleAccess.run(spark, config.impact(), true), true));
        bare = ManagementReport.files(data(HandExampleAccess.run(spark, config.impact(), false), false));
    }

    private static ReportData data(ImpactAnalysis.Result r, boolean withScores) {
        return ReportAssembly.collect(config, HandExampleAccess.T, r.churnImpact(), r.scenarios(), r.cohortRetention(),
                r.segmentRisk(), withScores ? Optional.of(HandExampleAccess.scores(spark)) : Optional.empty(),
                end -> Optional.empty());
    }

    @Test
    void theImpactStagesTopCustomersAreTheOnesTheReportWouldComputeFromTheScores() {
        ImpactAnalysis.Result r = HandExampleAccess.run(spark, config.impact(), true);
        List<org.apache.spark.sql.Row> passed = r.risk().orElseThrow().topCustomers();
        ReportData viaScores = data(r, true);
        ReportData viaImpact = ReportAssembly.collect(config, HandExampleAccess.T, r.churnImpact(), r.scenarios(),
                r.cohortRetention(), r.segmentRisk(), passed, end -> Optional.empty(), Optional.empty());
        assertThat(passed).extracting(row -> row.getString(0)).containsExactly("A", "D", "F"); // 200, 200 (ties by id), 90
        assertThat(viaImpact.topCustomers()).isEqualTo(viaScores.topCustomers());
        assertThat(ManagementReport.files(viaImpact).get("report.html")).isEqualTo(full.get("report.html"));
    }

    @Test
    void everyChartAndFigureIsPresent() throws Exception {
        Document page = parse(full.get("report.html"));
        for (String id : ManagementReport.CHART_IDS) {
            Element chart = byId(page, "svg", id);
            assertThat(chart).as(id).isNotNull();
            assertThat(chart.getElementsByTagName("text").getLength() + chart.getElementsByTagName("rect").getLength())
                    .as("%s has content", id).isPositive();
        }
        assertThat(byId(page, "svg", "chart-churn-rate").getElementsByTagName("circle").getLength()).isEqualTo(4 + 1);
        assertThat(byId(page, "svg", "chart-revenue-lost").getElementsByTagName("rect").getLength()).isEqualTo(4);
        for (String section : List.of("summary", "headline", "charts", "scenarios", "top-customers", "references", "assumptions", "notes")) {
            assertThat(byId(page, "section", section)).as(section).isNotNull();
        }
        List<String> figures = new ArrayList<>();
        NodeList rows = page.getElementsByTagName("tr");
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            if (row.getAttribute("id").startsWith("figure-")) figures.add(row.getAttribute("id").substring(7));
        }
        assertThat(figures).contains("customers_departed", "churn_rate", "revenue_lost", "revenue_lost_share",
                "net_revenue_retention", "model_expected_dropouts", "model_dropout_revenue", "revenue_at_risk", "clv_lost",
                "acquisition_cost_per_customer");
        String text = page.getDocumentElement().getTextContent();
        assertThat(text).contains("2 customers left", "66.7%", "300 of annual revenue")  // the hand example's Q3
                .contains("External reference point").contains("12.0% of annual revenue lost")
                .contains("1,000.00 per new customer").contains("churn -2 pp").contains("word of mouth off");
    }

    @Test
    void nothingIsLoadedFromOutsideThePage() {
        String html = new String(full.get("report.html"), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script", "<link", "@import", "url(", "<img");
        assertThat(html.replace("http://www.w3.org/", "")).doesNotContain("http://", "https://");
    }

    @Test
    void withoutScoresRevenueAtRiskSaysNotAvailable() throws Exception {
        Document page = parse(bare.get("report.html"));
        String text = page.getDocumentElement().getTextContent();
        assertThat(text).contains("Revenue at risk is not available for this quarter: the churn score stage has not run.");
        assertThat(byId(page, "tr", "figure-revenue_at_risk").getTextContent()).contains("n/a");
        assertThat(byId(page, "section", "top-customers")).isNull();
        for (String id : ManagementReport.CHART_IDS) assertThat(byId(page, "svg", id)).as(id).isNotNull();
    }

    @Test
    void keyFiguresCsvMatchesThePage() {
        List<String> lines = new String(full.get("key_figures.csv"), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("quarter,metric,label,unit,basis,value,previous_quarter");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("2025-Q3,customers_departed,").contains(",observed,2,0,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("2025-Q3,revenue_at_risk,").contains(",model,490,"));
        List<String> bareLines = new String(bare.get("key_figures.csv"), StandardCharsets.UTF_8).lines().toList();
        assertThat(bareLines).anySatisfy(l -> assertThat(l).startsWith("2025-Q3,revenue_at_risk,").endsWith(",model,,,,,"));
    }

    @Test
    void publishedAtomicallyUnderManagement(@TempDir Path root) throws Exception {
        TableStore store = new TableStore(spark, new OutputLayout(root.toString()), "run-1");
        String target = store.layout().management(HandExampleAccess.T);
        store.publishFolder(full, target);
        store.publishFolder(bare, target); // a re-run replaces the folder
        assertThat(Path.of(target)).isDirectory();
        assertThat(Path.of(target).getFileName().toString()).isEqualTo("2025-Q3");
        try (var files = Files.list(Path.of(target))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.html", "key_figures.csv");
        }
        assertThat(Files.readAllBytes(Path.of(target, "report.html"))).isEqualTo(bare.get("report.html"));
        try (var siblings = Files.list(Path.of(target).getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("2025-Q3");
        }
    }

    /** Only where Debian's chromium is installed (CI may lack it): the page renders to a non-trivial screenshot. */
    @Test
    void rendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium not installed: screenshot check skipped");
        Path html = dir.resolve("report.html");
        Files.write(html, full.get("report.html"));
        Path png = dir.resolve("report.png");
        Process p = new ProcessBuilder("jobs/screenshot-report.sh", html.toString(), png.toString(), "1200x2000")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    private static Document parse(byte[] html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html));
    }

    private static Element byId(Document page, String tag, String id) {
        NodeList nodes = page.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (id.equals(e.getAttribute("id"))) return e;
        }
        return null;
    }
}
