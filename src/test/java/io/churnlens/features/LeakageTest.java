package io.churnlens.features;

import io.churnlens.config.ChurnlensConfig.TimeUnit;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Transactions after T must not change any feature as of T. */
class LeakageTest extends SparkTestBase {

    @Test
    void rowsAfterTChangeNothing() {
        LocalDate t = CustomerFeaturesTest.T;
        CustomerFeatures features = new CustomerFeatures(new FeatureSpec(List.of(30, 90, 180, 365), 90, TimeUnit.WEEKS));
        Dataset<Row> before = features.asOf(CustomerFeaturesTest.example().toDataset(spark), t);

        TestTransactions withFuture = CustomerFeaturesTest.example()
                // The day after T: purchases, a return of an earlier purchase, new products, a new majority country.
                .row("single", "2024-07-01", "999.00", false, "p9", "c9", "US", "app")
                .row("single", "2024-07-01", "999.00", false, "p8", "c8", "US", "app")
                .giveBack("twice", "2024-07-01", "40.00")
                .buy("cancel", "2024-12-31", "5.00")
                .buy("onT", "2024-07-02", "1.00")
                .buy("onlyReturns", "2024-08-01", "10.00")
                .buy("futureOnly", "2025-01-01", "10.00");
        Dataset<Row> after = features.asOf(withFuture.toDataset(spark), t);

        List<Row> expected = before.orderBy("customer_id").collectAsList();
        assertThat(expected).hasSize(5);
        assertThat(after.orderBy("customer_id").collectAsList()).containsExactlyElementsOf(expected);
    }
}
