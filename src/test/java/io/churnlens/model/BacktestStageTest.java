package io.churnlens.model;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.io.GroupCommit;
import io.churnlens.io.ModelStore;
import io.churnlens.io.OutputLayout;
import io.churnlens.io.TableStore;
import io.churnlens.schema.BacktestColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ModelColumns;
import io.churnlens.schema.Tables;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.stage.StageContext;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The back-test on a small generated base (200 customers, 2023-10 to 2026-09) with two snapshots: without an earlier
 * model it retrains for T−H; with the model train published at 2026-06-30 it judges that model at 2026-09-30 on
 * (2026-06-30, 2026-09-28]. Plus the year-ago window's dates and calibration-in-the-large by hand.
 */
class BacktestStageTest extends SparkTestBase {
    private static final LocalDate Q2 = LocalDate.of(2026, 6, 30);
    private static final LocalDate Q3 = LocalDate.of(2026, 9, 30);
    /** Two cheap baselines (no MLlib fit): the stage's logic does not depend on the scorer. */
    private static final List<String> SMALL = List.of("model.candidates=[]", "model.baselines=[recency, rfm_segment]");
    private static Dataset<Row> transactions;

    @BeforeAll
    static void generate() {
        transactions = GeneratedChurnData.generate(spark, 200, 11, SMALL.toArray(String[]::new)).transactions();
    }

    @Test
    void withoutAnEarlierModelItRetrainsForTMinusH() throws Exception {
        StageContext ctx = context(Files.createTempDirectory("bt-fallback"), Q3);
        Map<String, Long> counts = BacktestStage.whenPossible().run(ctx);
        Dataset<Row> table = ctx.store().requireReport(Tables.MODEL_BACKTEST, Q3, "backtest");
        List<Row> champion = championMetrics(table);
        assertThat(champion).allSatisfy(r -> {
            assertThat(r.<String>getAs(BacktestColumns.JUDGED_MODEL)).isEqualTo(BacktestColumns.JUDGED_RETRAINED);
            assertThat(r.<Date>getAs(BacktestColumns.MODEL_AS_OF).toLocalDate()).isEqualTo(LocalDate.of(2026, 7, 2));
            assertThat(r.<String>getAs(BacktestColumns.JUDGED_WINDOW)).isEqualTo("(2026-07-02, 2026-09-30]");
            assertThat(r.<String>getAs(BacktestColumns.TRAINING_WINDOW)).isEqualTo("recent");
        });
        // judged on every customer who bought by T−H; churners = those with no purchase in (T−H, T]
        assertThat(value(champion, "customers")).isEqualTo((double) activeBy(LocalDate.of(2026, 7, 2)));
        assertThat(value(champion, "churners")).isEqualTo((double) silentIn(LocalDate.of(2026, 7, 2), Q3));
        assertThat(counts).containsEntry("judged_models", 1L);
        assertThat(table.select(ModelColumns.SCORER).distinct().count()).isEqualTo(2); // recency and rfm_segment
    }

    @Test
    void withTheModelOfTheLastQuarterItJudgesThatModelOnItsOwnHorizon() throws Exception {
        Path root = Files.createTempDirectory("bt-stored");
        StageContext q2 = context(root, Q2);
        TrainStage.whenPossible().run(q2);
        String dir = q2.store().model(Tables.CHURN_MODEL, Q2).orElseThrow();
        ModelStore.Stored stored = ModelStore.read(spark, dir);
        ChurnModel model = ChurnModel.fromStored(dir, stored.metadataJson(), stored.pipeline());

        StageContext q3 = context(root, Q3);
        Map<String, Long> counts = BacktestStage.whenPossible().run(q3);
        Dataset<Row> table = q3.store().requireReport(Tables.MODEL_BACKTEST, Q3, "backtest");
        List<Row> champion = championMetrics(table);
        assertThat(table.select(ModelColumns.SCORER).distinct().collectAsList()).hasSize(1); // only the stored champion
        assertThat(champion.get(0).<String>getAs(ModelColumns.SCORER)).isEqualTo(model.scorerName());
        assertThat(champion).allSatisfy(r -> {
            assertThat(r.<String>getAs(BacktestColumns.JUDGED_MODEL)).isEqualTo(BacktestColumns.JUDGED_STORED);
            assertThat(r.<Date>getAs(BacktestColumns.MODEL_AS_OF).toLocalDate()).isEqualTo(Q2);
            assertThat(r.<String>getAs(BacktestColumns.JUDGED_WINDOW)).isEqualTo("(2026-06-30, 2026-09-28]");
        });
        LocalDate end = LocalDate.of(2026, 9, 28);
        assertThat(value(champion, "customers")).isEqualTo((double) activeBy(Q2));
        assertThat(value(champion, "churners")).isEqualTo((double) silentIn(Q2, end));
        assertThat(counts).doesNotContainKey("trained_on"); // nothing was trained

        assertThat(value(champion, BacktestColumns.CALIBRATION_IN_THE_LARGE))
                .isCloseTo(meanPredictedMinusObserved(table), within(1e-9));
    }

    @Test
    void yearAgoWindowTrainsOnTheSameSeasonAYearEarlier() throws Exception {
        TrainingWindows.Window w = TrainingWindows.Window.YEAR_AGO;
        // hand-checked: 2026-09-30 − 365 days = 2025-09-30; + 90 days = 2025-12-29
        assertThat(w.featuresAsOf(Q3, 90)).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(w.labelEnd(Q3, 90)).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(TrainingWindows.Window.RECENT.featuresAsOf(Q3, 90)).isEqualTo(LocalDate.of(2026, 7, 2));
        StageContext ctx = context(Files.createTempDirectory("bt-year-ago"), Q3, "model.training-window=year-ago");
        assertThat(TrainingWindows.chosen(ctx)).isEqualTo(w);
        Dataset<Row> labelled = TrainingWindows.labelled(ctx, Q3, w);
        try {
            assertThat(labelled.select(FeatureColumns.LABEL_CUTOFF).distinct().collectAsList())
                    .extracting(r -> r.getDate(0).toLocalDate()).containsExactly(LocalDate.of(2025, 9, 30));
            assertThat(labelled.count()).isEqualTo(activeBy(LocalDate.of(2025, 9, 30)));
            assertThat(labelled.where(col(FeatureColumns.CHURNED).equalTo(1)).count())
                    .isEqualTo(silentIn(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 12, 29)));
            // no feature saw a row after the year-ago cutoff: recency is measured from 2025-09-30
            assertThat(labelled.agg(max(FeatureColumns.RECENCY_DAYS)).first().isNullAt(0)).isFalse();
        } finally {
            labelled.unpersist();
        }
    }

    @Test
    void calibrationInTheLargeIsMeanPredictedMinusObserved() {
        StructType schema = new StructType().add("p", DataTypes.DoubleType).add("y", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        double[] p = {0.2, 0.4, 0.6, 0.9, 0.1};
        int[] y = {0, 1, 0, 1, 0};
        for (int i = 0; i < p.length; i++) rows.add(RowFactory.create(p[i], y[i]));
        BinaryMetrics m = BinaryMetrics.of(spark.createDataFrame(rows, schema), "p", "y");
        // hand: mean predicted 2.2 / 5 = 0.44, observed 2 / 5 = 0.40
        assertThat(BacktestTable.calibrationInTheLarge(m)).isCloseTo(0.04, within(1e-12));
        assertThat(WindowVerdict.pick(0.06, -0.02, 0.80, 0.79)).isEqualTo(TrainingWindows.Window.YEAR_AGO);
        assertThat(WindowVerdict.pick(0.02, -0.02, 0.80, 0.80)).isEqualTo(TrainingWindows.Window.RECENT);
        assertThat(WindowVerdict.pick(-0.0827, -0.0554, 0.8247, 0.5878)).isEqualTo(TrainingWindows.Window.RECENT);
    }

    @Test
    void tooLittleHistoryIsAWarningInThePipelineAndAnErrorWhenStrict() throws Exception {
        StageContext ctx = context(Files.createTempDirectory("bt-short"), LocalDate.of(2023, 11, 30));
        assertThat(BacktestStage.whenPossible().run(ctx)).containsEntry("judged_models", 0L);
        assertThat(ctx.store().report(Tables.MODEL_BACKTEST, LocalDate.of(2023, 11, 30))).isEmpty();
        assertThatThrownBy(() -> BacktestStage.strict().run(ctx)).isInstanceOf(NotEnoughTrainingData.class);
    }

    private static StageContext context(Path root, LocalDate asOf, String... more) {
        List<String> settings = new ArrayList<>(SMALL);
        settings.addAll(List.of(more));
        ChurnlensConfig config = ConfigLoader.load(null, settings);
        OutputLayout layout = new OutputLayout(root.toString());
        TableStore store = new TableStore(spark, layout, "test");
        if (store.transactions().isEmpty()) {
            GroupCommit commit = store.beginCommit();
            store.stageTransactions(commit, transactions);
            commit.commit();
        }
        return new StageContext(spark, config, asOf, "test", store);
    }

    /** From the calibration deciles of the judged champion: sum(predicted_mean x customers) / customers − churn rate. */
    private static double meanPredictedMinusObserved(Dataset<Row> table) {
        List<Row> bins = table.where(col(ModelColumns.CHAMPION).equalTo(true)
                .and(col(ModelColumns.KIND).equalTo(ModelColumns.KIND_CALIBRATION))).collectAsList();
        double predicted = 0;
        double observed = 0;
        double customers = 0;
        for (int decile = 1; decile <= 10; decile++) {
            int d = decile;
            List<Row> of = bins.stream().filter(r -> r.getAs(ModelColumns.BIN) != null && r.<Integer>getAs(ModelColumns.BIN) == d).toList();
            if (of.isEmpty()) continue;
            double n = value(of, "customers");
            predicted += value(of, "predicted_mean") * n;
            observed += value(of, "observed_rate") * n;
            customers += n;
        }
        return (predicted - observed) / customers;
    }

    private static List<Row> championMetrics(Dataset<Row> table) {
        return table.where(col(ModelColumns.CHAMPION).equalTo(true).and(col(ModelColumns.KIND).equalTo("metric"))
                .and(col(BacktestColumns.JUDGED_MODEL).notEqual(BacktestTable.JUDGED_COMPARISON))).collectAsList();
    }

    private static Double value(List<Row> rows, String name) {
        return rows.stream().filter(r -> name.equals(r.getAs(ModelColumns.NAME))).map(r -> r.<Double>getAs(ModelColumns.VALUE))
                .findFirst().orElseThrow();
    }

    /** Purchases (returns are no activity, as the churn label says). */
    private static Dataset<Row> purchases() {
        return transactions.where(col(TransactionColumns.IS_RETURN).equalTo(false));
    }

    private static long activeBy(LocalDate cutoff) {
        return purchases().where(col(TransactionColumns.EVENT_DATE).leq(lit(Date.valueOf(cutoff))))
                .select(TransactionColumns.CUSTOMER_ID).distinct().count();
    }

    /** Customers who bought by {@code from} and made no purchase in (from, to]. */
    private static long silentIn(LocalDate from, LocalDate to) {
        return horizonLabels(from, to).where(col(FeatureColumns.CHURNED).equalTo(1)).count();
    }

    private static Dataset<Row> horizonLabels(LocalDate from, LocalDate to) {
        Dataset<Row> before = purchases().where(col(TransactionColumns.EVENT_DATE).leq(lit(Date.valueOf(from))))
                .select(TransactionColumns.CUSTOMER_ID).distinct();
        Dataset<Row> bought = purchases().where(col(TransactionColumns.EVENT_DATE).gt(lit(Date.valueOf(from)))
                        .and(col(TransactionColumns.EVENT_DATE).leq(lit(Date.valueOf(to)))))
                .select(TransactionColumns.CUSTOMER_ID).distinct().withColumn("bought", lit(1));
        return before.join(bought, before.col(TransactionColumns.CUSTOMER_ID).equalTo(bought.col(TransactionColumns.CUSTOMER_ID)), "left")
                .select(before.col(TransactionColumns.CUSTOMER_ID),
                        org.apache.spark.sql.functions.when(col("bought").isNull(), 1).otherwise(0).as(FeatureColumns.CHURNED));
    }
}
