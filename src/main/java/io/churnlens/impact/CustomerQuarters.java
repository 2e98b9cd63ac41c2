package io.churnlens.impact;

import io.churnlens.features.Purchases;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Each customer's state at every quarter end from their first purchase to T: one row per customer and quarter,
 * the basis of the quarterly figures and the cohort matrix.
 *
 * <p>Active at date d (DESIGN.md): the last purchase day on or before d is at most {@code inactivityDays} before d.
 * Only rows dated on or before T are read, and each quarter's state uses purchases up to its own end, so a past
 * quarter's figures do not change when it is recomputed later.
 */
public final class CustomerQuarters {
    public static final String CUSTOMER_ID = TransactionColumns.CUSTOMER_ID;
    public static final String DAY = "day";
    public static final String DAY_NET = "day_net";
    public static final String IS_PURCHASE_DAY = "is_purchase_day";
    public static final String FIRST_INDEX = "first_index";
    public static final String LAST_PURCHASE = "last_purchase_as_of";
    public static final String PURCHASED = "purchased_in_quarter";
    public static final String REVENUE = "revenue_quarter";
    public static final String REVENUE_YEAR = "revenue_four_quarters";
    public static final String ACTIVE_START = "active_start";
    public static final String ACTIVE_END = "active_end";
    public static final String IS_NEW = "is_new";
    public static final String DEPARTED = "departed";
    public static final String REACTIVATED = "reactivated";
    public static final String EVER_DEPARTED = "ever_departed";
    public static final String ACTIVE_YEAR_AGO = "active_year_ago";
    public static final String REVENUE_YEAR_BEFORE = "revenue_four_quarters_year_ago";

    private CustomerQuarters() {}

    /** Net value per customer and day up to T, and whether the day is a purchase day (Purchases' definitions). */
    public static Dataset<Row> days(Dataset<Row> transactions, QuarterCalendar calendar) {
        Column date = col(TransactionColumns.EVENT_DATE);
        return transactions.filter(date.leq(lit(java.sql.Date.valueOf(calendar.asOf()))))
                .groupBy(col(TransactionColumns.CUSTOMER_ID), date.as(DAY))
                .agg(sum(TransactionColumns.AMOUNT).as(DAY_NET),
                        max(Purchases.isPurchaseRow().cast("int")).equalTo(1).as(IS_PURCHASE_DAY));
    }

    /** The customer × quarter grid (customers with at least one purchase day up to T). */
    public static Dataset<Row> grid(Dataset<Row> days, QuarterCalendar calendar, int inactivityDays) {
        Column quarterIndex = calendar.indexOf(col(DAY)).as(QuarterCalendar.INDEX);
        Dataset<Row> perQuarter = days.groupBy(col(CUSTOMER_ID), quarterIndex)
                .agg(max(when(col(IS_PURCHASE_DAY), col(DAY))).as("last_in_quarter"),
                        sum(DAY_NET).as(REVENUE));
        Dataset<Row> customers = days.filter(col(IS_PURCHASE_DAY)).groupBy(CUSTOMER_ID)
                .agg(min(calendar.indexOf(col(DAY))).as(FIRST_INDEX));

        WindowSpec history = Window.partitionBy(CUSTOMER_ID).orderBy(QuarterCalendar.INDEX);
        WindowSpec upToNow = history.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Column activeEnd = col(LAST_PURCHASE).geq(date_sub(col(QuarterCalendar.END), inactivityDays));
        return customers.crossJoin(broadcast(calendar.table(days.sparkSession())))
                .filter(col(QuarterCalendar.INDEX).geq(col(FIRST_INDEX)))
                .join(perQuarter, new String[] {CUSTOMER_ID, QuarterCalendar.INDEX}, "left")
                .withColumn(PURCHASED, col("last_in_quarter").isNotNull())
                .withColumn(REVENUE, coalesce(col(REVENUE), lit(0).cast(io.churnlens.schema.ImpactColumns.MONEY)))
                .withColumn(LAST_PURCHASE, max("last_in_quarter").over(upToNow))
                .withColumn(ACTIVE_END, coalesce(activeEnd, lit(false)))
                .withColumn(ACTIVE_START, coalesce(lag(col(ACTIVE_END), 1).over(history), lit(false)))
                .withColumn(IS_NEW, col(QuarterCalendar.INDEX).equalTo(col(FIRST_INDEX)))
                .withColumn(DEPARTED, col(ACTIVE_START).and(not(col(ACTIVE_END))))
                .withColumn(REACTIVATED, not(col(ACTIVE_START)).and(col(ACTIVE_END)).and(not(col(IS_NEW))))
                .withColumn(EVER_DEPARTED, max(col(DEPARTED).cast("int")).over(upToNow).equalTo(1))
                // The grid is contiguous from the first quarter, so 3 rows back = 3 quarters back.
                .withColumn(REVENUE_YEAR, sum(col(REVENUE)).over(history.rowsBetween(-3, Window.currentRow())))
                .withColumn(ACTIVE_YEAR_AGO, coalesce(lag(col(ACTIVE_END), 4).over(history), lit(false)))
                .withColumn(REVENUE_YEAR_BEFORE, lag(col(REVENUE_YEAR), 4).over(history))
                .drop("last_in_quarter");
    }
}
