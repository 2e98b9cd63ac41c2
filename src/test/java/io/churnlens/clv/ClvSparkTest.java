package io.churnlens.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnlens.btyd.BgNbdFitter;
import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.BtydSimulator;
import io.churnlens.btyd.BtydStatistics;
import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.GammaGammaFitter;
import io.churnlens.btyd.GammaGammaModel;
import io.churnlens.btyd.NbdModel;
import io.churnlens.btyd.NoDropOutCheck;
import io.churnlens.btyd.ParetoNbdModel;
import io.churnlens.btyd.RfmTable;
import io.churnlens.btyd.SpendTable;
import io.churnlens.btyd.StatisticChunks;
import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.ModelFit;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.testing.SparkTestBase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Spark glue on small inline data: compression is lossless, executor scoring equals the pure-Java values. */
class ClvSparkTest extends SparkTestBase {
    private static final StructType FEATURES = new StructType()
            .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType, false)
            .add(FeatureColumns.X, DataTypes.IntegerType, true)
            .add(FeatureColumns.T_X, DataTypes.DoubleType, true)
            .add(FeatureColumns.T_CAL, DataTypes.DoubleType, true)
            .add(FeatureColumns.REPEAT_SPEND_MEAN, DataTypes.DoubleType, true);

    private static BtydSimulator simulated() {
        return BtydSimulator.bgNbd(new BgNbdModel(0.5, 6.0, 0.8, 2.5), 1500, 26, 52, 3);
    }

    /** Simulated customers (times rounded to days as the features stage does) plus three awkward ones. */
    private static List<Row> rows(BtydSimulator s) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < s.x.length; i++) {
            double tx = Math.round(s.tx[i] * 7) / 7.0, t = Math.round(s.t[i] * 7) / 7.0;
            Double spend = s.x[i] == 0 ? null : 20 + (i % 37) * 1.5;
            rows.add(RowFactory.create("c" + i, s.x[i], s.x[i] == 0 ? 0.0 : tx, t, spend));
        }
        rows.add(RowFactory.create("returns", 2, 3.0, 30.0, -5.0));       // net spend <= 0
        rows.add(RowFactory.create("broken", 2, 40.0, 30.0, 10.0));       // t_x > T
        rows.add(RowFactory.create("nulls", null, null, null, null));
        return rows;
    }

    @Test
    void compressedFitEqualsPerCustomerFit() {
        BtydSimulator s = simulated();
        List<Row> rows = rows(s);
        Dataset<Row> features = spark.createDataFrame(rows, FEATURES);
        StatisticChunks<RfmTable> compressed = BtydStatistics.compress(features, 100_000);
        int n = s.x.length + 1;   // the "returns" customer is valid for the purchase model
        int[] x = new int[n];
        double[] tx = new double[n], t = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            x[i] = r.getInt(1);
            tx[i] = r.getDouble(2);
            t[i] = r.getDouble(3);
        }
        RfmTable perCustomer = new RfmTable(x, tx, t, java.util.stream.DoubleStream.generate(() -> 1).limit(n).toArray());
        assertThat(compressed.where()).isEqualTo("driver");
        assertThat(compressed.sum(RfmTable::customers)).isEqualTo(n);
        assertThat(compressed.sum(RfmTable::rows)).isLessThan(n);
        Fitted<BgNbdModel> a = BgNbdFitter.fit(compressed), b = BgNbdFitter.fit(perCustomer);
        assertThat(a.converged()).isTrue();
        // Same likelihood, summed in another order: same optimum to 1e-6 relative.
        for (int i = 0; i < 4; i++) {
            assertThat(a.fit().values()[i]).isCloseTo(b.fit().values()[i], within(1e-6 * b.fit().values()[i]));
        }
        assertThat(a.fit().logLikelihood()).isCloseTo(b.fit().logLikelihood(), within(1e-9 * Math.abs(b.fit().logLikelihood())));
    }

    /**
     * More distinct rows than clv.max-distinct-statistics: the likelihood is summed on the executors in chunks. Same
     * statistics, same likelihood added in another grouping: the fits agree with the driver's to 1e-6 relative
     * (the optimiser stops within ~1e-8 of the optimum in log-parameters).
     */
    @Test
    void fitsSummedOnTheExecutorsEqualTheDriverFits() {
        Dataset<Row> features = spark.createDataFrame(rows(simulated()), FEATURES);
        StatisticChunks<RfmTable> driver = BtydStatistics.compress(features, 100_000);
        StatisticChunks<RfmTable> executors = BtydStatistics.compress(features, (int) driver.sum(RfmTable::rows) - 1);
        assertThat(executors.where()).startsWith("executors");
        assertThat(executors.sum(RfmTable::customers)).isEqualTo(driver.sum(RfmTable::customers));
        Fitted<BgNbdModel> a = BgNbdFitter.fit(executors), b = BgNbdFitter.fit(driver);
        assertThat(a.converged()).as(a.fit().note()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(a.fit().values()[i]).isCloseTo(b.fit().values()[i], within(1e-6 * b.fit().values()[i]));
        }
        assertThat(a.fit().logLikelihood()).isCloseTo(b.fit().logLikelihood(), within(1e-9 * Math.abs(b.fit().logLikelihood())));

        StatisticChunks<SpendTable> spendDriver = BtydStatistics.compressSpend(features, 100_000);
        StatisticChunks<SpendTable> spendExecutors = BtydStatistics.compressSpend(features, (int) spendDriver.sum(SpendTable::rows) - 1);
        assertThat(spendExecutors.where()).startsWith("executors");
        Fitted<GammaGammaModel> g = GammaGammaFitter.fit(spendExecutors), h = GammaGammaFitter.fit(spendDriver);
        assertThat(g.converged()).as(g.fit().note()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(g.fit().values()[i]).isCloseTo(h.fit().values()[i], within(1e-6 * h.fit().values()[i]));
        }
    }

    @Test
    void stageScoresOnExecutorsExactlyAsInJava() {
        Dataset<Row> features = spark.createDataFrame(rows(simulated()), FEATURES).repartition(3);
        ChurnlensConfig config = ConfigLoader.defaults();
        ClvAnalysis.Result result = new ClvAnalysis(config).run(features);
        assertThat(result.fits()).extracting(ModelFit::model)
                .containsExactly(BgNbdModel.NAME, ParetoNbdModel.NAME, GammaGammaModel.NAME);
        assertThat(result.params().count()).isEqualTo(11);
        assertThat(result.params().select(ClvColumns.FIT_STATE).distinct().collectAsList())
                .extracting(r -> r.getString(0)).containsExactly(FitState.IDENTIFIED.label());
        CustomerValuation valuation = result.valuation().orElseThrow();
        Map<String, Row> byId = new HashMap<>();
        for (Row r : result.customerValue().orElseThrow().collectAsList()) byId.put(r.getAs(ClvColumns.CUSTOMER_ID), r);
        assertThat(byId).hasSize(1503);
        for (Row in : rows(simulated())) {
            Row out = byId.get(in.getString(0));
            if (in.isNullAt(1) || in.getDouble(2) > in.getDouble(3)) {
                assertThat(out.<String>getAs(ClvColumns.SPEND_FLAG)).isEqualTo(SpendFlag.INVALID_STATISTICS.name());
                assertThat(out.<Double>getAs(ClvColumns.CLV)).isNull();
                continue;
            }
            CustomerValuation.Value v = valuation.value(in.getInt(1), in.getDouble(2), in.getDouble(3),
                    in.isNullAt(4) ? Double.NaN : in.getDouble(4));
            assertThat(out.<Double>getAs(ClvColumns.P_ALIVE)).isEqualTo(v.pAlive());
            assertThat(out.<Double>getAs(ClvColumns.P_ALIVE_PARETO_NBD)).isEqualTo(v.pAliveParetoNbd());
            assertThat(out.<Double>getAs(ClvColumns.EXPECTED_PURCHASES)).isEqualTo(v.expectedPurchases());
            assertThat(out.<Double>getAs(ClvColumns.EXPECTED_SPEND)).isEqualTo(v.expectedSpend());
            assertThat(out.<Double>getAs(ClvColumns.CLV)).isEqualTo(v.clv());
            assertThat(out.<String>getAs(ClvColumns.SPEND_FLAG)).isEqualTo(v.spendFlag().name());
        }
        assertThat(byId.get("returns").<String>getAs(ClvColumns.SPEND_FLAG)).isEqualTo(SpendFlag.NON_POSITIVE_SPEND.name());
        Row oneTimer = byId.values().stream().filter(r -> r.<Double>getAs(ClvColumns.P_ALIVE) == 1.0).findFirst().orElseThrow();
        assertThat(oneTimer.<String>getAs(ClvColumns.SPEND_FLAG)).isEqualTo(SpendFlag.NO_REPEAT_PURCHASE.name());
        assertThat(oneTimer.<Double>getAs(ClvColumns.P_ALIVE_PARETO_NBD)).isLessThan(1.0);
    }

    /** Features of a world where nobody drops out, observed 26 to 39 weeks (times rounded to days). */
    private static Dataset<Row> noDropOutFeatures() {
        return spark.createDataFrame(rows(BtydSimulator.bgNbd(new BgNbdModel(0.8, 8.0, 0.001, 1000), 1500, 26, 39, 7)),
                FEATURES);
    }

    @Test
    void noDropOutBoundaryValuesCustomersWithTheNbdLimit() {
        ChurnlensConfig config = ConfigLoader.load(null, List.of("clv.fit-pareto-nbd=false"));
        ClvAnalysis.Result result = new ClvAnalysis(config).run(noDropOutFeatures());
        result.verdicts().forEach(v -> System.out.println("no drop-out stage: " + v));
        assertThat(result.fits()).extracting(ModelFit::model)
                .containsExactly(BgNbdModel.NAME, NbdModel.NAME, GammaGammaModel.NAME);
        assertThat(result.fits()).extracting(ModelFit::state)
                .containsExactly(FitState.BOUNDARY, FitState.IDENTIFIED, FitState.IDENTIFIED);
        assertThat(result.verdicts()).last().asString().startsWith("customer values from the NBD limit of bg_nbd");

        Map<String, Row> params = new HashMap<>();
        for (Row r : result.params().collectAsList()) params.put(r.getAs(ClvColumns.MODEL) + "/" + r.getAs(ClvColumns.PARAMETER), r);
        Row b = params.get("bg_nbd/b");
        assertThat(b.<String>getAs(ClvColumns.FIT_STATE)).isEqualTo("boundary");
        assertThat(b.<String>getAs(ClvColumns.FIT_NOTE)).startsWith(NoDropOutCheck.NO_DROP_OUT);
        assertThat(b.<Double>getAs(ClvColumns.VALUE)).isNull();
        assertThat(b.<Boolean>getAs(ClvColumns.CONVERGED)).isFalse();
        ModelFit nbd = result.fits().get(1);
        Row r = params.get("nbd/r");
        assertThat(r.<String>getAs(ClvColumns.FIT_STATE)).isEqualTo("identified");
        assertThat(r.<Double>getAs(ClvColumns.VALUE)).isEqualTo(nbd.value("r"));

        // Every valid customer: P(alive) = 1 and E[Y(h)] = h (r + x) / (alpha + T) with h = 12 months in weeks.
        double h = result.valuation().orElseThrow().calculator().horizon();
        NbdModel limit = new NbdModel(nbd.value("r"), nbd.value("alpha"));
        long valued = 0;
        for (Row out : result.customerValue().orElseThrow().collectAsList()) {
            assertThat(out.<String>getAs(ClvColumns.PURCHASE_MODEL)).isEqualTo(NbdModel.NAME);
            if (out.getAs(ClvColumns.P_ALIVE) == null) continue;
            valued++;
            assertThat(out.<Double>getAs(ClvColumns.P_ALIVE)).isEqualTo(1.0);
            assertThat(out.<Double>getAs(ClvColumns.P_ALIVE_PARETO_NBD)).isNull();
        }
        assertThat(valued).isEqualTo(1501);
        assertThat(io.churnlens.report.FitNotes.from(result.params().collectAsList())).singleElement().asString()
                .contains("Purchase model bg_nbd").contains("P(alive) = 1").contains("upper bounds");
        Row someone = result.customerValue().orElseThrow().where(org.apache.spark.sql.functions.col(ClvColumns.CUSTOMER_ID)
                .equalTo("returns")).first();
        assertThat(someone.<Double>getAs(ClvColumns.EXPECTED_PURCHASES))
                .isCloseTo(h * (limit.r() + 2) / (limit.alpha() + 30.0), within(1e-12));
    }

    @Test
    void aSpentBudgetFailsEveryFitAndWritesNoCustomerValues() {
        ChurnlensConfig config = ConfigLoader.load(null, List.of("clv.fit-max-evaluations=30"));
        ClvAnalysis stage = new ClvAnalysis(config);
        ClvAnalysis.Result result = stage.run(spark.createDataFrame(rows(simulated()), FEATURES));
        result.verdicts().forEach(v -> System.out.println("budget stage: " + v));
        assertThat(result.fits()).extracting(ModelFit::state).containsOnly(FitState.FAILED);
        assertThat(result.customerValue()).isEmpty();
        assertThat(result.verdicts()).last().asString().startsWith("no customer values: neither bg_nbd (failed) nor pareto_nbd (failed)");
        assertThat(result.params().collectAsList()).allSatisfy(row -> {
            assertThat(row.<String>getAs(ClvColumns.FIT_STATE)).isEqualTo("failed");
            assertThat(row.<String>getAs(ClvColumns.FIT_NOTE)).contains("budget of 30 evaluations");
            assertThat(row.<Double>getAs(ClvColumns.LOG_LIKELIHOOD)).isNull();
        });
        List<String> notes = io.churnlens.report.FitNotes.from(result.params().collectAsList());
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0)).startsWith("Purchase model bg_nbd could not be fitted (budget of 30 evaluations / 60 s");
        assertThat(notes.get(1)).startsWith("Purchase model pareto_nbd could not be fitted (budget of 30 evaluations");
        // The holdout check follows the same verdict: no predictions from a failed fit.
        Dataset<Row> none = spark.createDataFrame(List.of(), new StructType()
                .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType).add(ClvColumns.X_HOLDOUT, DataTypes.LongType));
        assertThat(stage.holdout(spark.createDataFrame(rows(simulated()), FEATURES), none, 91)).isEmpty();
    }

    @Test
    void holdoutAtTheNoDropOutBoundaryPredictsWithTheNbdLimit() {
        ChurnlensConfig config = ConfigLoader.load(null, List.of("clv.fit-pareto-nbd=false"));
        Dataset<Row> none = spark.createDataFrame(List.of(), new StructType()
                .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType).add(ClvColumns.X_HOLDOUT, DataTypes.LongType));
        List<Row> table = new ClvAnalysis(config).holdout(noDropOutFeatures(), none, 91).orElseThrow().collectAsList();
        assertThat(table).extracting(r -> r.<String>getAs(ClvColumns.MODEL)).containsOnly(NbdModel.NAME);
    }

    @Test
    void holdoutTableAddsUpThePerCustomerPredictions() {
        BtydSimulator s = simulated();
        Dataset<Row> calibration = spark.createDataFrame(rows(s), FEATURES);
        List<Row> holdout = new ArrayList<>();
        for (int i = 0; i < s.x.length; i += 3) holdout.add(RowFactory.create("c" + i, (long) (i % 4)));
        Dataset<Row> actual = spark.createDataFrame(holdout, new StructType()
                .add(FeatureColumns.CUSTOMER_ID, DataTypes.StringType).add(ClvColumns.X_HOLDOUT, DataTypes.LongType));
        BgNbdModel model = new BgNbdModel(0.5, 6.0, 0.8, 2.5);
        List<Row> table = HoldoutCheck.compare(calibration, actual, model, 13.0).collectAsList();
        Row total = table.get(table.size() - 1);
        assertThat(total.<String>getAs(ClvColumns.FREQUENCY_BUCKET)).isEqualTo("total");
        double expectedPredicted = 0, expectedActual = 0;
        for (Row r : rows(s)) {
            if (r.isNullAt(1) || r.getDouble(2) > r.getDouble(3)) continue;
            expectedPredicted += model.expectedPurchases(13.0, r.getInt(1), r.getDouble(2), r.getDouble(3));
        }
        for (Row r : holdout) expectedActual += r.getLong(1);
        assertThat(total.<Long>getAs(ClvColumns.CUSTOMERS)).isEqualTo(1501L);
        assertThat(total.<Double>getAs(ClvColumns.PREDICTED_PURCHASES)).isCloseTo(expectedPredicted, within(1e-9 * expectedPredicted));
        assertThat(total.<Double>getAs(ClvColumns.ACTUAL_PURCHASES)).isEqualTo(expectedActual);
        assertThat(table.subList(0, table.size() - 1)).extracting(r -> r.<String>getAs(ClvColumns.FREQUENCY_BUCKET))
                .startsWith("0", "1", "2");
    }
}
