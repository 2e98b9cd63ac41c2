package io.churnlens.report;

import io.churnlens.schema.BridgeColumns;
import io.churnlens.schema.SensitivityColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's sensitivity and bridge sections from hand-made table rows: the ranking sentence and the bridge's. */
class DefinitionSectionsTest extends SparkTestBase {

    /** A sensitivity row: definition, headline, dimension, segment, start, departed, rank. */
    private static Row sensitivity(String definition, boolean headline, String dimension, String segment, long start,
                                   long departed, Integer rank) {
        return RowFactory.create("2025-Q3", definition, SensitivityColumns.INACTIVITY, 90.0, headline, dimension, segment,
                start, departed, start == 0 ? null : (double) departed / start, BigDecimal.valueOf(departed * 100L, 2),
                rank, null, null);
    }

    private static List<Row> collected(List<Row> rows, org.apache.spark.sql.types.StructType schema) {
        return spark.createDataFrame(rows, schema).collectAsList();
    }

    private static List<Row> twoDefinitions(int bigRankUnderNinety, int smallRankUnderNinety) {
        List<Row> rows = new ArrayList<>();
        rows.add(sensitivity("inactive 180 days", true, "all", "all", 4, 1, null));
        rows.add(sensitivity("inactive 180 days", true, "cluster_name", "Big", 2, 0, 2));
        rows.add(sensitivity("inactive 180 days", true, "cluster_name", "Small", 2, 1, 1));
        rows.add(sensitivity("inactive 90 days", false, "all", "all", 3, 2, null));
        rows.add(sensitivity("inactive 90 days", false, "cluster_name", "Big", 2, 2, bigRankUnderNinety));
        rows.add(sensitivity("inactive 90 days", false, "cluster_name", "Small", 1, 0, smallRankUnderNinety));
        return collected(rows, SensitivityColumns.SCHEMA);
    }

    @Test
    void aSwapOfTwoSegmentsIsNamed() {
        Optional<String> s = RankingChange.sentence(twoDefinitions(1, 2));
        assertThat(s).contains("Ranking of segments by churn rate changes between definitions: by cluster_name, "
                + "inactive 90 days puts Big ahead of Small (the headline, inactive 180 days, the other way).");
    }

    @Test
    void aTieOrTheSameOrderIsNoChange() {
        assertThat(RankingChange.sentence(twoDefinitions(1, 1))).isEmpty();
        assertThat(RankingChange.sentence(twoDefinitions(2, 1))).isEmpty();
    }

    @Test
    void sectionsParseAndCarryTheFigures() throws Exception {
        Row a = RowFactory.create("rfm_segment", "A", "customer_segments", "2025-Q2", "2025-Q3", 2L, 1L, 2.0 / 3, 0.2,
                150.0, 120.0, new BigDecimal("300.00"), new BigDecimal("120.00"), new BigDecimal("-180.00"),
                new BigDecimal("119.34"), new BigDecimal("-249.67"), new BigDecimal("-49.67"), 1L, null);
        Row total = RowFactory.create("rfm_segment", "all", "customer_segments", "2025-Q2", "2025-Q3", 3L, 5L, 1.0, 1.0,
                116.67, 66.0, new BigDecimal("350.00"), new BigDecimal("330.01"), new BigDecimal("-19.99"),
                new BigDecimal("177.12"), new BigDecimal("-166.56"), new BigDecimal("-30.55"), 1L, null);
        DefinitionReport d = new DefinitionReport(twoDefinitions(1, 2), collected(List.of(total, a), BridgeColumns.SCHEMA));
        StringBuilder b = new StringBuilder("<div>");
        DefinitionSections.append(b, d);
        String html = b.append("</div>").toString();
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("id=\"ranking-change\"").contains("inactive 180 days (headline)")
                .contains("+41.7 pp") // 2/3 - 1/4
                .contains("Revenue lost to departures went from 350.00 in 2025-Q2 to 330.01 in 2025-Q3 (-19.99): +177.12 "
                        + "from the number of departures (3 → 5), -166.56 from which rfm_segment they came from, and -30.55 "
                        + "from the value per departed customer.");
        assertThat(html.indexOf("<td>A</td>")).as("segments before the total").isLessThan(html.indexOf("<b>Total</b>"));
    }

    @Test
    void withoutTheTablesTheSectionsSaySo() {
        StringBuilder b = new StringBuilder();
        DefinitionSections.append(b, DefinitionReport.EMPTY);
        assertThat(b.toString()).contains("published no churn_sensitivity").contains("published no revenue_lost_bridge");
    }
}
