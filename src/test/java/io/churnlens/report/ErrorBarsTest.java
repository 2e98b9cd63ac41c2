package io.churnlens.report;

import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Error bars on the report's charts, at coordinates computed by hand, and intervals read only where they exist. */
class ErrorBarsTest {
    @Test
    void errorBarSitsAtItsQuarterBetweenItsEndsAndTheAxisCoversIt() throws Exception {
        String svg = Svg.line("c", "chart", List.of("2026-Q2", "2026-Q3"),
                List.of(new Svg.Series("observed", List.of(0.20, 0.25), Svg.COLORS[0], false)), Html::share, true,
                List.of(new Svg.ErrorBar(1, 0.22, 0.28, Svg.COLORS[0], "90% interval")));
        // Axis 0..0.3 (step 0.1, covering the upper end 0.28); y(v) = 20 + 230 (1 - v / 0.3); x of the 2nd of 2 = 915.
        assertThat(svg).contains("<line x1=\"915.0\" x2=\"915.0\" y1=\"35.3\" y2=\"81.3\"/>");
        assertThat(svg).contains("<title>90% interval</title>");
        assertThat(svg).contains(">30.0%</text>");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))); // well-formed
        String bars = Svg.bars("b", "bars", List.of("Q2", "Q3"), List.of(100.0, 120.0), Html::money, "#000",
                List.of(new Svg.ErrorBar(1, 110, 130, "#111", "90%")));
        // Slot 417.5: the bar's centre at 80 + 1.5 x 417.5 = 706.25.
        assertThat(bars).contains("class=\"error-bar\"").contains("x1=\"706.3\"");
    }

    @Test
    void intervalsAreReadOnlyWhereTheColumnsExist() {
        StructType old = new StructType().add(ImpactColumns.CHURN_RATE, DataTypes.DoubleType);
        Row before = new GenericRowWithSchema(new Object[] {0.2}, old);
        assertThat(Intervals.of(before, ImpactColumns.CHURN_RATE)).isNull();
        StructType now = old.add(ImpactColumns.CHURN_RATE_LO90, DataTypes.DoubleType).add(ImpactColumns.CHURN_RATE_HI90, DataTypes.DoubleType);
        Row with = new GenericRowWithSchema(new Object[] {0.2, 0.18, 0.23}, now);
        assertThat(Intervals.of(with, ImpactColumns.CHURN_RATE)).containsExactly(0.18, 0.23);
        Row missing = new GenericRowWithSchema(new Object[] {0.2, null, null}, now);
        assertThat(Intervals.of(missing, ImpactColumns.CHURN_RATE)).isNull();
    }
}
