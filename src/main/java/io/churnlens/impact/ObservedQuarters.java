package io.churnlens.impact;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.churnlens.impact.CustomerQuarters.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Departures and revenue by the inactivity rule, per quarter, from the customer × quarter grid: what management
 * understands, but late by up to the inactivity threshold. Two small aggregations, collected.
 */
public final class ObservedQuarters {
    private ObservedQuarters() {}

    public static List<QuarterObservation> of(Dataset<Row> grid, Dataset<Row> days) {
        Column yearAgo = col(ACTIVE_YEAR_AGO);
        List<Row> totals = grid.groupBy(QuarterCalendar.INDEX).agg(
                        count(when(col(ACTIVE_START), 1)).as("start"),
                        count(when(col(IS_NEW), 1)).as("new"),
                        count(when(col(REACTIVATED), 1)).as("reactivated"),
                        count(when(col(DEPARTED), 1)).as("departed"),
                        count(when(col(ACTIVE_END), 1)).as("end"),
                        sum(REVENUE_YEAR).as("annual_revenue"),
                        count(when(yearAgo, 1)).as("year_ago"),
                        sum(when(yearAgo, col(REVENUE_YEAR_BEFORE))).as("before"),
                        sum(when(yearAgo, col(REVENUE_YEAR))).as("now"),
                        sum(when(yearAgo.and(not(col(ACTIVE_END))), col(REVENUE_YEAR_BEFORE))).as("before_of_departed"))
                .orderBy(QuarterCalendar.INDEX).collectAsList();
        Map<Integer, BigDecimal> lost = new HashMap<>();
        Dataset<Row> departed = grid.filter(col(DEPARTED)).select(CUSTOMER_ID, QuarterCalendar.INDEX, LAST_PURCHASE);
        for (Row r : AnnualValue.of(departed, LAST_PURCHASE, days).groupBy(QuarterCalendar.INDEX)
                .agg(sum(AnnualValue.ANNUAL_VALUE)).collectAsList()) {
            lost.put(r.getInt(0), r.getDecimal(1));
        }
        return totals.stream().map(r -> new QuarterObservation(r.getInt(0), r.getLong(1), r.getLong(2), r.getLong(3),
                r.getLong(4), r.getLong(5), money(lost.get(r.getInt(0))), money(r.getDecimal(6)), r.getLong(7),
                money(r.getDecimal(8)), money(r.getDecimal(9)), money(r.getDecimal(10)))).toList();
    }

    static BigDecimal money(BigDecimal v) {
        return (v == null ? BigDecimal.ZERO : v).setScale(2, java.math.RoundingMode.HALF_UP);
    }

}
