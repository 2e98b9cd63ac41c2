package io.churnlens.impact;

import io.churnlens.schema.ImpactColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.churnlens.schema.ImpactColumns.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every figure of churn_impact, cohort_retention and segment_risk on {@link HandExample}, computed by hand there. */
class ImpactFiguresTest extends SparkTestBase {
    private static ImpactAnalysis.Result result;
    private static Map<String, Row> byQuarter;

    @BeforeAll
    static void run() {
        result = HandExample.run(spark, HandExample.settings("impact.marketing-spend=[\"2025-Q3=1000\"]"), true);
        byQuarter = result.churnImpact().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs(QUARTER), r -> r));
    }

    @Test
    void oneRowPerQuarterAfterTheWarmUp() {
        // 2024-Q3 starts before first day + 90 days: nobody could have left yet, so it is left out.
        assertThat(byQuarter.keySet()).containsExactlyInAnyOrder("2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3");
    }

    @Test
    void departuresAndCustomerBalance() {
        assertCounts("2025-Q3", 3, 1, 1, 2, 3);
        assertCounts("2025-Q2", 1, 1, 1, 0, 3);
        assertCounts("2025-Q1", 1, 0, 1, 1, 1);
        assertCounts("2024-Q4", 4, 0, 0, 3, 1);
    }

    @Test
    void churnAndRetentionRates() {
        assertThat((double) byQuarter.get("2025-Q3").getAs(CHURN_RATE)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat((double) byQuarter.get("2025-Q3").getAs(RETENTION_RATE)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat((double) byQuarter.get("2025-Q2").getAs(CHURN_RATE)).isZero();
        assertThat((double) byQuarter.get("2024-Q4").getAs(CHURN_RATE)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void revenueLostIsTheAnnualValueOfTheDeparted() {
        // B: 80 + 120 + 60 in the 365 days to 2025-04-20; C: 40 (the return after the last purchase is outside).
        assertThat((BigDecimal) byQuarter.get("2025-Q3").getAs(REVENUE_LOST)).isEqualByComparingTo("300.00");
        assertThat((BigDecimal) byQuarter.get("2025-Q1").getAs(REVENUE_LOST)).isEqualByComparingTo("150.00");
        assertThat((BigDecimal) byQuarter.get("2024-Q4").getAs(REVENUE_LOST)).isEqualByComparingTo("1150.00");
        // A 550 + B 180 + C 30 + D 500 + F 30; G's purchase after T is not counted.
        assertThat((BigDecimal) byQuarter.get("2025-Q3").getAs(ANNUAL_REVENUE)).isEqualByComparingTo("1290.00");
        assertThat((double) byQuarter.get("2025-Q3").getAs(REVENUE_LOST_SHARE)).isCloseTo(300.0 / 1290, within(1e-12));
    }

    @Test
    void netRevenueRetentionOfTheCustomersOfAYearAgo() {
        Row q3 = byQuarter.get("2025-Q3");
        assertThat((long) q3.getAs(YEAR_AGO_CUSTOMERS)).isEqualTo(4); // A, B, E, F active on 2024-09-30
        assertThat((BigDecimal) q3.getAs(YEAR_AGO_REVENUE_BEFORE)).isEqualByComparingTo("1250.00");
        assertThat((BigDecimal) q3.getAs(YEAR_AGO_REVENUE_NOW)).isEqualByComparingTo("760.00");
        assertThat((double) q3.getAs(NET_REVENUE_RETENTION)).isCloseTo(0.608, within(1e-12));
        assertThat((double) q3.getAs(REVENUE_CHURN_RATE)).isCloseTo(1080.0 / 1250, within(1e-12)); // B and E gone
    }

    @Test
    void modelBasedDropoutsClvLostAndRevenueAtRisk() {
        Row q3 = byQuarter.get("2025-Q3");
        // Buyers in the quarter: A (1 - 0.9), D (1 - 1), F (1 - 0.5); annual values 550 and 100.
        assertThat((double) q3.getAs(MODEL_EXPECTED_DROPOUTS)).isCloseTo(0.6, within(1e-12));
        assertThat((double) q3.getAs(MODEL_DROPOUT_REVENUE)).isCloseTo(0.1 * 550 + 0.5 * 100, within(1e-9));
        assertThat((double) q3.getAs(CLV_LOST)).isCloseTo(5 / 0.1 + 10 / 0.2, within(1e-9));
        assertThat((double) q3.getAs(REVENUE_AT_RISK)).isCloseTo(490, within(1e-9));
        assertThat((String) q3.getAs(REVENUE_AT_RISK_TOP_SEGMENT)).isEqualTo("Champions");
        assertThat((double) q3.getAs(REVENUE_AT_RISK_TOP_SEGMENT_SHARE)).isCloseTo(200.0 / 490, within(1e-12));
        assertThat((double) q3.getAs(REVENUE_AT_RISK_TOP_DECILE_SHARE)).isCloseTo(400.0 / 490, within(1e-12));
        assertThat((Object) byQuarter.get("2025-Q2").getAs(MODEL_EXPECTED_DROPOUTS)).isNull();
    }

    @Test
    void economicsFromConfiguredMarketingSpend() {
        Row q3 = byQuarter.get("2025-Q3");
        assertThat((double) q3.getAs(ACQUISITION_COST)).isCloseTo(1000, within(1e-9));
        assertThat((double) q3.getAs(COST_TO_REPLACE_DEPARTED)).isCloseTo(2000, within(1e-9));
        assertThat((double) q3.getAs(VALUE_TO_ACQUISITION_COST)).isCloseTo(0.3, within(1e-12)); // D's CLV 300
        Row q2 = byQuarter.get("2025-Q2");
        assertThat((Object) q2.getAs(ACQUISITION_COST)).isNull();
        assertThat((String) q2.getAs(NOTE)).contains("no marketing spend for 2025-Q2");
    }

    @Test
    void cohortMatrix() {
        Map<String, long[]> cells = result.cohortRetention().filter(OBSERVED).collectAsList().stream().collect(Collectors.toMap(
                r -> r.getAs(COHORT) + "+" + r.getAs(QUARTERS_SINCE),
                r -> new long[] {r.getAs(COHORT_CUSTOMERS), r.getAs(CUSTOMERS_ACTIVE), r.getAs(CUSTOMERS_PURCHASING),
                        r.getAs(CUSTOMERS_SURVIVING), ((BigDecimal) r.getAs(REVENUE)).longValueExact()}));
        assertThat(cells).hasSize(5 + 2 + 1);
        assertThat(cells.get("2024-Q3+0")).containsExactly(4, 4, 4, 4, 1250);
        assertThat(cells.get("2024-Q3+1")).containsExactly(4, 1, 1, 1, 50);
        assertThat(cells.get("2024-Q3+2")).containsExactly(4, 1, 1, 0, 120);
        assertThat(cells.get("2024-Q3+3")).containsExactly(4, 2, 2, 0, 260);
        assertThat(cells.get("2024-Q3+4")).containsExactly(4, 2, 2, 0, 330);
        assertThat(cells.get("2025-Q2+0")).containsExactly(1, 1, 1, 1, 30);
        assertThat(cells.get("2025-Q2+1")).containsExactly(1, 0, 0, 0, 0);
        assertThat(cells.get("2025-Q3+0")).containsExactly(1, 1, 1, 1, 500);
    }

    @Test
    void segmentRiskByStartSegmentAndByScoredSegment() {
        Map<String, Row> rows = result.segmentRisk().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs(DIMENSION) + "/" + r.getAs(SEGMENT), r -> r));
        assertSegment(rows.get("rfm_segment/Loyal"), 2, 1, "260.00", 0.0);
        assertSegment(rows.get("rfm_segment/New"), 1, 1, "40.00", 200.0);
        assertSegment(rows.get("rfm_segment/Champions"), 0, 0, "0.00", 200.0);
        assertSegment(rows.get("rfm_segment/At risk"), 0, 0, "0.00", 90.0);
        assertSegment(rows.get("cluster_name/Occasional"), 2, 2, "300.00", 90.0);
        assertSegment(rows.get("cluster_name/Big spenders"), 1, 0, "0.00", 400.0);
        assertThat(rows.keySet()).allMatch(k -> k.startsWith("rfm_segment/") || k.startsWith("cluster_name/"));
        assertThat((double) rows.get("rfm_segment/Loyal").getAs(CHURN_RATE)).isEqualTo(0.5);
    }

    @Test
    void withoutScoresRevenueAtRiskIsNullWithANote() {
        ImpactAnalysis.Result bare = HandExample.run(spark, HandExample.settings(), false);
        Row q3 = bare.churnImpact().filter(QUARTER + " = '2025-Q3'").first();
        assertThat((Object) q3.getAs(REVENUE_AT_RISK)).isNull();
        assertThat((Object) q3.getAs(MODEL_EXPECTED_DROPOUTS)).isNull();
        assertThat((Object) q3.getAs(ACQUISITION_COST)).isNull();
        assertThat((String) q3.getAs(NOTE)).contains("score stage has not run").contains("no customer_value")
                .contains("no marketing spend for 2025-Q3");
        List<Row> segments = bare.segmentRisk().collectAsList();
        assertThat(segments).isNotEmpty().allSatisfy(r -> {
            assertThat((Object) r.getAs(ImpactColumns.REVENUE_AT_RISK)).isNull();
            assertThat((String) r.getAs(NOTE)).contains("score stage has not run");
        });
    }

    @Test
    void scoresWithoutExpectedRevenueGiveNoRevenueAtRiskNotZero() {
        ImpactAnalysis.Result r = HandExample.run(spark, HandExample.settings(), java.util.Optional.empty(),
                java.util.Optional.of(HandExample.scoresWithoutRevenue(spark)));
        Row q3 = r.churnImpact().filter(QUARTER + " = '2025-Q3'").first();
        assertThat((Object) q3.getAs(REVENUE_AT_RISK)).isNull();
        assertThat((String) q3.getAs(NOTE)).contains("no customer in customer_scores has expected_revenue_12m");
        assertThat(r.segmentRisk().collectAsList()).allSatisfy(row ->
                assertThat((Object) row.getAs(ImpactColumns.REVENUE_AT_RISK)).isNull());
    }

    /** A past quarter recomputed as of its own end has the same observed figures: later data does not leak in. */
    @Test
    void pastQuarterRecomputedAsOfItsEndMatches() {
        ImpactAnalysis.Inputs inputs = new ImpactAnalysis.Inputs(HandExample.transactions(spark), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), null, java.util.Optional.empty(), java.util.Optional.empty());
        Row past = new ImpactAnalysis(HandExample.settings(), HandExample.INACTIVITY_DAYS, 0.0)
                .run(inputs, java.time.LocalDate.parse("2025-06-30")).churnImpact()
                .filter(QUARTER + " = '2025-Q2'").first();
        Row now = byQuarter.get("2025-Q2");
        for (String column : List.of(CUSTOMERS_START, CUSTOMERS_NEW, CUSTOMERS_REACTIVATED, CUSTOMERS_DEPARTED,
                CUSTOMERS_END, REVENUE_LOST, ANNUAL_REVENUE, YEAR_AGO_REVENUE_BEFORE, YEAR_AGO_REVENUE_NOW)) {
            assertThat((Object) past.getAs(column)).as(column).isEqualTo(now.getAs(column));
        }
    }

    private static void assertCounts(String quarter, long start, long added, long reactivated, long departed, long end) {
        Row r = byQuarter.get(quarter);
        assertThat(new long[] {r.getAs(CUSTOMERS_START), r.getAs(CUSTOMERS_NEW), r.getAs(CUSTOMERS_REACTIVATED),
                r.getAs(CUSTOMERS_DEPARTED), r.getAs(CUSTOMERS_END)}).as(quarter)
                .containsExactly(start, added, reactivated, departed, end);
    }

    private static void assertSegment(Row r, long start, long departed, String lost, Double risk) {
        assertThat(r).isNotNull();
        assertThat((long) r.getAs(CUSTOMERS_START)).isEqualTo(start);
        assertThat((long) r.getAs(CUSTOMERS_DEPARTED)).isEqualTo(departed);
        assertThat((BigDecimal) r.getAs(ImpactColumns.REVENUE_LOST)).isEqualByComparingTo(lost);
        assertThat((Double) r.getAs(ImpactColumns.REVENUE_AT_RISK)).isCloseTo(risk, within(1e-9));
    }
}
