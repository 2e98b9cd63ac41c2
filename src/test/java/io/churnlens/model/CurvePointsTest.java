package io.churnlens.model;

import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ROC / PR points and lift by decile against values worked out by hand on BinaryMetricsTest's ten customers:
 *
 * <pre>
 * score  0.9 0.8 0.8 0.6 0.6 0.3 0.2 0.2 0.1 0.1
 * label   1   1   0   0   1   0   0   0   1   0      4 churners, 6 others
 * </pre>
 */
class CurvePointsTest extends SparkTestBase {
    private static final double TOL = 1e-12;
    private static final double[] SCORES = {0.9, 0.8, 0.8, 0.6, 0.6, 0.3, 0.2, 0.2, 0.1, 0.1};
    private static final int[] LABELS = {1, 1, 0, 0, 1, 0, 0, 0, 1, 0};

    @Test
    void onePointPerTieGroupWithTheCountsWorkedByHand() {
        CurvePoints c = CurvePoints.of(BinaryMetricsTest.scored(SCORES, LABELS), "p", "y");
        // the origin, then 6 distinct scores (10 customers: each its own percentile bucket)
        assertThat(c.points()).hasSize(7);
        assertThat(c.points()).extracting(CurvePoints.Point::threshold).containsExactly(null, 0.9, 0.8, 0.6, 0.3, 0.2, 0.1);
        assertThat(c.points()).extracting(CurvePoints.Point::flagged).containsExactly(0L, 1L, 3L, 5L, 6L, 8L, 10L);
        assertThat(c.points()).extracting(CurvePoints.Point::truePositives).containsExactly(0L, 1L, 2L, 3L, 3L, 3L, 4L);
        assertThat(c.points()).extracting(CurvePoints.Point::falsePositives).containsExactly(0L, 0L, 1L, 2L, 3L, 5L, 6L);
        CurvePoints.Point at06 = c.points().get(3);
        assertThat(at06.truePositiveRate()).isCloseTo(3.0 / 4, within(TOL));
        assertThat(at06.falsePositiveRate()).isCloseTo(2.0 / 6, within(TOL));
        assertThat(at06.precision()).isCloseTo(3.0 / 5, within(TOL));
        assertThat(at06.flaggedShare()).isCloseTo(0.5, within(TOL));
        assertThat(c.points().get(0).precision()).isNull();
    }

    @Test
    void theAreaUnderThePointsIsBinaryMetricsRocAuc() {
        Dataset<Row> d = BinaryMetricsTest.scored(SCORES, LABELS);
        CurvePoints c = CurvePoints.of(d, "p", "y");
        // trapezoids: a tie group is a straight segment, i.e. its pairs count one half: 16.5 / 24
        assertThat(trapezoidArea(c)).isCloseTo(16.5 / 24, within(TOL));
        assertThat(trapezoidArea(c)).isCloseTo(BinaryMetrics.of(d, "p", "y").rocAuc(), within(TOL));
    }

    @Test
    void decilesShareATieGroupAcrossABoundaryInProportion() {
        CurvePoints c = CurvePoints.of(BinaryMetricsTest.scored(SCORES, LABELS), "p", "y");
        // one customer a decile: 0.9 -> 1; the 0.8 pair (1 churner of 2) -> 1/2 each; 0.6 pair -> 1/2 each;
        // 0.3 -> 0; 0.2 pair -> 0; 0.1 pair -> 1/2 each
        assertThat(c.deciles()).extracting(CurvePoints.Decile::churners)
                .containsExactly(1.0, 0.5, 0.5, 0.5, 0.5, 0.0, 0.0, 0.0, 0.5, 0.5);
        assertThat(c.deciles()).extracting(CurvePoints.Decile::customers).containsOnly(1.0);
        CurvePoints.Decile top = c.deciles().get(0);
        assertThat(top.lift()).isCloseTo(1.0 / 0.4, within(TOL));
        assertThat(c.deciles().get(1).cumulativeCapture()).isCloseTo(1.5 / 4, within(TOL));
        assertThat(c.deciles().get(9).cumulativeCapture()).isCloseTo(1.0, within(TOL));
        BinaryMetrics m = BinaryMetrics.of(BinaryMetricsTest.scored(SCORES, LABELS), "p", "y");
        assertThat(top.lift()).isCloseTo(m.topDecileLift(), within(TOL));
        assertThat(top.cumulativeCapture()).isCloseTo(m.topDecileCapture(), within(TOL));
    }

    @Test
    void manyDistinctScoresGiveAtMostOnePointAPercentileAndTheSameAsAllGroups() {
        int n = 1234;
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = (i * 7919 % n) / (double) n;   // distinct, shuffled
            labels[i] = (i * 31 % 17) < (int) (scores[i] * 17) ? 1 : 0;
        }
        Dataset<Row> d = BinaryMetricsTest.scored(scores, labels);
        CurvePoints c = CurvePoints.of(d, "p", "y");
        assertThat(c.points()).hasSize(CurvePoints.PERCENTILES + 1);
        assertThat(c.points().get(CurvePoints.PERCENTILES).flagged()).isEqualTo(n);
        assertThat(trapezoidArea(c)).isCloseTo(BinaryMetrics.of(d, "p", "y").rocAuc(), within(0.01));
        assertThat(c.deciles().get(0).lift()).isCloseTo(BinaryMetrics.of(d, "p", "y").topDecileLift(), within(1e-9));
        assertThat(CurvePoints.fromGroups(allGroups(scores, labels), n, c.churners())).isEqualTo(c);
    }

    @Test
    void fewScoresOnManyCustomersGiveOnePointEach() {
        double[] scores = new double[300];
        int[] labels = new int[300];
        for (int i = 0; i < 300; i++) {
            scores[i] = i < 99 ? 0.8 : i < 249 ? 0.5 : 0.2;   // groups of 99, 150, 51: a third churns in each
            labels[i] = i % 3 == 0 ? 1 : 0;
        }
        CurvePoints c = CurvePoints.of(BinaryMetricsTest.scored(scores, labels), "p", "y");
        assertThat(c.points()).extracting(CurvePoints.Point::flagged).containsExactly(0L, 99L, 249L, 300L);
        assertThat(c.deciles()).extracting(CurvePoints.Decile::churners)
                .allSatisfy(x -> assertThat(x).isCloseTo(10.0, within(1e-9)));
    }

    private static double trapezoidArea(CurvePoints c) {
        double area = 0;
        List<CurvePoints.Point> p = c.points();
        for (int i = 1; i < p.size(); i++) {
            area += (p.get(i).falsePositiveRate() - p.get(i - 1).falsePositiveRate())
                    * (p.get(i).truePositiveRate() + p.get(i - 1).truePositiveRate()) / 2;
        }
        return area;
    }

    /** Every distinct score, descending, with cumulative counts: what the Spark side filters. */
    private static List<CurvePoints.Group> allGroups(double[] scores, int[] labels) {
        java.util.TreeMap<Double, long[]> byScore = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (int i = 0; i < scores.length; i++) {
            long[] g = byScore.computeIfAbsent(scores[i], s -> new long[2]);
            g[0]++;
            g[1] += labels[i];
        }
        List<CurvePoints.Group> out = new ArrayList<>();
        long cn = 0, cp = 0;
        for (var e : byScore.entrySet()) {
            cn += e.getValue()[0];
            cp += e.getValue()[1];
            out.add(new CurvePoints.Group(e.getKey(), e.getValue()[0], e.getValue()[1], cn, cp));
        }
        return out;
    }
}
