package io.churnlens.impact;

import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.assertj.core.api.Assertions.assertThat;

/** The grid built from each customer's days, against the hand example and an independent range join. */
class CustomerQuartersTest extends SparkTestBase {
    private static final LocalDate FIRST = LocalDate.parse("2024-07-03");

    private static Dataset<Row> grid() {
        QuarterCalendar calendar = new QuarterCalendar(FIRST, HandExample.T);
        return CustomerQuarters.grid(CustomerQuarters.days(HandExample.transactions(spark), calendar), calendar,
                HandExample.INACTIVITY_DAYS);
    }

    @Test
    void everyRowsAnnualValueMatchesARangeJoinOverTheDays() {
        QuarterCalendar calendar = new QuarterCalendar(FIRST, HandExample.T);
        Dataset<Row> days = CustomerQuarters.days(HandExample.transactions(spark), calendar);
        Dataset<Row> g = grid().select(CustomerQuarters.CUSTOMER_ID, QuarterCalendar.INDEX, CustomerQuarters.LAST_PURCHASE,
                CustomerQuarters.ANNUAL_VALUE);
        Dataset<Row> oracle = GeneratedHistory.annualValue(g.drop(CustomerQuarters.ANNUAL_VALUE),
                CustomerQuarters.LAST_PURCHASE, days).select(CustomerQuarters.CUSTOMER_ID, QuarterCalendar.INDEX,
                CustomerQuarters.LAST_PURCHASE, CustomerQuarters.ANNUAL_VALUE);
        assertThat(g.count()).isGreaterThan(10);
        assertThat(g.exceptAll(oracle).count()).isZero();
        assertThat(oracle.exceptAll(g).count()).isZero();
    }

    @Test
    void oneRowPerQuarterFromTheFirstPurchaseToT() {
        // A, B, E, F from 2024-Q3 (index 0), C from 2025-Q2 and D from 2025-Q3; G buys after T and is absent.
        List<Row> perCustomer = grid().groupBy(CustomerQuarters.CUSTOMER_ID)
                .agg(min(QuarterCalendar.INDEX), max(QuarterCalendar.INDEX), count(col(QuarterCalendar.INDEX)))
                .orderBy(CustomerQuarters.CUSTOMER_ID).collectAsList();
        assertThat(perCustomer).extracting(r -> r.getString(0)).containsExactly("A", "B", "C", "D", "E", "F");
        for (Row r : perCustomer) {
            assertThat(r.getInt(2)).as(r.getString(0)).isEqualTo(4);
            assertThat(r.getLong(3)).as(r.getString(0)).isEqualTo(r.getInt(2) - r.getInt(1) + 1);
        }
        assertThat(perCustomer.get(2).getInt(1)).isEqualTo(3);
        assertThat(perCustomer.get(3).getInt(1)).isEqualTo(4);
    }
}
