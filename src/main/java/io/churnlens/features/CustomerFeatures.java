package io.churnlens.features;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.zip_with;

/**
 * Customer features as of a snapshot date T: one row per customer with at least one purchase day on or before T
 * (see {@link Purchases} for what a purchase day and its value are). Customers whose rows up to T are all returns
 * have no row: they never bought in the observed period.
 *
 * <p><b>No leakage:</b> the first operation drops every row after T; nothing below can see them.
 *
 * <p><b>Cost:</b> one shuffle. The rows up to T are hash-partitioned by customer once; the per-day aggregation,
 * the per-customer aggregations and their join all reuse that partitioning (no further exchange), and the cadence
 * statistics are computed on each customer's small sorted array of purchase days instead of a window function.
 *
 * <p>Column meanings and units are documented on {@link FeatureColumns}.
 */
public final class CustomerFeatures {
    // Intermediate columns, never part of the output.
    private static final String DAYS_AGO = "_days_ago";
    private static final String DAY_NET = "_day_net";
    private static final String IS_PURCHASE_DAY = "_is_purchase_day";
    private static final String PURCHASE_VALUE = "_purchase_value";
    private static final String FIRST_DAY_VALUE = "_first_day_value";
    private static final String PURCHASE_DAY_OFFSETS = "_purchase_days_ago";
    private static final String SPEND_LAST = "_spend_last";
    private static final String SPEND_PREVIOUS = "_spend_previous";
    private static final String DAYS_LAST = "_days_last";
    private static final String DAYS_PREVIOUS = "_days_previous";
    private static final String RETURN_ROWS = "_return_rows";
    private static final String RETURNED_VALUE = "_returned_value";
    private static final String PURCHASED_VALUE = "_purchased_value";
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
        Dataset<Row> rows = transactions
                .where(col(TransactionColumns.EVENT_DATE).leq(t))
                .select(TransactionColumns.CUSTOMER_ID, TransactionColumns.EVENT_DATE, TransactionColumns.AMOUNT,
                        TransactionColumns.IS_RETURN, TransactionColumns.PRODUCT_ID, TransactionColumns.CATEGORY,
                        TransactionColumns.COUNTRY, TransactionColumns.CHANNEL)
                // The only shuffle: every aggregation below groups by customer_id (plus the day) and so runs
                // without another exchange.
                .repartition(col(TransactionColumns.CUSTOMER_ID));

        Dataset<Row> perDay = rows.groupBy(TransactionColumns.CUSTOMER_ID, TransactionColumns.EVENT_DATE)
                .agg(sum(TransactionColumns.AMOUNT).as(DAY_NET), bool_or(Purchases.isPurchaseRow()).as(IS_PURCHASE_DAY))
                .withColumn(DAYS_AGO, datediff(t, col(TransactionColumns.EVENT_DATE)));

        List<Column> dayAggregates = dayAggregates();
        Dataset<Row> fromDays = perDay.groupBy(TransactionColumns.CUSTOMER_ID).agg(dayAggregates.get(0),
                dayAggregates.subList(1, dayAggregates.size()).toArray(Column[]::new));
        Dataset<Row> fromRows = rows.groupBy(TransactionColumns.CUSTOMER_ID).agg(
                count(lit(1)).cast(DataTypes.IntegerType).as(FeatureColumns.TRANSACTION_ROWS),
                count_if(col(TransactionColumns.IS_RETURN)).as(RETURN_ROWS),
                sum(when(col(TransactionColumns.IS_RETURN), abs(col(TransactionColumns.AMOUNT)))).as(RETURNED_VALUE),
                sum(when(Purchases.isPurchaseRow(), col(TransactionColumns.AMOUNT))).as(PURCHASED_VALUE),
                collect_set(TransactionColumns.PRODUCT_ID).as(PRODUCTS),
                collect_set(TransactionColumns.CATEGORY).as(CATEGORIES),
                // deterministic = true: among equally frequent values the lowest (alphabetically first) wins.
                mode(col(TransactionColumns.COUNTRY), true).as(FeatureColumns.COUNTRY),
                mode(col(TransactionColumns.CHANNEL), true).as(FeatureColumns.CHANNEL));

        return fromDays.where(col(FeatureColumns.PURCHASE_DAYS).gt(0))
                .join(fromRows, TransactionColumns.CUSTOMER_ID)
                .select(outputColumns(t).toArray(Column[]::new));
    }

    private List<Column> dayAggregates() {
        Column purchaseDay = col(IS_PURCHASE_DAY);
        Column daysAgo = col(DAYS_AGO);
        Column net = col(DAY_NET);
        int w = spec.trendWindowDays();
        List<Column> aggs = new ArrayList<>(List.of(
                min(when(purchaseDay, col(TransactionColumns.EVENT_DATE))).as(FeatureColumns.FIRST_PURCHASE_DATE),
                max(when(purchaseDay, col(TransactionColumns.EVENT_DATE))).as(FeatureColumns.LAST_PURCHASE_DATE),
                count_if(purchaseDay).cast(DataTypes.IntegerType).as(FeatureColumns.PURCHASE_DAYS),
                sum(net).as(FeatureColumns.MONETARY_TOTAL),
                sum(when(purchaseDay, net)).as(PURCHASE_VALUE),
                // min_by skips rows whose ordering value is null, i.e. return-only days.
                min_by(net, when(purchaseDay, col(TransactionColumns.EVENT_DATE))).as(FIRST_DAY_VALUE),
                array_sort(collect_list(when(purchaseDay, daysAgo))).as(PURCHASE_DAY_OFFSETS),
                sum(when(daysAgo.lt(w), net)).as(SPEND_LAST),
                sum(when(daysAgo.geq(w).and(daysAgo.lt(2 * w)), net)).as(SPEND_PREVIOUS),
                count_if(purchaseDay.and(daysAgo.lt(w))).as(DAYS_LAST),
                count_if(purchaseDay.and(daysAgo.geq(w)).and(daysAgo.lt(2 * w))).as(DAYS_PREVIOUS)));
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

        Column offsets = col(PURCHASE_DAY_OFFSETS);
        // Consecutive purchase days are adjacent in the ascending "days ago" array; each gap is next - previous.
        Column gaps = zip_with(slice(offsets, lit(2), size(offsets)), slice(offsets, lit(1), size(offsets).minus(1)),
                (later, earlier) -> later.minus(earlier));
        Column meanGap = when(x.gt(0), datediff(last, first).cast(DataTypes.DoubleType).divide(x));
        Column squaredDeviations = aggregate(gaps, lit(0.0), (acc, gap) -> acc.plus(pow(gap.minus(meanGap), 2)));
        Column gapStddev = when(size(gaps).geq(2), sqrt(squaredDeviations.divide(size(gaps).minus(1))));

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
                money(col(FeatureColumns.MONETARY_TOTAL)).as(FeatureColumns.MONETARY_TOTAL),
                money(col(PURCHASE_VALUE).divide(purchaseDays)).as(FeatureColumns.MONETARY_MEAN),
                datediff(last, first).divide(unitDays).as(FeatureColumns.T_X),
                datediff(t, first).divide(unitDays).as(FeatureColumns.T_CAL),
                lit(spec.timeUnit().name().toLowerCase(Locale.ROOT)).as(FeatureColumns.TIME_UNIT),
                when(x.gt(0), money(col(PURCHASE_VALUE).minus(col(FIRST_DAY_VALUE)).divide(x)))
                        .as(FeatureColumns.REPEAT_SPEND_MEAN)));
        for (int days : spec.windowsDays()) {
            String spend = FeatureColumns.spendInLast(days);
            out.add(money(coalesce(col(spend), lit(0))).as(spend));
            out.add(col(FeatureColumns.purchaseDaysInLast(days)));
        }
        out.addAll(List.of(
                balance(coalesce(col(SPEND_LAST), lit(0)), coalesce(col(SPEND_PREVIOUS), lit(0)))
                        .as(FeatureColumns.SPEND_TREND),
                balance(col(DAYS_LAST), col(DAYS_PREVIOUS)).as(FeatureColumns.PURCHASE_DAYS_TREND),
                meanGap.as(FeatureColumns.MEAN_GAP_DAYS),
                gapStddev.as(FeatureColumns.GAP_STDDEV_DAYS),
                recency.minus(meanGap).as(FeatureColumns.DAYS_OVERDUE),
                rowsTotal,
                col(RETURN_ROWS).cast(DataTypes.DoubleType).divide(rowsTotal).as(FeatureColumns.RETURN_ROW_SHARE),
                when(purchased.gt(0), coalesce(col(RETURNED_VALUE), lit(0)).cast(DataTypes.DoubleType)
                        .divide(purchased.cast(DataTypes.DoubleType))).as(FeatureColumns.RETURNED_VALUE_SHARE),
                nullWhenEmpty(col(PRODUCTS)).as(FeatureColumns.DISTINCT_PRODUCTS),
                nullWhenEmpty(col(CATEGORIES)).as(FeatureColumns.DISTINCT_CATEGORIES),
                col(FeatureColumns.COUNTRY),
                col(FeatureColumns.CHANNEL)));
        return out;
    }

    /** Decimal(18,2), half-up: the money type of every report. */
    private static Column money(Column value) {
        return round(value, 2).cast(TransactionColumns.MONEY);
    }

    /**
     * (recent - previous) / (|recent| + |previous|), in [-1, 1]: +1 only recent activity, -1 only earlier, 0 flat
     * or none at all. The denominator is zero only when both are zero, which is answered with 0 before dividing.
     */
    private static Column balance(Column recent, Column previous) {
        Column r = recent.cast(DataTypes.DoubleType);
        Column p = previous.cast(DataTypes.DoubleType);
        Column scale = abs(r).plus(abs(p));
        return when(scale.equalTo(0), lit(0.0)).otherwise(r.minus(p).divide(scale));
    }

    private static Column nullWhenEmpty(Column set) {
        return when(size(set).gt(0), size(set));
    }
}
