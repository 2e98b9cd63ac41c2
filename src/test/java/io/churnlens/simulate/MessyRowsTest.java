package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.schema.SimulationColumns.Messy;
import io.churnlens.schema.SimulationColumns.Raw;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Messy rows appear at their configured rates, every kind is present, and each spoiled row is spoiled the way its
 * kind says (so ingest's quarantine can be checked against the list).
 *
 * <p>Tolerance: each kind's count is Binomial(clean rows, rate); allowed 4 standard errors √(n·rate·(1−rate)) — about
 * ±32 around 64 for rate 0.003 on the ~21,000 clean rows of 4,000 customers. Rates are raised a little above the
 * defaults so the rarest kind still has dozens of rows.
 */
class MessyRowsTest extends SparkTestBase {
    private static Simulate settings;
    private static SimulationResult result;
    private static Dataset<Row> export;

    @BeforeAll
    static void simulate() {
        settings = TestSettings.simulate("simulate.customers=4000", "simulate.seed=5",
                "simulate.messy.implausible-amount=0.003", "simulate.messy.date-after-end=0.003");
        result = Simulation.run(spark, settings);
        export = result.transactions().cache();
        result.messyRows().cache();
    }

    @Test
    void countsMatchConfiguredRatesAndEveryKindAppears() {
        Map<MessyKind, Long> counts = result.messyRowCounts();
        long extraRows = counts.entrySet().stream().filter(e -> e.getKey() != MessyKind.FLOAT_CUSTOMER_ID)
                .mapToLong(Map.Entry::getValue).sum();
        long cleanRows = export.count() - extraRows;
        assertThat(cleanRows).isGreaterThan(10_000);

        for (MessyKind kind : MessyKind.values()) {
            double rate = kind.rate(settings.messy());
            double expected = cleanRows * rate;
            double standardError = Math.sqrt(cleanRows * rate * (1 - rate));
            assertThat(counts.get(kind)).as("%s (expected %.1f, SE %.1f)", kind, expected, standardError)
                    .isPositive();
            assertThat((double) counts.get(kind)).as("%s", kind).isCloseTo(expected, within(4 * standardError));
        }
    }

    @Test
    void eachSpoiledRowIsSpoiledAsItsKindSays() {
        Dataset<Row> spoiled = export.join(result.messyRows().withColumnRenamed(Messy.CUSTOMER_ID, "true_customer_id"),
                Raw.TRANSACTION_ID).cache();
        String timestamp = "try_to_timestamp(" + Raw.ORDER_TS + ", '" + Raw.ORDER_TS_PATTERN + "')";
        String amount = "try_cast(" + Raw.AMOUNT + " AS DECIMAL(18,2))";
        assertAll(spoiled, MessyKind.MISSING_CUSTOMER_ID, Raw.CUSTOMER_ID + " IS NULL");
        assertAll(spoiled, MessyKind.UNPARSABLE_DATE, timestamp + " IS NULL");
        assertAll(spoiled, MessyKind.UNPARSABLE_AMOUNT, amount + " IS NULL");
        assertAll(spoiled, MessyKind.IMPLAUSIBLE_AMOUNT, amount + " >= 1000000000");
        assertAll(spoiled, MessyKind.DATE_AFTER_END, "to_date(" + timestamp + ") > DATE'" + settings.endDate() + "'");
        assertAll(spoiled, MessyKind.FLOAT_CUSTOMER_ID, Raw.CUSTOMER_ID + " = true_customer_id || '.0'");
    }

    @Test
    void duplicatesAreExactCopiesAndFloatIdsAreTheOnlyOddIds() {
        long duplicatedRows = export.groupBy(Arrays.stream(export.columns()).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                .count().where("count > 1").agg(expr("sum(count - 1)")).first().getLong(0);
        assertThat(duplicatedRows).isEqualTo(result.messyRowCounts().get(MessyKind.DUPLICATE));
        long distinctFloatIdRows = export.where(Raw.CUSTOMER_ID + " LIKE '%.0'").dropDuplicates().count();
        assertThat(distinctFloatIdRows).isEqualTo(result.messyRowCounts().get(MessyKind.FLOAT_CUSTOMER_ID));
    }

    @Test
    void rowsNotListedAsSpoiledAreClean() {
        Dataset<Row> clean = export.join(result.messyRows(), export.col(Raw.TRANSACTION_ID)
                .equalTo(result.messyRows().col(Messy.TRANSACTION_ID)), "left_anti");
        String timestamp = "try_to_timestamp(" + Raw.ORDER_TS + ", '" + Raw.ORDER_TS_PATTERN + "')";
        long bad = clean.where(Raw.CUSTOMER_ID + " IS NULL OR NOT " + Raw.CUSTOMER_ID + " RLIKE '^[0-9]+$'"
                + " OR " + timestamp + " IS NULL OR to_date(" + timestamp + ") > DATE'" + settings.endDate() + "'"
                + " OR to_date(" + timestamp + ") < DATE'" + settings.startDate() + "'"
                + " OR try_cast(" + Raw.AMOUNT + " AS DECIMAL(18,2)) IS NULL"
                + " OR abs(try_cast(" + Raw.AMOUNT + " AS DECIMAL(18,2))) NOT BETWEEN 0.01 AND 100000").count();
        assertThat(clean.count()).isGreaterThan(10_000);
        assertThat(bad).isZero();
    }

    private static void assertAll(Dataset<Row> spoiled, MessyKind kind, String condition) {
        Dataset<Row> ofKind = spoiled.where(Messy.KIND + " = '" + kind + "'");
        long total = ofKind.count();
        assertThat(total).as("%s rows", kind).isPositive();
        assertThat(ofKind.where(condition).count()).as("%s rows satisfying %s", kind, condition).isEqualTo(total);
    }
}
