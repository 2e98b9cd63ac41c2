package io.churnlens.features;

import io.churnlens.config.ChurnlensConfig.TimeUnit;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.churnlens.schema.FeatureColumns.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every feature on a hand-computed example. T = 2024-06-30 (2024 is a leap year), windows 30/90/180/365 days,
 * trend window 90 days, time unit weeks.
 */
class CustomerFeaturesTest extends SparkTestBase {
    static final LocalDate T = LocalDate.of(2024, 6, 30);
    static final FeatureSpec WEEKS = new FeatureSpec(List.of(30, 90, 180, 365), 90, TimeUnit.WEEKS);

    static Map<String, Row> features;

    /** The example: comments give each customer's purchase days and how many days before T they are. */
    static TestTransactions example() {
        return new TestTransactions()
                // single: one purchase only, exactly 30 days before T (just outside the 30-day window).
                .row("single", "2024-05-31", "50.00", false, "p1", "c1", "DE", "web")
                // twice: two purchases on the same day 172 days ago (one purchase day worth 50), then 112 and 10 days ago.
                .row("twice", "2024-01-10", "20.00", false, "p1", "c1", "FR", "store")
                .row("twice", "2024-01-10", "30.00", false, "p2", "c1", "FR", "web")
                .row("twice", "2024-03-10", "40.00", false, "p1", "c1", "FR", "web")
                .row("twice", "2024-06-20", "10.00", false, "p3", "c2", "FR", "store")
                // cancel: buys 60 150 days ago; 60 days ago buys 100 and returns it the same day (purchase day of value 0).
                .buy("cancel", "2024-02-01", "60.00")
                .buy("cancel", "2024-05-01", "100.00")
                .giveBack("cancel", "2024-05-01", "100.00")
                // onT: first purchase on T itself.
                .buy("onT", "2024-06-30", "25.00")
                // late: bought 365 days ago (outside the 365-day window), returned 30 of it yesterday (a return-only day).
                .buy("late", "2023-07-01", "80.00")
                .giveBack("late", "2024-06-29", "30.00")
                // onlyReturns: never bought in the data, so no feature row.
                .giveBack("onlyReturns", "2024-03-01", "10.00");
    }

    @BeforeAll
    static void compute() {
        features = byCustomer(new CustomerFeatures(WEEKS).asOf(example().toDataset(spark), T));
    }

    static Map<String, Row> byCustomer(Dataset<Row> table) {
        Map<String, Row> map = new HashMap<>();
        for (Row row : table.collectAsList()) {
            map.put(row.getAs(CUSTOMER_ID), row);
        }
        return map;
    }

    static BigDecimal money(Row row, String column) {
        return row.getAs(column);
    }

    @Test
    void oneRowPerCustomerWhoBought() {
        assertThat(features).containsOnlyKeys("single", "twice", "cancel", "onT", "late");
        assertThat(features.get("single").<Date>getAs(AS_OF).toLocalDate()).isEqualTo(T);
    }

    @Test
    void onePurchaseOnly() {
        Row r = features.get("single");
        assertThat(r.<Date>getAs(FIRST_PURCHASE_DATE).toLocalDate()).isEqualTo(LocalDate.of(2024, 5, 31));
        assertThat(r.<Date>getAs(LAST_PURCHASE_DATE).toLocalDate()).isEqualTo(LocalDate.of(2024, 5, 31));
        assertThat(r.<Integer>getAs(RECENCY_DAYS)).isEqualTo(30);
        assertThat(r.<Integer>getAs(TENURE_DAYS)).isEqualTo(30);
        assertThat(r.<Integer>getAs(PURCHASE_DAYS)).isEqualTo(1);
        assertThat(r.<Integer>getAs(X)).isZero();
        assertThat(money(r, MONETARY_TOTAL)).isEqualByComparingTo("50.00");
        assertThat(money(r, MONETARY_MEAN)).isEqualByComparingTo("50.00");
        assertThat(r.<Object>getAs(REPEAT_SPEND_MEAN)).isNull();
        assertThat(r.<Double>getAs(T_X)).isZero();
        assertThat(r.<Double>getAs(T_CAL)).isCloseTo(30 / 7.0, within(1e-12));
        assertThat(r.<String>getAs(TIME_UNIT)).isEqualTo("weeks");
        // 30 days ago is not in the last 30 days (T-29 .. T) but is in the last 90.
        assertThat(money(r, spendInLast(30))).isEqualByComparingTo("0");
        assertThat(r.<Integer>getAs(purchaseDaysInLast(30))).isZero();
        assertThat(money(r, spendInLast(90))).isEqualByComparingTo("50.00");
        assertThat(r.<Integer>getAs(purchaseDaysInLast(90))).isEqualTo(1);
        assertThat(r.<Double>getAs(SPEND_TREND)).isEqualTo(1.0);
        assertThat(r.<Double>getAs(PURCHASE_DAYS_TREND)).isEqualTo(1.0);
        assertThat(r.<Object>getAs(MEAN_GAP_DAYS)).isNull();
        assertThat(r.<Object>getAs(GAP_STDDEV_DAYS)).isNull();
        assertThat(r.<Object>getAs(DAYS_OVERDUE)).isNull();
        assertThat(r.<Integer>getAs(TRANSACTION_ROWS)).isEqualTo(1);
        assertThat(r.<Double>getAs(RETURN_ROW_SHARE)).isZero();
        assertThat(r.<Double>getAs(RETURNED_VALUE_SHARE)).isZero();
        assertThat(r.<Integer>getAs(DISTINCT_PRODUCTS)).isEqualTo(1);
        assertThat(r.<Integer>getAs(DISTINCT_CATEGORIES)).isEqualTo(1);
        assertThat(r.<String>getAs(COUNTRY)).isEqualTo("DE");
        assertThat(r.<String>getAs(CHANNEL)).isEqualTo("web");
    }

    @Test
    void purchasesOnTheSameDayCountAsOnePurchaseDay() {
        Row r = features.get("twice");
        assertThat(r.<Integer>getAs(PURCHASE_DAYS)).isEqualTo(3);
        assertThat(r.<Integer>getAs(X)).isEqualTo(2);
        assertThat(r.<Integer>getAs(RECENCY_DAYS)).isEqualTo(10);
        assertThat(r.<Integer>getAs(TENURE_DAYS)).isEqualTo(172);
        assertThat(money(r, MONETARY_TOTAL)).isEqualByComparingTo("100.00");
        assertThat(money(r, MONETARY_MEAN)).isEqualByComparingTo("33.33");
        // Repeat purchase days are worth 40 and 10: the first day (50) is excluded.
        assertThat(money(r, REPEAT_SPEND_MEAN)).isEqualByComparingTo("25.00");
        assertThat(r.<Double>getAs(T_X)).isCloseTo(162 / 7.0, within(1e-12));
        assertThat(r.<Double>getAs(T_CAL)).isCloseTo(172 / 7.0, within(1e-12));
        assertThat(money(r, spendInLast(30))).isEqualByComparingTo("10.00");
        assertThat(money(r, spendInLast(90))).isEqualByComparingTo("10.00");
        assertThat(money(r, spendInLast(180))).isEqualByComparingTo("100.00");
        assertThat(r.<Integer>getAs(purchaseDaysInLast(180))).isEqualTo(3);
        assertThat(r.<Integer>getAs(purchaseDaysInLast(365))).isEqualTo(3);
        // Last 90 days: 10 on 1 day; the 90 before: 90 on 2 days.
        assertThat(r.<Double>getAs(SPEND_TREND)).isCloseTo((10 - 90) / 100.0, within(1e-12));
        assertThat(r.<Double>getAs(PURCHASE_DAYS_TREND)).isCloseTo(-1 / 3.0, within(1e-12));
        // Gaps 60 and 102 days: mean 81, sample standard deviation sqrt(21^2 + 21^2) = 29.698...
        assertThat(r.<Double>getAs(MEAN_GAP_DAYS)).isCloseTo(81.0, within(1e-12));
        assertThat(r.<Double>getAs(GAP_STDDEV_DAYS)).isCloseTo(Math.sqrt(882), within(1e-9));
        assertThat(r.<Double>getAs(DAYS_OVERDUE)).isCloseTo(10 - 81.0, within(1e-12));
        assertThat(r.<Integer>getAs(TRANSACTION_ROWS)).isEqualTo(4);
        assertThat(r.<Integer>getAs(DISTINCT_PRODUCTS)).isEqualTo(3);
        assertThat(r.<Integer>getAs(DISTINCT_CATEGORIES)).isEqualTo(2);
        assertThat(r.<String>getAs(COUNTRY)).isEqualTo("FR");
        // store and web twice each: the alphabetically first wins the tie.
        assertThat(r.<String>getAs(CHANNEL)).isEqualTo("store");
    }

    @Test
    void aReturnThatCancelsAPurchaseLeavesAPurchaseDayWorthZero() {
        Row r = features.get("cancel");
        assertThat(r.<Integer>getAs(PURCHASE_DAYS)).isEqualTo(2);
        assertThat(r.<Integer>getAs(RECENCY_DAYS)).isEqualTo(60);
        assertThat(r.<Integer>getAs(TENURE_DAYS)).isEqualTo(150);
        assertThat(money(r, MONETARY_TOTAL)).isEqualByComparingTo("60.00");
        assertThat(money(r, MONETARY_MEAN)).isEqualByComparingTo("30.00");
        assertThat(money(r, REPEAT_SPEND_MEAN)).isEqualByComparingTo("0.00");
        assertThat(money(r, spendInLast(90))).isEqualByComparingTo("0.00");
        assertThat(r.<Integer>getAs(purchaseDaysInLast(90))).isEqualTo(1);
        assertThat(money(r, spendInLast(180))).isEqualByComparingTo("60.00");
        assertThat(r.<Double>getAs(SPEND_TREND)).isEqualTo(-1.0);
        assertThat(r.<Double>getAs(PURCHASE_DAYS_TREND)).isEqualTo(0.0);
        assertThat(r.<Double>getAs(MEAN_GAP_DAYS)).isEqualTo(90.0);
        assertThat(r.<Object>getAs(GAP_STDDEV_DAYS)).as("one gap has no spread").isNull();
        assertThat(r.<Double>getAs(DAYS_OVERDUE)).isEqualTo(-30.0);
        assertThat(r.<Double>getAs(RETURN_ROW_SHARE)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(r.<Double>getAs(RETURNED_VALUE_SHARE)).isCloseTo(100 / 160.0, within(1e-12));
        assertThat(r.<Object>getAs(DISTINCT_PRODUCTS)).as("input has no product ids").isNull();
        assertThat(r.<Object>getAs(DISTINCT_CATEGORIES)).isNull();
        assertThat(r.<Object>getAs(COUNTRY)).isNull();
        assertThat(r.<Object>getAs(CHANNEL)).isNull();
    }

    @Test
    void firstPurchaseOnT() {
        Row r = features.get("onT");
        assertThat(r.<Integer>getAs(RECENCY_DAYS)).isZero();
        assertThat(r.<Integer>getAs(TENURE_DAYS)).isZero();
        assertThat(r.<Integer>getAs(PURCHASE_DAYS)).isEqualTo(1);
        assertThat(r.<Double>getAs(T_X)).isZero();
        assertThat(r.<Double>getAs(T_CAL)).isZero();
        assertThat(money(r, spendInLast(30))).isEqualByComparingTo("25.00");
        assertThat(r.<Integer>getAs(purchaseDaysInLast(30))).isEqualTo(1);
        assertThat(r.<Double>getAs(SPEND_TREND)).isEqualTo(1.0);
    }

    @Test
    void aReturnOnADayWithoutPurchaseLowersSpendButIsNoPurchaseDay() {
        Row r = features.get("late");
        assertThat(r.<Integer>getAs(PURCHASE_DAYS)).isEqualTo(1);
        assertThat(r.<Integer>getAs(RECENCY_DAYS)).as("a return does not reset recency").isEqualTo(365);
        assertThat(money(r, MONETARY_TOTAL)).isEqualByComparingTo("50.00");
        assertThat(money(r, MONETARY_MEAN)).isEqualByComparingTo("80.00");
        assertThat(money(r, spendInLast(30))).isEqualByComparingTo("-30.00");
        assertThat(r.<Integer>getAs(purchaseDaysInLast(30))).isZero();
        assertThat(money(r, spendInLast(365))).as("365 days ago is outside the last 365 days").isEqualByComparingTo("-30.00");
        assertThat(r.<Integer>getAs(purchaseDaysInLast(365))).isZero();
        assertThat(r.<Double>getAs(SPEND_TREND)).isEqualTo(-1.0);
        assertThat(r.<Double>getAs(PURCHASE_DAYS_TREND)).isEqualTo(0.0);
        assertThat(r.<Double>getAs(RETURN_ROW_SHARE)).isEqualTo(0.5);
        assertThat(r.<Double>getAs(RETURNED_VALUE_SHARE)).isCloseTo(30 / 80.0, within(1e-12));
    }

    @Test
    void timeInDaysWhenConfigured() {
        FeatureSpec days = new FeatureSpec(List.of(30), 90, TimeUnit.DAYS);
        Row r = byCustomer(new CustomerFeatures(days).asOf(example().toDataset(spark), T)).get("twice");
        assertThat(r.<Double>getAs(T_X)).isEqualTo(162.0);
        assertThat(r.<Double>getAs(T_CAL)).isEqualTo(172.0);
        assertThat(r.<String>getAs(TIME_UNIT)).isEqualTo("days");
        assertThat(r.schema().fieldNames()).contains(spendInLast(30)).doesNotContain(spendInLast(90));
    }

    @Test
    void descriptiveColumnsAreNullWhenSwitchedOffAndTheRestIsUnchanged() {
        FeatureSpec off = new FeatureSpec(WEEKS.windowsDays(), 90, TimeUnit.WEEKS, false);
        Dataset<Row> table = new CustomerFeatures(off).asOf(example().toDataset(spark), T);
        Row r = byCustomer(table).get("twice");
        assertThat(r.<Object>getAs(DISTINCT_PRODUCTS)).isNull();
        assertThat(r.<Object>getAs(COUNTRY)).isNull();
        assertThat(r.<Object>getAs(CHANNEL)).isNull();
        assertThat(money(r, REPEAT_SPEND_MEAN)).isEqualByComparingTo("25.00");
        assertThat(table.schema()).isEqualTo(new CustomerFeatures(WEEKS).asOf(example().toDataset(spark), T).schema());
    }

    @Test
    void theSameTableWhateverThePartitioning() {
        Dataset<Row> usual = new CustomerFeatures(WEEKS).asOf(example().toDataset(spark), T);
        // One row per partition: every customer's rows still meet in one partition, so nothing may change.
        Dataset<Row> scattered = new CustomerFeatures(WEEKS, 1).asOf(example().toDataset(spark), T);
        assertThat(scattered.count()).isEqualTo(usual.count());
        assertThat(scattered.exceptAll(usual).count()).isZero();
        assertThat(usual.exceptAll(scattered).count()).isZero();
    }

    @Test
    void plainColumnTypesOnly() {
        Dataset<Row> table = new CustomerFeatures(WEEKS).asOf(example().toDataset(spark), T);
        assertThat(table.schema().fields()).allSatisfy(f ->
                assertThat(f.dataType().typeName()).isIn("string", "date", "integer", "double", "decimal(18,2)"));
        assertThat(table.columns()).doesNotHaveDuplicates().contains(FeatureColumns.X, FeatureColumns.T_CAL);
    }
}
