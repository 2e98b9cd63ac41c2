package io.churnlens.model;

import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.io.OutputLayout;
import io.churnlens.io.TableStore;
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
            store.publishModel(Tables.CHURN_MODEL, slot, dir -> model.writeTo(spark, dir));
            String dir = store.model(Tables.CHURN_MODEL, slot).orElseThrow();
            ChurnModel loaded = ChurnModel.load(spark, dir);
            assertThat(loaded.scorerName()).isEqualTo(e.name());
            assertThat(loaded.metadata()).containsKeys("features", "features_as_of", "label_window", "spark_version",
                    "holdout_metrics", "calibration");

            Dataset<Row> before = scores(model).select(col(ScoreColumns.CUSTOMER_ID), col(ScoreColumns.CHURN_PROBABILITY).as("p0"));
            Dataset<Row> after = scores(loaded).select(col(ScoreColumns.CUSTOMER_ID), col(ScoreColumns.CHURN_PROBABILITY).as("p1"));
            Row diff = before.join(after, ScoreColumns.CUSTOMER_ID)
                    .selectExpr("count(*)", "max(abs(p0 - p1))").first();
            assertThat(diff.getLong(0)).as(e.name()).isEqualTo(featuresAtT.count());
            assertThat(diff.getDouble(1)).as(e.name()).isLessThan(1e-12);
        }
        assertThat(store.model(Tables.CHURN_MODEL, LocalDate.of(1999, 1, 1))).isEmpty();
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

    @Test
    void logisticReasonsAreTheLargestCoefficientTimesStandardisedValueTerms() {
        EvaluatedScorer lr = result.evaluated().stream().filter(e -> e.name().equals("logistic")).findFirst().orElseThrow();
        LogisticScorer scorer = (LogisticScorer) lr.scorer();
        var model = (org.apache.spark.ml.classification.LogisticRegressionModel) scorer.pipeline.stages()[scorer.pipeline.stages().length - 1];
        double[] beta = model.coefficients().toArray();
        Dataset<Row> some = featuresAtT.orderBy(ScoreColumns.CUSTOMER_ID).limit(5);
        List<Row> withReasons = scorer.withReasons(scorer.rawScores(some)).orderBy(ScoreColumns.CUSTOMER_ID).collectAsList();
        List<Row> prepared = scorer.prepared(some).orderBy(ScoreColumns.CUSTOMER_ID).collectAsList();
        for (int r = 0; r < withReasons.size(); r++) {
            org.apache.spark.ml.linalg.Vector z = prepared.get(r).getAs("_scaled");
            double margin = model.intercept();
            java.util.List<double[]> terms = new java.util.ArrayList<>();
            for (int i = 0; i < beta.length; i++) {
                margin += beta[i] * z.apply(i);
                terms.add(new double[]{i, beta[i] * z.apply(i)});
            }
            // the raw score is the sum of the terms: the reasons are parts of the score, not a separate model
            assertThat((double) withReasons.get(r).getAs(ModelFrame.RAW_SCORE)).isCloseTo(margin, within(1e-9));
            terms.sort(java.util.Comparator.comparingDouble(t -> -Math.abs(t[1])));
            String expected = String.join("|", terms.subList(0, 3).stream().map(t -> String.format(java.util.Locale.ROOT,
                    "%s (%+.2f)", data.config().model().features().get((int) t[0]), t[1])).toList());
            assertThat((String) withReasons.get(r).getAs(ModelFrame.REASONS)).isEqualTo(expected);
        }
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
