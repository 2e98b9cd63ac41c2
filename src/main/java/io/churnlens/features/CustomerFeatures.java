package io.churnlens.features;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Customer features as of a snapshot date T: one row per customer with at least one purchase day on or before T
 * (see {@link Purchases} for what a purchase day and its value are). Customers whose rows up to T are all returns
 * have no row: they never bought in the observed period.
 *
 * <p><b>No leakage:</b> the first operation on the transactions drops every row after T; nothing below sees them.
 *
 * <p><b>How it runs</b> (what makes it cheap; see {@code FeaturesBenchmark}):
 * <ol>
 *   <li>the rows up to T (customer, date, amount, return flag) are hash-partitioned by customer once; the per-day
 *       aggregation, the previous-purchase-day window and the per-customer aggregation all reuse that partitioning,
 *       so this chain has a single shuffle;</li>
 *   <li>money is summed as whole cents in a {@code long} and turned back into decimal(18,2) per customer only:
 *       Spark sums decimal(18,2) into decimal(28,2), which is computed with {@code java.math.BigDecimal} per row and
 *       was the largest cost. Exact for amounts below 90 trillion per row;</li>
 *   <li>every aggregate is a declarative one (sum, count, min, max, min_by), never an object aggregate
 *       (collect_list, mode), which Spark sorts instead of hashing beyond 128 keys per task;</li>
 *   <li>the descriptive columns (distinct products and categories, modal country and channel) need one more
 *       aggregation over the rows and a join; it runs only when {@link FeatureSpec#descriptiveColumns()} is on
 *       (the input maps at least one of those columns), else the columns are null.</li>
 * </ol>
 *
 * <p>Column meanings and units are documented on {@link FeatureColumns}.
 */
public final class CustomerFeatures {
    // Intermediate columns, never part of the output.
    private static final String CENTS = "_cents";
    private static final String DAYS_AGO = "_days_ago";
    private static final String DAY_NET = "_day_net_cents";
    private static final String IS_PURCHASE_DAY = "_is_purchase_day";
    private static final String DAY_ROWS = "_day_rows";
    private static final String DAY_RETURN_ROWS = "_day_return_rows";
    private static final String DAY_RETURNED = "_day_returned_cents";
    private static final String DAY_PURCHASED = "_day_purchased_cents";
    private static final String GAP = "_gap_days";
    private static final String MONETARY_TOTAL_CENTS = "_monetary_total_cents";
    private static final String PURCHASE_VALUE = "_purchase_value_cents";
    private static final String FIRST_DAY_VALUE = "_first_day_value_cents";
    private static final String GAPS = "_gaps";
    private static final String GAP_SQUARES = "_gap_squares";
    private static final String SPEND_LAST = "_spend_last_cents";
    private static final String SPEND_PREVIOUS = "_spend_previous_cents";
    private static final String DAYS_LAST = "_days_last";
    private static final String DAYS_PREVIOUS = "_days_previous";
    private static final String RETURN_ROWS = "_return_rows";
    private static final String RETURNED_VALUE = "_returned_cents";
    private static final String PURCHASED_VALUE = "_purchased_cents";
    private static final String PRODUCTS = "_products";
    private static final String CATEGORIES = "_categories";

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
        Dataset<Row> upToT = transactions.where(col(TransactionColumns.EVENT_DATE).leq(t));

        Dataset<Row> rows = upToT
                .select(col(TransactionColumns.CUSTOMER_ID), col(TransactionColumns.EVENT_DATE),
                        toCents(col(TransactionColumns.AMOUNT)).as(CENTS), col(TransactionColumns.IS_RETURN))
                .repartition(col(TransactionColumns.CUSTOMER_ID));

        Column isReturn = col(TransactionColumns.IS_RETURN);
        Column cents = col(CENTS);
        Dataset<Row> perDay = rows.groupBy(TransactionColumns.CUSTOMER_ID, TransactionColumns.EVENT_DATE)
                .agg(sum(cents).as(DAY_NET),
                        bool_or(Purchases.isPurchaseRow()).as(IS_PURCHASE_DAY),
                        count(lit(1)).as(DAY_ROWS),
                        count_if(isReturn).as(DAY_RETURN_ROWS),
                        sum(when(isReturn, cents.multiply(-1)).otherwise(0L)).as(DAY_RETURNED),
                        sum(when(isReturn, 0L).otherwise(cents)).as(DAY_PURCHASED))
                .withColumn(DAYS_AGO, datediff(t, col(TransactionColumns.EVENT_DATE)))
                .withColumn(GAP, gapToPreviousPurchaseDay());

        List<Column> dayAggregates = dayAggregates();
        Dataset<Row> customers = perDay.groupBy(TransactionColumns.CUSTOMER_ID)
                .agg(dayAggregates.get(0), dayAggregates.subList(1, dayAggregates.size()).toArray(Column[]::new))
                .where(col(FeatureColumns.PURCHASE_DAYS).gt(0));

        if (spec.descriptiveColumns()) {
            customers = customers.join(descriptiveColumns(upToT), TransactionColumns.CUSTOMER_ID);
        } else {
            customers = customers
                    .withColumn(PRODUCTS, lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)))
                    .withColumn(CATEGORIES, lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)))
                    .withColumn(FeatureColumns.COUNTRY, lit(null).cast(DataTypes.StringType))
                    .withColumn(FeatureColumns.CHANNEL, lit(null).cast(DataTypes.StringType));
        }
        return customers.select(outputColumns(t).toArray(Column[]::new));
    }

    /**
     * Days since the customer's previous purchase day, on purchase days; null on the first purchase day and on
     * return-only days. The window reuses the customer partitioning: it costs a sort within partitions, no shuffle.
     */
    private static Column gapToPreviousPurchaseDay() {
        Column previousPurchase = last(when(col(IS_PURCHASE_DAY), col(TransactionColumns.EVENT_DATE)), true)
                .over(Window.partitionBy(TransactionColumns.CUSTOMER_ID).orderBy(TransactionColumns.EVENT_DATE)
                        .rowsBetween(Window.unboundedPreceding(), -1));
        return when(col(IS_PURCHASE_DAY), datediff(col(TransactionColumns.EVENT_DATE), previousPurchase));
    }

    /** Distinct products and categories, modal country and channel (ties: alphabetically first). */
    private static Dataset<Row> descriptiveColumns(Dataset<Row> upToT) {
        return upToT.groupBy(TransactionColumns.CUSTOMER_ID).agg(
                collect_set(TransactionColumns.PRODUCT_ID).as(PRODUCTS),
                collect_set(TransactionColumns.CATEGORY).as(CATEGORIES),
                // deterministic = true: among equally frequent values the lowest wins.
                mode(col(TransactionColumns.COUNTRY), true).as(FeatureColumns.COUNTRY),
                mode(col(TransactionColumns.CHANNEL), true).as(FeatureColumns.CHANNEL));
    }

    private List<Column> dayAggregates() {
        Column purchaseDay = col(IS_PURCHASE_DAY);
        Column daysAgo = col(DAYS_AGO);
        Column net = col(DAY_NET);
        Column gap = col(GAP);
        int w = spec.trendWindowDays();
        List<Column> aggs = new ArrayList<>(List.of(
                min(when(purchaseDay, col(TransactionColumns.EVENT_DATE))).as(FeatureColumns.FIRST_PURCHASE_DATE),
                max(when(purchaseDay, col(TransactionColumns.EVENT_DATE))).as(FeatureColumns.LAST_PURCHASE_DATE),
                count_if(purchaseDay).cast(DataTypes.IntegerType).as(FeatureColumns.PURCHASE_DAYS),
                sum(net).as(MONETARY_TOTAL_CENTS),
                sum(when(purchaseDay, net)).as(PURCHASE_VALUE),
                // min_by skips rows whose ordering value is null, i.e. return-only days.
                min_by(net, when(purchaseDay, col(TransactionColumns.EVENT_DATE))).as(FIRST_DAY_VALUE),
                count(gap).as(GAPS),
                sum(gap.cast(DataTypes.LongType).multiply(gap)).as(GAP_SQUARES),
                sum(when(daysAgo.lt(w), net)).as(SPEND_LAST),
                sum(when(daysAgo.geq(w).and(daysAgo.lt(2 * w)), net)).as(SPEND_PREVIOUS),
                count_if(purchaseDay.and(daysAgo.lt(w))).as(DAYS_LAST),
                count_if(purchaseDay.and(daysAgo.geq(w)).and(daysAgo.lt(2 * w))).as(DAYS_PREVIOUS),
                sum(DAY_ROWS).cast(DataTypes.IntegerType).as(FeatureColumns.TRANSACTION_ROWS),
                sum(DAY_RETURN_ROWS).as(RETURN_ROWS),
                sum(DAY_RETURNED).as(RETURNED_VALUE),
                sum(DAY_PURCHASED).as(PURCHASED_VALUE)));
        for (int days : spec.windowsDays()) {
            aggs.add(sum(when(daysAgo.lt(days), net)).as(FeatureColumns.spendInLast(days)));
            aggs.add(count_if(purchaseDay.and(daysAgo.lt(days))).cast(DataTypes.IntegerType)
                    .as(FeatureColumns.purchaseDaysInLast(days)));
        }
        return aggs;
    }

    private List<Column> outputColumns(Column t) {
        Column first = col(FeatureColumns.FIRST_PURCHASE_DATE);
        Column last = col(FeatureColumns.LAST_PURCHASE_DATE);
        Column purchaseDays = col(FeatureColumns.PURCHASE_DAYS);
        Column x = purchaseDays.minus(1);
        Column recency = datediff(t, last);
        Column unitDays = lit((double) spec.timeUnit().days);

        // Gaps between consecutive purchase days: n = x of them, summing to last - first.
        Column gapCount = col(GAPS);
        Column gapSum = datediff(last, first).cast(DataTypes.LongType);
        Column meanGap = when(x.gt(0), gapSum.cast(DataTypes.DoubleType).divide(x));
        // Sample variance from exact integer sums: (n * sum(g^2) - (sum g)^2) / (n (n - 1)).
        Column gapVariance = gapCount.multiply(col(GAP_SQUARES)).minus(gapSum.multiply(gapSum)).cast(DataTypes.DoubleType)
                .divide(gapCount.multiply(gapCount.minus(1)).cast(DataTypes.DoubleType));
        Column gapStddev = when(gapCount.geq(2), sqrt(gapVariance));

        Column rowsTotal = col(FeatureColumns.TRANSACTION_ROWS);
        Column purchased = col(PURCHASED_VALUE);

        List<Column> out = new ArrayList<>(List.of(
                col(TransactionColumns.CUSTOMER_ID),
                t.as(FeatureColumns.AS_OF),
                first,
                last,
                recency.as(FeatureColumns.RECENCY_DAYS),
                datediff(t, first).as(FeatureColumns.TENURE_DAYS),
                purchaseDays,
                x.as(FeatureColumns.X),
                money(col(MONETARY_TOTAL_CENTS), lit(1)).as(FeatureColumns.MONETARY_TOTAL),
                money(col(PURCHASE_VALUE), purchaseDays).as(FeatureColumns.MONETARY_MEAN),
                datediff(last, first).divide(unitDays).as(FeatureColumns.T_X),
                datediff(t, first).divide(unitDays).as(FeatureColumns.T_CAL),
                lit(spec.timeUnit().name().toLowerCase(Locale.ROOT)).as(FeatureColumns.TIME_UNIT),
                when(x.gt(0), money(col(PURCHASE_VALUE).minus(col(FIRST_DAY_VALUE)), x))
                        .as(FeatureColumns.REPEAT_SPEND_MEAN)));
        for (int days : spec.windowsDays()) {
            String spend = FeatureColumns.spendInLast(days);
            out.add(money(coalesce(col(spend), lit(0L)), lit(1)).as(spend));
            out.add(col(FeatureColumns.purchaseDaysInLast(days)));
        }
        out.addAll(List.of(
                balance(coalesce(col(SPEND_LAST), lit(0L)), coalesce(col(SPEND_PREVIOUS), lit(0L)))
                        .as(FeatureColumns.SPEND_TREND),
                balance(col(DAYS_LAST), col(DAYS_PREVIOUS)).as(FeatureColumns.PURCHASE_DAYS_TREND),
                meanGap.as(FeatureColumns.MEAN_GAP_DAYS),
                gapStddev.as(FeatureColumns.GAP_STDDEV_DAYS),
                recency.minus(meanGap).as(FeatureColumns.DAYS_OVERDUE),
                rowsTotal,
                col(RETURN_ROWS).cast(DataTypes.DoubleType).divide(rowsTotal).as(FeatureColumns.RETURN_ROW_SHARE),
                when(purchased.gt(0), col(RETURNED_VALUE).cast(DataTypes.DoubleType)
                        .divide(purchased.cast(DataTypes.DoubleType))).as(FeatureColumns.RETURNED_VALUE_SHARE),
                nullWhenEmpty(col(PRODUCTS)).as(FeatureColumns.DISTINCT_PRODUCTS),
                nullWhenEmpty(col(CATEGORIES)).as(FeatureColumns.DISTINCT_CATEGORIES),
                col(FeatureColumns.COUNTRY),
                col(FeatureColumns.CHANNEL)));
        return out;
    }

    /** decimal(18,2) → whole cents as a long: exact below 2^53 cents (about 90 trillion). */
    private static Column toCents(Column amount) {
        return floor(amount.cast(DataTypes.DoubleType).multiply(100).plus(0.5));
    }

    /** cents / divisor as decimal(18,2), rounded half-up; exact decimal arithmetic, one value per customer. */
    private static Column money(Column cents, Column divisor) {
        DataType wide = DataTypes.createDecimalType(38, 0);
        Column units = cents.cast(wide).divide(divisor.cast(wide)).divide(lit(100).cast(wide));
        return round(units, 2).cast(TransactionColumns.MONEY);
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

    private static Column nullWhenEmpty(Column set) {
        return when(size(set).gt(0), size(set));
    }
}
