package io.churnlens.features;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;


/**
 * Customer features as of a snapshot date T: one row per customer with at least one purchase day on or before T
 * (see {@link Purchases} for what a purchase day and its value are). Customers whose rows up to T are all returns
 * have no row: they never bought in the observed period.
 *
 * <p><b>No leakage:</b> the first operation on the transactions drops every row after T; nothing below sees them.
 *
 * <p><b>How it runs</b> (what makes it cheap; see {@code FeaturesBenchmark}): the rows up to T are reduced to
 * (customer, days before T, cents, purchase-row flag[, product and category hashes, country, channel]), shuffled once by
 * customer, and folded customer by customer in one pass over each partition ({@link CustomerStream}). One shuffle
 * and no sort of the partition, whatever the number of features: no window function for the gaps between purchase
 * days, no object aggregates for the distinct products or the modal country. Money is summed as whole cents in a
 * {@code long} (exact below about 90 trillion) and turned into decimal(18,2) once per customer in Java, because
 * Spark's decimal sums and divisions go through {@code java.math.BigDecimal} per row at precision 38.
 *
 * <p>Column meanings and units are documented on {@link FeatureColumns}.
 */
public final class CustomerFeatures {
    // Columns of the input to CustomerStream, computed before the shuffle.
    private static final String CENTS = "_cents";
    private static final String DAYS_AGO = "_days_ago";
    private static final String IS_PURCHASE = "_is_purchase";

    private final FeatureSpec spec;

    public CustomerFeatures(FeatureSpec spec) {
        this.spec = spec;
    }

    /**
     * The {@code customer_features} table as of {@code asOf}, built from canonical transactions
     * ({@link TransactionColumns#SCHEMA}). Lazy: nothing runs until an action.
     */
    public Dataset<Row> asOf(Dataset<Row> transactions, LocalDate asOf) {
        Column t = lit(Date.valueOf(asOf));
        List<Column> input = new ArrayList<>(List.of(col(TransactionColumns.CUSTOMER_ID),
                datediff(t, col(TransactionColumns.EVENT_DATE)).as(DAYS_AGO),
                toCents(col(TransactionColumns.AMOUNT)).as(CENTS), Purchases.isPurchaseRow().as(IS_PURCHASE)));
        if (spec.descriptiveColumns()) {
            input.addAll(List.of(hashed(TransactionColumns.PRODUCT_ID), hashed(TransactionColumns.CATEGORY),
                    col(TransactionColumns.COUNTRY), col(TransactionColumns.CHANNEL)));
        }
        CustomerStream stream = new CustomerStream(spec.windowsDays(), spec.trendWindowDays(), spec.descriptiveColumns());
        Dataset<Row> customers = transactions
                .where(col(TransactionColumns.EVENT_DATE).leq(t))
                .select(input.toArray(Column[]::new))
                .repartition(col(TransactionColumns.CUSTOMER_ID))
                .mapPartitions(stream, Encoders.row(stream.schema()));
        return customers.select(outputColumns(t).toArray(Column[]::new));
    }

    /** The feature columns from the per-customer totals of {@link CustomerStream}. */
    private List<Column> outputColumns(Column t) {
        Column firstDaysAgo = col(CustomerStream.FIRST_DAYS_AGO);
        Column lastDaysAgo = col(CustomerStream.LAST_DAYS_AGO);
        Column purchaseDays = col(CustomerStream.PURCHASE_DAYS);
        Column x = purchaseDays.minus(1);
        Column unitDays = lit((double) spec.timeUnit().days);

        // Gaps between consecutive purchase days: n = x of them, summing to last - first.
        Column gapCount = x.cast(DataTypes.LongType);
        Column gapSum = firstDaysAgo.minus(lastDaysAgo).cast(DataTypes.LongType);
        Column meanGap = when(x.gt(0), gapSum.cast(DataTypes.DoubleType).divide(x));
        // Sample variance from exact integer sums: (n * sum(g^2) - (sum g)^2) / (n (n - 1)).
        Column gapVariance = gapCount.multiply(col(CustomerStream.GAP_SQUARES)).minus(gapSum.multiply(gapSum))
                .cast(DataTypes.DoubleType).divide(gapCount.multiply(gapCount.minus(1)).cast(DataTypes.DoubleType));
        Column gapStddev = when(gapCount.geq(2), sqrt(gapVariance));

        Column rowsTotal = col(CustomerStream.ROWS);
        Column purchased = col(CustomerStream.PURCHASED);

        List<Column> out = new ArrayList<>(List.of(
                col(CustomerStream.CUSTOMER_ID).as(FeatureColumns.CUSTOMER_ID),
                t.as(FeatureColumns.AS_OF),
                date_sub(t, firstDaysAgo).as(FeatureColumns.FIRST_PURCHASE_DATE),
                date_sub(t, lastDaysAgo).as(FeatureColumns.LAST_PURCHASE_DATE),
                lastDaysAgo.as(FeatureColumns.RECENCY_DAYS),
                firstDaysAgo.as(FeatureColumns.TENURE_DAYS),
                purchaseDays.as(FeatureColumns.PURCHASE_DAYS),
                x.as(FeatureColumns.X),
                col(CustomerStream.MONETARY_TOTAL).as(FeatureColumns.MONETARY_TOTAL),
                col(CustomerStream.MONETARY_MEAN).as(FeatureColumns.MONETARY_MEAN),
                gapSum.divide(unitDays).as(FeatureColumns.T_X),
                firstDaysAgo.divide(unitDays).as(FeatureColumns.T_CAL),
                lit(spec.timeUnit().name().toLowerCase(Locale.ROOT)).as(FeatureColumns.TIME_UNIT),
                col(CustomerStream.REPEAT_SPEND_MEAN).as(FeatureColumns.REPEAT_SPEND_MEAN)));
        for (int days : spec.windowsDays()) {
            out.add(col(CustomerStream.windowSpend(days)).as(FeatureColumns.spendInLast(days)));
            out.add(col(CustomerStream.windowDays(days)).as(FeatureColumns.purchaseDaysInLast(days)));
        }
        out.addAll(List.of(
                balance(col(CustomerStream.SPEND_LAST), col(CustomerStream.SPEND_PREVIOUS)).as(FeatureColumns.SPEND_TREND),
                balance(col(CustomerStream.DAYS_LAST), col(CustomerStream.DAYS_PREVIOUS))
                        .as(FeatureColumns.PURCHASE_DAYS_TREND),
                meanGap.as(FeatureColumns.MEAN_GAP_DAYS),
                gapStddev.as(FeatureColumns.GAP_STDDEV_DAYS),
                lastDaysAgo.minus(meanGap).as(FeatureColumns.DAYS_OVERDUE),
                rowsTotal.as(FeatureColumns.TRANSACTION_ROWS),
                col(CustomerStream.RETURN_ROWS).cast(DataTypes.DoubleType).divide(rowsTotal)
                        .as(FeatureColumns.RETURN_ROW_SHARE),
                when(purchased.gt(0), col(CustomerStream.RETURNED).cast(DataTypes.DoubleType)
                        .divide(purchased.cast(DataTypes.DoubleType))).as(FeatureColumns.RETURNED_VALUE_SHARE),
                col(CustomerStream.PRODUCTS).as(FeatureColumns.DISTINCT_PRODUCTS),
                col(CustomerStream.CATEGORIES).as(FeatureColumns.DISTINCT_CATEGORIES),
                col(CustomerStream.COUNTRY).as(FeatureColumns.COUNTRY),
                col(CustomerStream.CHANNEL).as(FeatureColumns.CHANNEL)));
        return out;
    }

    /**
     * A 64-bit hash of a string column (null stays null): only the number of distinct values is needed, and a long
     * is cheaper to shuffle, sort and count than a string. Two values of one customer collide with probability
     * about n^2 / 2^65, i.e. never in practice.
     */
    private static Column hashed(String column) {
        return when(col(column).isNotNull(), xxhash64(col(column)));
    }

    /** decimal(18,2) → whole cents as a long: exact below 2^53 cents (about 90 trillion). */
    private static Column toCents(Column amount) {
        return floor(amount.cast(DataTypes.DoubleType).multiply(100).plus(0.5));
    }

    /**
     * (recent - previous) / (|recent| + |previous|), in [-1, 1]: +1 only recent activity, -1 only earlier, 0 flat
     * or none at all. The denominator is zero only when both are zero, which is answered with 0 before dividing.
     */
    private static Column balance(Column recent, Column previous) {
        Column r = recent.cast(DataTypes.DoubleType);
        Column p = previous.cast(DataTypes.DoubleType);
        Column scale = org.apache.spark.sql.functions.abs(r).plus(org.apache.spark.sql.functions.abs(p));
        return when(scale.equalTo(0), lit(0.0)).otherwise(r.minus(p).divide(scale));
    }
}
