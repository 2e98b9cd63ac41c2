package io.churnlens.impact;

import io.churnlens.features.TestTransactions;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.SensitivityColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static io.churnlens.schema.SensitivityColumns.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * churn_sensitivity on seven customers, every figure worked by hand. T = 2025-09-30, the as-of quarter 2025-Q3 starts
 * after the previous quarter end E = 2025-06-30; headline threshold 180 days, sensitivity [90, 180, 365] and P(alive)
 * cut-offs [0.3, 0.5, 0.7] (the defaults). Active at the start under d: last purchase by E >= E - d; still active
 * at T: last purchase >= T - d.
 * <pre>
 *   d      start cut-off (E - d)   end cut-off (T - d)
 *   90     2025-04-01              2025-07-02
 *   180    2025-01-01              2025-04-03
 *   365    2024-06-30              2024-09-30
 *
 *   customer  purchases                         annual value  rfm / cluster at E   P(alive)
 *   P         2024-01-05 100, 2025-05-10 200    200           Loyal / Big          0.6
 *   Q         2025-03-15 50                     50            At risk / Small      0.2
 *   R         2024-08-20 300                    300           Lost / (none)        0.1
 *   S         2025-06-15 40, 2025-08-01 60      100           Loyal / Small        0.9
 *   U         2024-03-01 500                    -             -                    -     (inactive at E under all)
 *   V         2025-07-20 80                     -             -                    -     (new in the quarter)
 *   W         2025-04-10 70                     70            At risk / Big        none
 * </pre>
 * P's annual value counts only the 200 (the 100 is more than 365 days before 2025-05-10); S's is 40 + 60.
 * <pre>
 *   90 days:   start P, S, W (Q's 2025-03-15 < 2025-04-01)        departed P, W (before 2025-07-02)  2/3  lost 270
 *   180 days:  start P, Q, S, W                                  departed Q (2025-03-15 < 04-03)    1/4  lost 50
 *   365 days:  start P, Q, R, S, W                               departed R (2024-08-20 < 09-30)    1/5  lost 300
 *   P(alive), among the 180-day start P, Q, S, W (W has no P(alive): counts as staying):
 *   < 0.3: Q  1/4  lost 50;   < 0.5: Q  1/4  lost 50;   < 0.7: P, Q  2/4  lost 250
 * </pre>
 * By cluster: 90 days Big 2/2 = 1.0 (P, W), Small 0/1 (S): Big ranks first; 180 days Big 0/2, Small 1/2 (Q): Small
 * first: the ranking changes. 365 days Big 0/2, Small 0/2 (tie, rank 1 both), (none) 1/1 (R, not ranked).
 * By rfm: 90 days Loyal 1/2 (P), At risk 1/1 (W), Lost 0/0; 180 days Loyal 0/2, At risk 1/2 (Q), Lost 0/0.
 */
class ChurnSensitivityTest extends SparkTestBase {
    static final LocalDate T = LocalDate.parse("2025-09-30");
    static final int HEADLINE_DAYS = 180;
    private static List<Row> rows;
    private static ImpactAnalysis.Result result;

    static Dataset<Row> transactions() {
        return new TestTransactions()
                .buy("P", "2024-01-05", "100").buy("P", "2025-05-10", "200")
                .buy("Q", "2025-03-15", "50")
                .buy("R", "2024-08-20", "300")
                .buy("S", "2025-06-15", "40").buy("S", "2025-08-01", "60")
                .buy("U", "2024-03-01", "500")
                .buy("V", "2025-07-20", "80")
                .buy("W", "2025-04-10", "70")
                .toDataset(spark);
    }

    static Dataset<Row> customerValue() {
        return spark.createDataFrame(List.of(value("P", 0.6), value("Q", 0.2), value("R", 0.1), value("S", 0.9)),
                ClvColumns.CUSTOMER_VALUE_SCHEMA);
    }

    private static Row value(String id, double pAlive) {
        return RowFactory.create(id, pAlive, null, 1.0, 10.0, "OBSERVED", 10.0, "bg_nbd");
    }

    static Dataset<Row> segments() {
        StructType schema = new StructType().add(SegmentColumns.CUSTOMER_ID, DataTypes.StringType)
                .add(SegmentColumns.RFM_SEGMENT, DataTypes.StringType).add(SegmentColumns.CLUSTER_NAME, DataTypes.StringType);
        return spark.createDataFrame(List.of(RowFactory.create("P", "Loyal", "Big"), RowFactory.create("Q", "At risk", "Small"),
                RowFactory.create("R", "Lost", null), RowFactory.create("S", "Loyal", "Small"),
                RowFactory.create("W", "At risk", "Big")), schema);
    }

    static ImpactAnalysis.Result run(Optional<Dataset<Row>> customerValue) {
        ImpactAnalysis.Inputs inputs = new ImpactAnalysis.Inputs(transactions(), customerValue, Optional.empty(),
                Optional.of(segments()), LocalDate.parse("2025-06-30"), Optional.empty(), Optional.empty());
        return new ImpactAnalysis(HandExample.settings(), HEADLINE_DAYS, 0.0).run(inputs, T);
    }

    @BeforeAll
    static void runOnce() {
        result = run(Optional.of(customerValue()));
        rows = result.definitions().sensitivity().collectAsList();
    }

    private static Row find(String definition, String dimension, String segment) {
        return rows.stream().filter(r -> r.getAs(DEFINITION).equals(definition) && r.getAs(DIMENSION).equals(dimension)
                && r.getAs(SEGMENT).equals(segment)).findFirst().orElseThrow(() -> new AssertionError(definition + " " + segment));
    }

    private static void assertTotal(String definition, long start, long departed, String lost) {
        Row r = find(definition, ALL, ALL);
        assertThat((Long) r.getAs(CUSTOMERS_START)).as(definition).isEqualTo(start);
        assertThat((Long) r.getAs(CUSTOMERS_DEPARTED)).as(definition).isEqualTo(departed);
        assertThat((Double) r.getAs(CHURN_RATE)).as(definition).isCloseTo((double) departed / start, org.assertj.core.data.Offset.offset(1e-12));
        assertThat((BigDecimal) r.getAs(REVENUE_LOST)).as(definition).isEqualTo(new BigDecimal(lost));
    }

    @Test
    void totalsPerDefinitionAsWorkedByHand() {
        assertTotal("inactive 90 days", 3, 2, "270.00");
        assertTotal("inactive 180 days", 4, 1, "50.00");
        assertTotal("inactive 365 days", 5, 1, "300.00");
        assertTotal("P(alive) < 0.3", 4, 1, "50.00");
        assertTotal("P(alive) < 0.5", 4, 1, "50.00");
        assertTotal("P(alive) < 0.7", 4, 2, "250.00");
        assertThat(rows.stream().filter(r -> r.getAs(DIMENSION).equals(ALL)).map(r -> (String) r.getAs(DEFINITION)))
                .containsExactly("inactive 90 days", "inactive 180 days", "inactive 365 days", "P(alive) < 0.3",
                        "P(alive) < 0.5", "P(alive) < 0.7");
        assertThat(rows).filteredOn(r -> (Boolean) r.getAs(HEADLINE)).extracting(r -> (String) r.getAs(DEFINITION))
                .containsOnly("inactive 180 days");
        assertThat((String) find("P(alive) < 0.5", ALL, ALL).getAs(NOTE)).contains("1 of them have no P(alive)");
        assertThat((Object) find("inactive 365 days", ALL, ALL).getAs(NOTE)).isNull();
    }

    @Test
    void headlineTotalIsChurnImpactsAsOfQuarter() {
        Row impact = result.churnImpact().filter(ImpactColumns.QUARTER + " = '2025-Q3'").first();
        Row headline = find("inactive 180 days", ALL, ALL);
        for (String c : List.of(CUSTOMERS_START, CUSTOMERS_DEPARTED, CHURN_RATE, REVENUE_LOST)) {
            assertThat((Object) headline.getAs(c)).as(c).isEqualTo(impact.getAs(c));
        }
    }

    @Test
    void segmentsAndRanksAsWorkedByHand() {
        assertSegment("inactive 90 days", SegmentColumns.CLUSTER_NAME, "Big", 2, 2, "270.00", 1);
        assertSegment("inactive 90 days", SegmentColumns.CLUSTER_NAME, "Small", 1, 0, "0.00", 2);
        assertSegment("inactive 180 days", SegmentColumns.CLUSTER_NAME, "Big", 2, 0, "0.00", 2);
        assertSegment("inactive 180 days", SegmentColumns.CLUSTER_NAME, "Small", 2, 1, "50.00", 1);
        assertSegment("inactive 365 days", SegmentColumns.CLUSTER_NAME, "Big", 2, 0, "0.00", 1);
        assertSegment("inactive 365 days", SegmentColumns.CLUSTER_NAME, "Small", 2, 0, "0.00", 1);
        assertSegment("inactive 365 days", SegmentColumns.CLUSTER_NAME, SegmentRisk.NONE, 1, 1, "300.00", null);
        assertSegment("inactive 90 days", SegmentColumns.RFM_SEGMENT, "Loyal", 2, 1, "200.00", 2);
        assertSegment("inactive 90 days", SegmentColumns.RFM_SEGMENT, "At risk", 1, 1, "70.00", 1);
        assertSegment("inactive 90 days", SegmentColumns.RFM_SEGMENT, "Lost", 0, 0, "0.00", null);
        assertSegment("inactive 180 days", SegmentColumns.RFM_SEGMENT, "At risk", 2, 1, "50.00", 1);
        assertSegment("P(alive) < 0.7", SegmentColumns.RFM_SEGMENT, "Loyal", 2, 1, "200.00", 1);
        assertSegment("P(alive) < 0.7", SegmentColumns.RFM_SEGMENT, "At risk", 2, 1, "50.00", 1);
        assertThat((java.sql.Date) find("inactive 90 days", SegmentColumns.RFM_SEGMENT, "Loyal").getAs(SEGMENTS_AS_OF))
                .isEqualTo(java.sql.Date.valueOf("2025-06-30"));
    }

    private static void assertSegment(String definition, String dimension, String segment, long start, long departed,
                                      String lost, Integer rank) {
        Row r = find(definition, dimension, segment);
        String as = definition + " " + segment;
        assertThat((Long) r.getAs(CUSTOMERS_START)).as(as).isEqualTo(start);
        assertThat((Long) r.getAs(CUSTOMERS_DEPARTED)).as(as).isEqualTo(departed);
        assertThat((BigDecimal) r.getAs(REVENUE_LOST)).as(as).isEqualTo(new BigDecimal(lost));
        assertThat((Integer) r.getAs(CHURN_RATE_RANK)).as(as).isEqualTo(rank);
    }

    @Test
    void withoutCustomerValueThePAliveRowsAreNullWithTheReason() {
        List<Row> without = run(Optional.empty()).definitions().sensitivity()
                .filter(DIMENSION + " = 'all'").collectAsList();
        for (Row r : without) {
            if (r.getAs(BASIS).equals(SensitivityColumns.P_ALIVE)) {
                assertThat((Long) r.getAs(CUSTOMERS_START)).isEqualTo(4L);
                assertThat((Object) r.getAs(CUSTOMERS_DEPARTED)).isNull();
                assertThat((Object) r.getAs(REVENUE_LOST)).isNull();
                assertThat((String) r.getAs(NOTE)).contains("no customer_value");
            } else {
                assertThat((Object) r.getAs(CUSTOMERS_DEPARTED)).isNotNull();
            }
        }
        assertThat(without).hasSize(6);
    }
}
