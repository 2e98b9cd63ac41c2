package io.churnlens.model;

import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.io.ModelStore;
import io.churnlens.io.OutputLayout;
import io.churnlens.io.TableStore;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.Tables;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every scorer survives the model store (metadata.json + MLlib pipeline) and scores the snapshot T exactly as
 * before saving; customer_scores follows its contract (schema, tiers from the thresholds, reasons).
 */
class ModelStoreAndScoringTest extends SparkTestBase {
    private static GeneratedChurnData data;
    private static TrainingResult result;
    private static Dataset<Row> featuresAtT;

    @TempDir
    static Path root;

    @BeforeAll
    static void train() {
        data = GeneratedChurnData.generate(spark, 1500, 8, ChurnTrainerTest.SMALL_GRID);
        result = new ChurnTrainer(data.config()).train(data.labelled());
        featuresAtT = new CustomerFeatures(FeatureSpec.from(data.config())).asOf(data.transactions(), data.asOf()).cache();
    }

    private static ChurnModel modelOf(EvaluatedScorer e) {
        TrainingResult asChampion = new TrainingResult(result.evaluated(), e, "test", result.classBalance());
        return ChurnModel.of(asChampion, data.asOf(), 90, data.config().model(), spark.version());
    }

    @Test
    void everyScorerScoresTheSameAfterSavingAndLoading() {
        TableStore store = new TableStore(spark, new OutputLayout(root.toString()), "test-run");
        for (EvaluatedScorer e : result.evaluated()) {
            LocalDate slot = LocalDate.of(2000, 1, 1).plusDays(result.evaluated().indexOf(e));
            ChurnModel model = modelOf(e);
            store.publishModel(Tables.CHURN_MODEL, slot, dir -> ModelStore.write(spark, dir, model.metadataJson(), model.pipeline()));
            String dir = store.model(Tables.CHURN_MODEL, slot).orElseThrow();
            ModelStore.Stored stored = ModelStore.read(spark, dir);
            assertThat(stored.pipeline().isPresent()).as(e.name()).isEqualTo(Scorer.named(e.name()).isLearned());
            ChurnModel loaded = ChurnModel.fromStored(dir, stored.metadataJson(), stored.pipeline());
            assertThat(loaded.scorerName()).isEqualTo(e.name());
            assertThat(loaded.metadata()).isEqualTo(model.metadata());
            assertThat(loaded.metadata().featuresAsOf()).isEqualTo(data.asOf().minusDays(90).toString());
            assertThat(loaded.metadata().holdoutMetrics().rocAuc()).isEqualTo(e.holdout().rocAuc());

            Dataset<Row> before = scores(model).select(col(ScoreColumns.CUSTOMER_ID), col(ScoreColumns.CHURN_PROBABILITY).as("p0"));
            Dataset<Row> after = scores(loaded).select(col(ScoreColumns.CUSTOMER_ID), col(ScoreColumns.CHURN_PROBABILITY).as("p1"));
            Row diff = before.join(after, ScoreColumns.CUSTOMER_ID)
                    .selectExpr("count(*) AS customers", "max(abs(p0 - p1)) AS max_gap").first();
            assertThat(diff.<Long>getAs("customers")).as(e.name()).isEqualTo(featuresAtT.count());
            assertThat(diff.<Double>getAs("max_gap")).as(e.name()).isLessThan(1e-12);
        }
        assertThat(store.model(Tables.CHURN_MODEL, LocalDate.of(1999, 1, 1))).isEmpty();
    }

    @Test
    void aModelStoredWithoutTheAddedInputsStillLoadsAndScores() {
        // Trained with model.inputs off, a learned model's metadata.json is the format stored before the inputs
        // existed: no state.inputs, the 17 model.features only.
        List<String> off = new java.util.ArrayList<>(List.of(ChurnTrainerTest.SMALL_GRID));
        off.addAll(List.of("model.inputs.btyd=false", "model.inputs.groups=[]", "model.candidates=[logistic]",
                "model.baselines=[recency]", "mapping.country=country", "mapping.channel=channel"));
        io.churnlens.config.ChurnlensConfig config = io.churnlens.config.ConfigLoader.load(null, off);
        TrainingResult plain = new ChurnTrainer(config).train(data.labelled());
        EvaluatedScorer logistic = plain.evaluated().stream().filter(e -> e.name().equals("logistic")).findFirst().orElseThrow();
        ChurnModel model = ChurnModel.of(new TrainingResult(plain.evaluated(), logistic, "test", plain.classBalance()),
                data.asOf(), 90, config.model(), spark.version());
        assertThat(model.metadataJson()).doesNotContain("\"inputs\"").doesNotContain("btyd_");
        assertThat(model.metadata().features()).isEqualTo(config.model().features());

        TableStore store = new TableStore(spark, new OutputLayout(root.resolve("old").toString()), "test-run");
        LocalDate slot = LocalDate.of(1990, 1, 1);
        store.publishModel(Tables.CHURN_MODEL, slot, dir -> ModelStore.write(spark, dir, model.metadataJson(), model.pipeline()));
        String dir = store.model(Tables.CHURN_MODEL, slot).orElseThrow();
        ModelStore.Stored stored = ModelStore.read(spark, dir);
        ChurnModel loaded = ChurnModel.fromStored(dir, stored.metadataJson(), stored.pipeline());
        assertThat(loaded.scorer()).isNotInstanceOf(InputScorer.class);
        Row gap = scores(model).select(col(ScoreColumns.CUSTOMER_ID), col(ScoreColumns.CHURN_PROBABILITY).as("p0"))
                .join(scores(loaded).select(col(ScoreColumns.CUSTOMER_ID), col(ScoreColumns.CHURN_PROBABILITY).as("p1")),
                        ScoreColumns.CUSTOMER_ID)
                .selectExpr("count(*) AS customers", "max(abs(p0 - p1)) AS max_gap").first();
        assertThat(gap.<Long>getAs("customers")).isEqualTo(featuresAtT.count());
        assertThat(gap.<Double>getAs("max_gap")).isLessThan(1e-12);
    }

    @Test
    void aModelWithTheAddedInputsRecordsThemAndScoresAnotherSnapshot() {
        EvaluatedScorer gbt = result.evaluated().stream().filter(e -> e.name().equals("gbt")).findFirst().orElseThrow();
        ChurnModel model = modelOf(gbt);
        ModelInputs inputs = model.metadata().state().inputs();
        assertThat(inputs).isNotNull();
        assertThat(inputs.btydHorizon()).isNotNull();
        assertThat(inputs.groups()).containsKeys(FeatureColumns.COUNTRY, FeatureColumns.CHANNEL);
        assertThat(model.metadata().features()).containsAll(data.config().model().features())
                .contains(BtydInputs.P_ALIVE, "country=(other)");
        assertThat(model.metadataJson()).contains("\"inputs\"").contains("btyd_horizon");
        assertThat(gbt.scorer().importances()).extracting(Map.Entry::getKey).contains(BtydInputs.P_ALIVE);
        // features as of T (not as of T-H, which the model was trained on): the inputs are fitted on them
        Dataset<Row> scored = scores(model).cache();
        assertThat(scored.count()).isEqualTo(featuresAtT.count());
        assertThat(scored.where(col(ScoreColumns.CHURN_PROBABILITY).isNull()).count()).isZero();
        scored.unpersist();
    }

    @Test
    void customerScoresFollowTheContract() {
        assertContract("gbt");
    }

    @Test
    void theBgNbdBaselineGivesReasonsToo() {
        assertContract("bg_nbd");
    }

    private void assertContract(String scorer) {
        EvaluatedScorer gbt = result.evaluated().stream().filter(e -> e.name().equals(scorer)).findFirst().orElseThrow();
        Dataset<Row> scores = scores(modelOf(gbt)).cache();
        assertThat(scores.schema().fieldNames()).containsExactly(ScoreColumns.SCHEMA.fieldNames());
        double medium = data.config().model().riskMedium();
        double high = data.config().model().riskHigh();
        assertThat(scores.where(col(ScoreColumns.CHURN_PROBABILITY).lt(0).or(col(ScoreColumns.CHURN_PROBABILITY).gt(1))).count()).isZero();
        assertThat(scores.where("(risk_tier = 'high') <> (churn_probability >= " + high + ")"
                + " OR (risk_tier = 'low') <> (churn_probability < " + medium + ")").count()).isZero();
        assertThat(scores.where(col(ScoreColumns.SCORER).notEqual(scorer)).count()).isZero();
        List<Row> sample = scores.where(col(ScoreColumns.REASON_3).isNotNull()).limit(20).collectAsList();
        assertThat(sample).isNotEmpty();
        for (Row r : sample) {
            for (String reason : new String[]{r.getAs(ScoreColumns.REASON_1), r.getAs(ScoreColumns.REASON_2), r.getAs(ScoreColumns.REASON_3)}) {
                assertThat(reason).as(scorer).matches("[a-z0-9_]+ \\([+-]\\d+\\.\\d{2}\\)");
            }
        }
        // no segment or CLV tables given: those columns are null, not missing
        assertThat(scores.where(col(ScoreColumns.RFM_SEGMENT).isNotNull().or(col(ScoreColumns.CLV).isNotNull())).count()).isZero();
        scores.unpersist();
    }

    /**
     * With three features, all three terms (coefficient × standardised value) of the linear model are reasons, so the
     * raw score minus the three reasons is the intercept, the same for every customer (up to the rounding of the
     * reasons to two decimals): the reasons are the parts of the score, not a separate model.
     */
    @Test
    void logisticReasonsAreThePartsOfTheScore() {
        List<String> three = List.of(FeatureColumns.RECENCY_DAYS, FeatureColumns.PURCHASE_DAYS, FeatureColumns.MONETARY_TOTAL);
        Dataset<Row> split = new ChurnTrainer(data.config()).split(data.labelled());
        LogisticScorer scorer = LogisticScorer.fit(split.where(col(ModelFrame.SPLIT).equalTo(ModelFrame.TRAIN)),
                split.where(col(ModelFrame.SPLIT).equalTo(ModelFrame.VALIDATION)), three, data.config().model(),
                Evaluation.SPARK);
        List<Row> rows = scorer.withReasons(scorer.rawScores(featuresAtT)).where(col(ModelFrame.REASONS).isNotNull())
                .select(ModelFrame.RAW_SCORE, ModelFrame.REASONS).limit(50).collectAsList();
        assertThat(rows).hasSizeGreaterThan(20);
        java.util.regex.Pattern term = java.util.regex.Pattern.compile("([a-z0-9_]+) \\(([+-]\\d+\\.\\d{2})\\)");
        java.util.DoubleSummaryStatistics intercepts = new java.util.DoubleSummaryStatistics();
        for (Row r : rows) {
            String[] reasons = r.<String>getAs(ModelFrame.REASONS).split("\\|");
            assertThat(reasons.length).isBetween(1, 3); // a term of exactly 0 is not a reason
            double sum = 0;
            double previous = Double.POSITIVE_INFINITY;
            for (String reason : reasons) {
                java.util.regex.Matcher m = term.matcher(reason);
                assertThat(m.matches()).as(reason).isTrue();
                assertThat(three).contains(m.group(1));
                double c = Double.parseDouble(m.group(2));
                assertThat(Math.abs(c)).isLessThanOrEqualTo(previous + 0.01);
                previous = Math.abs(c);
                sum += c;
            }
            intercepts.accept(r.<Double>getAs(ModelFrame.RAW_SCORE) - sum);
        }
        assertThat(intercepts.getMax() - intercepts.getMin()).isLessThan(0.031);
    }

    private static Dataset<Row> scores(ChurnModel model) {
        return CustomerScoring.score(model, featuresAtT, Optional.empty(), Optional.empty(), data.config().model(), 12);
    }

    @Test
    void bgNbdNoPurchaseProbabilityLimits() {
        var m = new io.churnlens.btyd.BgNbdModel(0.9, 8, 0.7, 3);
        // zero horizon: nobody can buy; a one-time buyer is alive under BG/NBD, so P = P(no purchase while alive)
        assertThat(BgNbdScorer.probabilityNoPurchase(m, 0, 3, 10, 20)).isCloseTo(1.0, within(1e-12));
        double oneTimer = BgNbdScorer.probabilityNoPurchase(m, 13, 0, 0, 20);
        assertThat(oneTimer).isCloseTo(Math.pow((8 + 20.0) / (8 + 20 + 13), 0.9), within(1e-12));
    }
}
