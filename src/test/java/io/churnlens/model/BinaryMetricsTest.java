package io.churnlens.model;

import io.churnlens.testing.SparkTestBase;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The metrics against values worked out by hand on ten customers with ties (comments show the arithmetic):
 *
 * <pre>
 * score  0.9 0.8 0.8 0.6 0.6 0.3 0.2 0.2 0.1 0.1
 * label   1   1   0   0   1   0   0   0   1   0      4 churners, 6 others
 * </pre>
 */
class BinaryMetricsTest extends SparkTestBase {
    private static final double TOL = 1e-12;
    private static final double[] SCORES = {0.9, 0.8, 0.8, 0.6, 0.6, 0.3, 0.2, 0.2, 0.1, 0.1};
    private static final int[] LABELS = {1, 1, 0, 0, 1, 0, 0, 0, 1, 0};

    static Dataset<Row> scored(double[] scores, int[] labels) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) rows.add(RowFactory.create(scores[i], labels[i]));
        return spark.createDataFrame(rows, new StructType().add("p", DataTypes.DoubleType).add("y", DataTypes.IntegerType));
    }

    @Test
    void rocAucCountsTiedPairsAsOneHalf() {
        // churner pairs won (+ half the ties): 0.9 -> 6, 0.8 -> 5 + 0.5, 0.6 -> 4 + 0.5, 0.1 -> 0 + 0.5 = 16.5 of 4 x 6
        BinaryMetrics m = BinaryMetrics.of(scored(SCORES, LABELS), "p", "y");
        assertThat(m.customers()).isEqualTo(10);
        assertThat(m.churners()).isEqualTo(4);
        assertThat(m.rocAuc()).isCloseTo(16.5 / 24, within(TOL));
    }

    @Test
    void rocAucAgreesWithMllibWithoutBinning() {
        Dataset<Row> d = scored(SCORES, LABELS).selectExpr("p AS rawPrediction", "CAST(y AS DOUBLE) AS label");
        double mllib = new BinaryClassificationEvaluator().setNumBins(0).setMetricName("areaUnderROC").evaluate(d);
        assertThat(BinaryMetrics.of(scored(SCORES, LABELS), "p", "y").rocAuc()).isCloseTo(mllib, within(1e-9));
    }

    @Test
    void prAucIsAveragePrecisionWithTieGroupsAsOneStep() {
        // thresholds 0.9, 0.8, 0.6, 0.1 each add recall 1/4 at precision 1/1, 2/3, 3/5, 4/10
        double expected = 0.25 * (1.0 + 2.0 / 3 + 3.0 / 5 + 4.0 / 10);
        assertThat(BinaryMetrics.of(scored(SCORES, LABELS), "p", "y").prAuc()).isCloseTo(expected, within(TOL));
    }

    @Test
    void topDecileCaptureAndLift() {
        // top 10% = 1 customer: the 0.9 churner. capture 1/4; lift (1/1) / (4/10) = 2.5
        BinaryMetrics m = BinaryMetrics.of(scored(SCORES, LABELS), "p", "y");
        assertThat(m.topDecileCapture()).isCloseTo(0.25, within(TOL));
        assertThat(m.topDecileLift()).isCloseTo(2.5, within(TOL));
    }

    @Test
    void topDecileSharesATieAtTheBoundary() {
        // the top 1 of 10 falls in a tie of two (one churner): expected 0.5 churners captured of 2
        double[] s = {0.9, 0.9, 0.5, 0.5, 0.4, 0.4, 0.3, 0.2, 0.1, 0.1};
        int[] y = {1, 0, 1, 0, 0, 0, 0, 0, 0, 0};
        BinaryMetrics m = BinaryMetrics.of(scored(s, y), "p", "y");
        assertThat(m.topDecileCapture()).isCloseTo(0.25, within(TOL));
        assertThat(m.topDecileLift()).isCloseTo((0.5 / 1) / (2.0 / 10), within(TOL));
    }

    @Test
    void calibrationBinsByRankWithTiesKeptTogether() {
        // ascending: 0.1 x2 (0 below -> decile 1), 0.2 x2 (2 below -> 3), 0.3 (4 -> 5), 0.6 x2 (5 -> 6),
        // 0.8 x2 (7 -> 8), 0.9 (9 -> 10)
        BinaryMetrics m = BinaryMetrics.of(scored(SCORES, LABELS), "p", "y");
        assertThat(m.calibration()).extracting(BinaryMetrics.CalibrationBin::decile).containsExactly(1, 3, 5, 6, 8, 10);
        assertThat(m.calibration()).extracting(BinaryMetrics.CalibrationBin::customers).containsExactly(2L, 2L, 1L, 2L, 2L, 1L);
        double[] predicted = {0.1, 0.2, 0.3, 0.6, 0.8, 0.9};
        double[] observed = {0.5, 0.0, 0.0, 0.5, 0.5, 1.0};
        for (int i = 0; i < predicted.length; i++) {
            assertThat(m.calibration().get(i).predictedMean()).isCloseTo(predicted[i], within(TOL));
            assertThat(m.calibration().get(i).observedRate()).isCloseTo(observed[i], within(TOL));
        }
        // gaps 0.4, 0.2, 0.3, 0.1, 0.3, 0.1
        assertThat(m.calibrationError()).isCloseTo(1.4 / 6, within(TOL));
    }

    @Test
    void brierAndLogLoss() {
        // squared errors: churners 0.01 0.04 0.16 0.81, others 0.64 0.36 0.09 0.04 0.04 0.01 -> 2.2 / 10
        BinaryMetrics m = BinaryMetrics.of(scored(SCORES, LABELS), "p", "y");
        assertThat(m.brier()).isCloseTo(0.22, within(TOL));
        double ll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.1)
                + Math.log(0.2) + Math.log(0.4) + Math.log(0.7) + Math.log(0.8) + Math.log(0.8) + Math.log(0.9)) / 10;
        assertThat(m.logLoss()).isCloseTo(ll, within(TOL));
    }

    @Test
    void logLossStaysFiniteForCertainWrongPredictions() {
        BinaryMetrics m = BinaryMetrics.of(scored(new double[]{0.0, 1.0}, new int[]{1, 0}), "p", "y");
        // both clipped: a churner at 1e-15, a non-churner at 1 - 1e-15 (whose complement is not exactly 1e-15 in doubles)
        assertThat(m.logLoss()).isCloseTo(-(Math.log(1e-15) + Math.log(1 - (1 - 1e-15))) / 2, within(1e-9));
        assertThat(m.rocAuc()).isEqualTo(0.0);
    }

    @Test
    void emptyInputGivesNoNumbers() {
        BinaryMetrics m = BinaryMetrics.of(scored(new double[0], new int[0]), "p", "y");
        assertThat(m.customers()).isZero();
        assertThat(m.rocAuc()).isNaN();
    }

    /** The driver's computation against the Spark plan's, metric by metric, on the hand-worked set and on one with many ties. */
    @Test
    void onTheDriverEveryMetricIsTheSparkPlans() {
        // 41 distinct scores in [0, 1]: ties everywhere
        LocalScores ties = simulated(500, 11, r -> Math.round(r.nextDouble() * 40) / 40.0, s -> 0.2 + 0.6 * s);
        assertSame(BinaryMetrics.of(scored(SCORES, LABELS), "p", "y"), BinaryMetrics.of(new LocalScores(SCORES, LABELS)));
        assertSame(BinaryMetrics.of(scored(ties.scores(), ties.labels()), "p", "y"), BinaryMetrics.of(ties));
        assertThat(BinaryMetrics.of(new LocalScores(new double[0], new int[0])).rocAuc()).isNaN();
    }

    /** {@code n} scores drawn by {@code score}, each a churner with probability {@code churn(score)}. */
    private static LocalScores simulated(int n, long seed, java.util.function.ToDoubleFunction<java.util.Random> score,
                                         java.util.function.DoubleUnaryOperator churn) {
        java.util.Random random = new java.util.Random(seed);
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = score.applyAsDouble(random);
            labels[i] = random.nextDouble() < churn.applyAsDouble(scores[i]) ? 1 : 0;
        }
        return new LocalScores(scores, labels);
    }

    private static void assertSame(BinaryMetrics spark, BinaryMetrics driver) {
        assertThat(driver.customers()).isEqualTo(spark.customers());
        assertThat(driver.churners()).isEqualTo(spark.churners());
        double[] a = {spark.rocAuc(), spark.prAuc(), spark.brier(), spark.logLoss(), spark.topDecileCapture(), spark.topDecileLift()};
        double[] b = {driver.rocAuc(), driver.prAuc(), driver.brier(), driver.logLoss(), driver.topDecileCapture(), driver.topDecileLift()};
        for (int i = 0; i < a.length; i++) assertThat(b[i]).as("metric " + i).isCloseTo(a[i], within(1e-12));
        assertThat(driver.calibration()).hasSameSizeAs(spark.calibration());
        for (int i = 0; i < spark.calibration().size(); i++) {
            BinaryMetrics.CalibrationBin x = spark.calibration().get(i), y = driver.calibration().get(i);
            assertThat(y.decile()).isEqualTo(x.decile());
            assertThat(y.customers()).isEqualTo(x.customers());
            assertThat(y.predictedMean()).isCloseTo(x.predictedMean(), within(1e-12));
            assertThat(y.observedRate()).isCloseTo(x.observedRate(), within(1e-12));
        }
    }

    /** Platt scaling by Newton's method on the driver reaches MLlib's maximum-likelihood fit. */
    @Test
    void plattOnTheDriverIsMllibsFit() {
        LocalScores raw = simulated(2000, 5, r -> r.nextGaussian() * 2, s -> 1 / (1 + Math.exp(-(0.4 + 1.3 * s))));
        PlattCalibration mllib = PlattCalibration.fit(scored(raw.scores(), raw.labels()), "p", "y");
        PlattCalibration driver = PlattCalibration.fit(raw);
        assertThat(driver.intercept()).isCloseTo(mllib.intercept(), within(1e-4));
        assertThat(driver.slope()).isCloseTo(mllib.slope(), within(1e-4));
        assertThat(driver.slope()).isCloseTo(1.3, within(0.2));
        // a constant score: the slope cannot be identified; the intercept is the log-odds of the rate
        PlattCalibration flat = PlattCalibration.fit(new LocalScores(new double[]{1, 1, 1, 1}, new int[]{1, 0, 0, 0}));
        assertThat(1 / (1 + Math.exp(-(flat.intercept() + flat.slope())))).isCloseTo(0.25, within(1e-9));
    }
}
