package io.churnlens.impact;

import io.churnlens.features.TestTransactions;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.SegmentColumns;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.churnlens.schema.BridgeColumns.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * revenue_lost_bridge on nine customers, worked by hand. T = 2025-09-30, threshold 90 days, so a customer with one
 * purchase departs in 2025-Q2 when it was in [2024-12-31, 2025-03-31] and in 2025-Q3 when in [2025-04-01, 2025-07-01].
 * <pre>
 *   2025-Q2 (segments as of 2025-03-31): a1 A 100.00, a2 A 200.00, b1 B 50.00        N0 = 3, R0 = 350.00
 *   2025-Q3 (segments as of 2025-06-30): c1 A 120.00, c2 B 40.00, c3 B 60.00, c4 B 80.01, c5 C 30.00
 *                                                                                    N1 = 5, R1 = 330.01
 *   segment  n0  R0      v0      m0    n1  R1      v1          m1    change
 *   A        2   300.00  150.00  2/3   1   120.00  120.00      1/5   -180.00
 *   B        1    50.00   50.00  1/3   3   180.01  60.00333..  3/5   +130.01
 *   C        0     0.00  (60.00) 0     1    30.00   30.00      1/5    +30.00   (v0 taken from v1: value effect 0)
 * </pre>
 * Shapley effects in cents, volume = ΔN [(m0v0 + m1v1)/3 + (m0v1 + m1v0)/6], mix = Δm [(N0v0 + N1v1)/3 + (N0v1 +
 * N1v0)/6], value = Δv [(N0m0 + N1m1)/3 + (N0m1 + N1m0)/6] (v in cents):
 * <pre>
 *   A: volume 2 [(10000 + 2400)/3 + (8000 + 3000)/6] = 35800/3 = 11933.33;  mix -7/15 [(45000 + 60000)/3 +
 *      (36000 + 75000)/6] = -74900/3 = -24966.67;  value -3000 [(2 + 1)/3 + (2/5 + 10/3)/6] = -14900/3 = -4966.67.
 *      Rounded 11933 - 24967 - 4967 = -18001, one cent short of -18000: all three remainders are 1/3 (a tie),
 *      so volume takes it: 11934, -24967, -4967.
 *   B: 699023/135 = 5177.948 -> 5178;  798026/135 = 5911.304 -> 5911;  258086/135 = 1911.748 -> 1912;  sum 13001.
 *   C: volume 2 [(0 + 600)/3 + (0 + 600)/6] = 600;  mix 1/5 [(3 · 3000 + 5 · 3000)/3 + (3 · 3000 + 5 · 3000)/6]
 *      = 2400;  value 0.
 *   total: volume 177.12, mix -166.56, value -30.55; change -19.99.
 * </pre>
 * Everybody is in cluster K. Without the segments at 2025-03-31 (and no customer_features) the bridge is one group
 * (as is the cluster dimension): volume = ΔN (v0 + v1)/2 =
 * 2 (11666.67 + 6600.2)/2 = 18266.87 -> 182.67 and value = Δv (N0 + N1)/2 = -5066.47 · 4 = -20265.87 -> -202.66
 * (182.67 - 202.66 = -19.99: no cent left over), mix 0.
 */
class RevenueLostBridgeTest extends SparkTestBase {
    private static final LocalDate T = LocalDate.parse("2025-09-30");
    private static ImpactAnalysis.Result result;

    private static Dataset<Row> transactions() {
        return new TestTransactions()
                .buy("z", "2024-10-01", "10").buy("z", "2025-09-01", "10")
                .buy("a1", "2025-01-15", "100").buy("a2", "2025-02-10", "200").buy("b1", "2025-03-01", "50")
                .buy("c1", "2025-04-15", "120").buy("c2", "2025-05-01", "40").buy("c3", "2025-05-20", "60")
                .buy("c4", "2025-06-10", "80.01").buy("c5", "2025-06-25", "30")
                .toDataset(spark);
    }

    private static Dataset<Row> segments(String... idAndSegment) {
        StructType schema = new StructType().add(SegmentColumns.CUSTOMER_ID, DataTypes.StringType)
                .add(SegmentColumns.RFM_SEGMENT, DataTypes.StringType).add(SegmentColumns.CLUSTER_NAME, DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < idAndSegment.length; i += 2) rows.add(RowFactory.create(idAndSegment[i], idAndSegment[i + 1], "K"));
        return spark.createDataFrame(rows, schema);
    }

    private static ImpactAnalysis.Result run(boolean withPreviousSegments) {
        Dataset<Row> atStart = segments("a1", "A", "a2", "A", "b1", "B", "c1", "A", "c2", "B", "c3", "B", "c4", "B", "c5", "C");
        Dataset<Row> atPreviousStart = segments("a1", "A", "a2", "A", "b1", "B", "z", "B");
        ImpactAnalysis.Inputs inputs = new ImpactAnalysis.Inputs(transactions(), Optional.empty(), Optional.empty(),
                Optional.of(atStart), LocalDate.parse("2025-06-30"), Optional.empty(), Optional.empty(),
                withPreviousSegments ? Optional.of(atPreviousStart) : Optional.empty(), Optional.empty());
        return new ImpactAnalysis(HandExample.settings(), 90, 0.0).run(inputs, T);
    }

    @BeforeAll
    static void runOnce() {
        result = run(true);
    }

    private static Row find(List<Row> rows, String segment) {
        return rows.stream().filter(r -> r.getAs(SEGMENT).equals(segment)).findFirst().orElseThrow();
    }

    private static void assertEffects(Row r, String volume, String mix, String value, String change) {
        String as = r.getAs(SEGMENT);
        assertThat((BigDecimal) r.getAs(VOLUME_EFFECT)).as(as).isEqualTo(new BigDecimal(volume));
        assertThat((BigDecimal) r.getAs(MIX_EFFECT)).as(as).isEqualTo(new BigDecimal(mix));
        assertThat((BigDecimal) r.getAs(VALUE_EFFECT)).as(as).isEqualTo(new BigDecimal(value));
        assertThat((BigDecimal) r.getAs(REVENUE_LOST_CHANGE)).as(as).isEqualTo(new BigDecimal(change));
        BigDecimal parts = ((BigDecimal) r.getAs(VOLUME_EFFECT)).add(r.getAs(MIX_EFFECT)).add(r.getAs(VALUE_EFFECT));
        assertThat(parts).as(as + ": the parts add up to the change, to the cent").isEqualTo((BigDecimal) r.getAs(REVENUE_LOST_CHANGE));
        assertThat(((BigDecimal) r.getAs(REVENUE_LOST_CURRENT)).subtract(r.getAs(REVENUE_LOST_PREVIOUS)))
                .isEqualTo((BigDecimal) r.getAs(REVENUE_LOST_CHANGE));
    }

    private static List<Row> bridge(ImpactAnalysis.Result r, String dimension) {
        return r.definitions().bridge().filter(DIMENSION + " = '" + dimension + "'").collectAsList();
    }

    @Test
    void segmentsAndTotalAsWorkedByHand() {
        List<Row> rows = bridge(result, SegmentColumns.RFM_SEGMENT);
        assertThat(rows).extracting(r -> (String) r.getAs(SEGMENT)).containsExactly("A", "B", "C", ALL);
        assertEffects(find(rows, "A"), "119.34", "-249.67", "-49.67", "-180.00");
        assertEffects(find(rows, "B"), "51.78", "59.11", "19.12", "130.01");
        assertEffects(find(rows, "C"), "6.00", "24.00", "0.00", "30.00");
        Row total = find(rows, ALL);
        assertEffects(total, "177.12", "-166.56", "-30.55", "-19.99");
        assertThat((Long) find(rows, "A").getAs(ROUNDING_CENTS)).isEqualTo(1L);
        assertThat((Long) total.getAs(DEPARTED_PREVIOUS)).isEqualTo(3L);
        assertThat((Long) total.getAs(DEPARTED_CURRENT)).isEqualTo(5L);
        assertThat((Double) find(rows, "B").getAs(DEPARTED_SHARE_CURRENT)).isEqualTo(0.6);
        assertThat((String) total.getAs(SEGMENTATION)).contains("customer_segments").contains("2025-03-31");
        assertThat((String) find(rows, "C").getAs(NOTE)).contains("nobody from this segment departed in 2025-Q2");
        assertThat((String) total.getAs(PREVIOUS_QUARTER)).isEqualTo("2025-Q2");
    }

    /** Everybody in one cluster: no mix effect, and the same split as the one-group bridge below. */
    @Test
    void oneClusterHasNoMixEffect() {
        List<Row> rows = bridge(result, SegmentColumns.CLUSTER_NAME);
        assertThat(rows).extracting(r -> (String) r.getAs(SEGMENT)).containsExactly("K", ALL);
        for (Row r : rows) assertEffects(r, "182.67", "0.00", "-202.66", "-19.99");
    }

    @Test
    void totalsAreChurnImpactsRevenueLostOfBothQuarters() {
        Row total = find(bridge(result, SegmentColumns.RFM_SEGMENT), ALL);
        List<Row> impact = result.churnImpact().collectAsList();
        for (Row q : impact) {
            if (q.getAs(ImpactColumns.QUARTER).equals("2025-Q2")) {
                assertThat((BigDecimal) q.getAs(ImpactColumns.REVENUE_LOST)).isEqualTo((BigDecimal) total.getAs(REVENUE_LOST_PREVIOUS));
            }
            if (q.getAs(ImpactColumns.QUARTER).equals("2025-Q3")) {
                assertThat((BigDecimal) q.getAs(ImpactColumns.REVENUE_LOST)).isEqualTo((BigDecimal) total.getAs(REVENUE_LOST_CURRENT));
            }
        }
    }

    @Test
    void withoutThePreviousQuartersSegmentsOneGroupWithTheReason() {
        List<Row> rows = run(false).definitions().bridge().collectAsList();
        assertThat(rows).hasSize(1);
        Row r = rows.get(0);
        assertThat((String) r.getAs(DIMENSION)).isEqualTo(ALL);
        assertEffects(r, "182.67", "0.00", "-202.66", "-19.99");
        assertThat((String) r.getAs(SEGMENTATION)).contains("none").contains("2025-03-31");
    }

    /** The identity on random segment sets, with segments that empty out or appear, against the exact rationals. */
    @Test
    void partsAlwaysAddUpToTheChangeToTheCent() {
        Random random = new Random(16);
        for (int round = 0; round < 2_000; round++) {
            List<BridgeDecomposition.Segment> segments = new ArrayList<>();
            int k = 1 + random.nextInt(6);
            for (int s = 0; s < k; s++) {
                long n0 = random.nextInt(4) == 0 ? 0 : random.nextInt(50);
                long n1 = random.nextInt(4) == 0 ? 0 : random.nextInt(50);
                segments.add(new BridgeDecomposition.Segment("s" + s, n0, n0 == 0 ? 0 : random.nextInt(2_000_000) - 100_000,
                        n1, n1 == 0 ? 0 : random.nextInt(2_000_000) - 100_000));
            }
            List<BridgeDecomposition.Effects> effects = BridgeDecomposition.of(segments);
            long n0 = segments.stream().mapToLong(BridgeDecomposition.Segment::n0).sum();
            long n1 = segments.stream().mapToLong(BridgeDecomposition.Segment::n1).sum();
            for (int s = 0; s < k; s++) {
                BridgeDecomposition.Segment seg = segments.get(s);
                Ratio[] raw = BridgeDecomposition.raw(seg, n0, n1);
                assertThat(raw[0].plus(raw[1]).plus(raw[2])).as("exact Shapley sum").isEqualTo(Ratio.of(seg.change()));
                assertThat(effects.get(s).sum()).isEqualTo(seg.change());
                assertThat(Math.abs(effects.get(s).roundingCents())).isLessThanOrEqualTo(1L);
                long[] cents = {effects.get(s).volume(), effects.get(s).mix(), effects.get(s).value()};
                for (int i = 0; i < 3; i++) {
                    assertThat(raw[i].minus(Ratio.of(cents[i])).compareTo(Ratio.of(3, 2))).isNegative();
                    assertThat(raw[i].minus(Ratio.of(cents[i])).compareTo(Ratio.of(-3, 2))).isPositive();
                }
            }
        }
    }
}
