package io.churnlens.features;

import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.lit;

/**
 * The one definition of "a purchase" shared by features and labels.
 *
 * <p>A <b>purchase row</b> is a transaction row that is not a return. A <b>purchase day</b> of a customer is a
 * calendar day (event_date) with at least one purchase row: several purchases on one day count once, and a day on
 * which the customer only returned goods is not a purchase day (returning is not buying, so it neither resets
 * recency nor keeps a customer from being labelled churned).
 *
 * <p>The <b>value of a purchase day</b> is the net amount of all that customer's rows on that day, i.e. returns are
 * netted on the day they happen. A return that cancels the same day's purchase leaves a purchase day of value 0;
 * a return made on a later day without a purchase lowers the customer's net total (monetary_total, window spend)
 * but not the value of any purchase day. This keeps every figure computable from the rows up to T alone, without
 * guessing which earlier purchase a return belongs to.
 */
public final class Purchases {
    private Purchases() {}

    /** True for a row that is a purchase (not a return). */
    public static Column isPurchaseRow() {
        return not(col(TransactionColumns.IS_RETURN));
    }

    /**
     * Purchase days per customer in the window (from, to], as {@code outputColumn}: the holdout count of the
     * calibration/holdout check. Customers without a purchase day in the window are absent.
     */
    public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> purchaseDaysBetween(
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> transactions, java.time.LocalDate from,
            java.time.LocalDate to, String outputColumn) {
        Column date = col(TransactionColumns.EVENT_DATE);
        return transactions
                .filter(isPurchaseRow().and(date.gt(lit(java.sql.Date.valueOf(from))))
                        .and(date.leq(lit(java.sql.Date.valueOf(to)))))
                .groupBy(TransactionColumns.CUSTOMER_ID)
                .agg(org.apache.spark.sql.functions.countDistinct(date).as(outputColumn));
    }

    /**
     * decimal(18,2) → whole cents as a long, the one definition the per-customer passes share: exact below 2^53
     * cents (about 90 trillion), and a long sum is cheaper than Spark's decimal one, which goes through
     * java.math.BigDecimal per row above 18 digits.
     */
    public static Column cents(Column amount) {
        return org.apache.spark.sql.functions.floor(amount.cast(org.apache.spark.sql.types.DataTypes.DoubleType)
                .multiply(100).plus(0.5)).cast(org.apache.spark.sql.types.DataTypes.LongType);
    }
}
