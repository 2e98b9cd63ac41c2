package io.churnlens.features;

import io.churnlens.config.ChurnlensConfig.TimeUnit;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.churnlens.schema.FeatureColumns.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Cutoff C = 2024-03-31, H = 90 days: the label window is (2024-03-31, 2024-06-29]. */
class ChurnLabelsTest extends SparkTestBase {
    static final LocalDate C = LocalDate.of(2024, 3, 31);

    static Dataset<Row> transactions() {
        return new TestTransactions()
                .buy("back", "2024-03-01", "10.00").buy("back", "2024-04-15", "10.00")          // bought again: 0
                .buy("gone", "2024-03-31", "10.00").buy("gone", "2024-06-30", "10.00")          // C+91 is too late: 1
                .buy("returner", "2024-01-01", "10.00").giveBack("returner", "2024-05-01", "5") // a return is no purchase: 1
                .buy("lastDay", "2024-02-01", "10.00").buy("lastDay", "2024-06-29", "10.00")    // C+90 is inside: 0
                .buy("newcomer", "2024-04-10", "10.00")                                         // not a customer at C
                .toDataset(spark);
    }

    @Test
    void labelsOnAHandExample() {
        Map<String, Row> labels = CustomerFeaturesTest.byCustomer(ChurnLabels.label(transactions(), C, 90));
        assertThat(labels).containsOnlyKeys("back", "gone", "returner", "lastDay");
        assertThat(labels.get("back").<Integer>getAs(CHURNED)).isZero();
        assertThat(labels.get("gone").<Integer>getAs(CHURNED)).isEqualTo(1);
        assertThat(labels.get("returner").<Integer>getAs(CHURNED)).isEqualTo(1);
        assertThat(labels.get("lastDay").<Integer>getAs(CHURNED)).isZero();
        assertThat(labels.get("back").<Date>getAs(LABEL_CUTOFF).toLocalDate()).isEqualTo(C);
        assertThat(labels.get("back").<Integer>getAs(HORIZON_DAYS)).isEqualTo(90);
    }

    @Test
    void trainingSetIsFeaturesAsOfTMinusHWithLabelsFromTheHorizon() {
        CustomerFeatures features = new CustomerFeatures(new FeatureSpec(List.of(30), 90, TimeUnit.DAYS));
        LocalDate t = C.plusDays(90);
        Map<String, Row> training = CustomerFeaturesTest.byCustomer(
                new TrainingSet(features).build(transactions(), t, 90));

        assertThat(training).containsOnlyKeys("back", "gone", "returner", "lastDay");
        Row back = training.get("back");
        assertThat(back.<Date>getAs(AS_OF).toLocalDate()).isEqualTo(C);
        assertThat(back.<Integer>getAs(PURCHASE_DAYS)).as("the April purchase is after C").isEqualTo(1);
        assertThat(back.<Integer>getAs(RECENCY_DAYS)).isEqualTo(30);
        assertThat(back.<Integer>getAs(CHURNED)).isZero();
        assertThat(training.get("gone").<Integer>getAs(CHURNED)).isEqualTo(1);
        assertThat(training.get("lastDay").<Integer>getAs(CHURNED)).isZero();
    }

    @Test
    void prebuiltFeaturesAsOfTheCutoffGiveTheSameTrainingSet() {
        // The pipeline builds the features as of T - H once (from every transaction, including rows after T) and
        // hands them to the training set; the result must be the set built from scratch.
        CustomerFeatures features = new CustomerFeatures(new FeatureSpec(List.of(30), 90, TimeUnit.DAYS));
        LocalDate t = C.plusDays(90);
        Dataset<Row> fromScratch = new TrainingSet(features).build(transactions(), t, 90);
        Dataset<Row> prebuilt = TrainingSet.withFeatures(features.asOf(transactions(), C), transactions(), t, 90);
        assertThat(prebuilt.columns()).containsExactly(fromScratch.columns());
        assertThat(prebuilt.exceptAll(fromScratch).count()).isZero();
        assertThat(fromScratch.exceptAll(prebuilt).count()).isZero();
        assertThat(prebuilt.count()).isEqualTo(4);
    }
}
