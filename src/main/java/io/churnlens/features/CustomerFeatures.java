package io.churnlens.features;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;


/**
 * Customer features as of a snapshot date T: one row per customer with at least one purchase day on or before T
 * (see {@link Purchases} for what a purchase day and its value are). Customers whose rows up to T are all returns
 * have no row: they never bought in the observed period.
 *
 * <p><b>No leakage:</b> the first operation on the transactions drops every row after T; nothing below sees them.
 *
 * <p><b>How it runs</b> (what makes it cheap; see {@code FeaturesBenchmark}): one small job counts the rows up to T
 * and lists their countries and channels ({@link GroupDictionary}); the rows are then reduced to primitives
 * ({@link StreamRow}: customer, days before T, cents, flags, hashes of product, category, country and channel),
 * shuffled once by customer into partitions of about 100 000 rows, and folded customer by customer in one pass over
 * each partition ({@link CustomerStream}). One shuffle and no sort of the partition, whatever the number of
 * features: no window function for the gaps between purchase days, no object aggregates for the distinct products
 * or the modal country. Money is summed as whole cents in a
 * {@code long} (exact below about 90 trillion) and turned into decimal(18,2) once per customer in Java, because
 * Spark's decimal sums and divisions go through {@code java.math.BigDecimal} per row at precision 38.
 *
 * <p>Column meanings and units are documented on {@link FeatureColumns}.
 */
public final class CustomerFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerFeatures.class);
    private static final String GROUP_ROWS = "_rows";

    /**
     * Rows per partition of the per-customer pass: small enough for a partition's buffered rows (40 bytes each) to
     * stay in the CPU cache, large enough that tasks are not dominated by their overhead. Measured on 10 million rows
     * (FeaturesBenchmark data, 2 cores, 3 rounds): 50 000 to 200 000 rows a partition were fastest; 25 000 and
     * 1 million took 10-25% longer.
     */
    static final long ROWS_PER_PARTITION = 100_000;

    private final FeatureSpec spec;
    private final long rowsPerPartition;

    public CustomerFeatures(FeatureSpec spec) {
        this(spec, ROWS_PER_PARTITION);
    }

    /** With another partition size: the result is the same whatever it is (tested), only the speed changes. */
    CustomerFeatures(FeatureSpec spec, long rowsPerPartition) {
        this.spec = spec;
        this.rowsPerPartition = rowsPerPartition;
    }

    /**
     * The {@code customer_features} table as of {@code asOf}, built from canonical transactions
     * ({@link TransactionColumns#SCHEMA}). Runs one small job at once (the number of rows up to T, which sets the
     * number of partitions, and the distinct countries and channels); the rest is lazy and runs with the caller's
     * action.
     */
    public Dataset<Row> asOf(Dataset<Row> transactions, LocalDate asOf) {
        Column t = lit(Date.valueOf(asOf));
        Dataset<Row> upToT = transactions.where(col(TransactionColumns.EVENT_DATE).leq(t));
        long rows;
        CustomerStream stream;
        String described = "";
        if (spec.descriptiveColumns()) {
            List<Row> groups = upToT.groupBy(col(TransactionColumns.COUNTRY), col(TransactionColumns.CHANNEL))
                    .agg(count(lit(1)).as(GROUP_ROWS))
                    .select(col(TransactionColumns.COUNTRY), StreamRow.hash(TransactionColumns.COUNTRY),
                            col(TransactionColumns.CHANNEL), StreamRow.hash(TransactionColumns.CHANNEL),
                            col(GROUP_ROWS))
                    .collectAsList();
            rows = groups.stream().mapToLong(g -> g.getLong(4)).sum();
            GroupDictionary countries = dictionary(groups, 0);
            GroupDictionary channels = dictionary(groups, 2);
            stream = new CustomerStream(spec.windowsDays(), spec.trendWindowDays(), countries, channels);
            described = ", " + countries.size() + " countries, " + channels.size() + " channels";
        } else {
            rows = upToT.count();
            stream = new CustomerStream(spec.windowsDays(), spec.trendWindowDays());
        }
        int partitions = partitions(rows, upToT.sparkSession());
        LOG.info("features as of {}: {} transaction rows up to T{}; per-customer pass in {} partitions",
                asOf, rows, described, partitions);
        Dataset<Row> customers = upToT
                .select(StreamRow.columns(t, spec.descriptiveColumns()))
                .repartition(partitions, col(StreamRow.CUSTOMER_ID))
                .as(Encoders.bean(StreamRow.class))
                .mapPartitions(stream, Encoders.row(stream.schema()));
        return customers.select(outputColumns(t).toArray(Column[]::new));
    }

    /** The dictionary of the group column at {@code index} of (country, hash, channel, hash, rows) rows. */
    private static GroupDictionary dictionary(List<Row> groups, int index) {
        Map<String, Long> hashByValue = new HashMap<>();
        for (Row g : groups) {
            if (!g.isNullAt(index)) hashByValue.put(g.getString(index), g.getLong(index + 1));
        }
        return new GroupDictionary(hashByValue);
    }

    /**
     * Enough partitions for about {@link #rowsPerPartition} rows each, and at least one per core. An explicit
     * number: Spark's adaptive execution would otherwise merge the shuffle into partitions of 64 MB, millions of
     * rows, whose per-customer buffers no longer fit in the cache.
     */
    private int partitions(long rows, SparkSession spark) {
        long wanted = (rows + rowsPerPartition - 1) / rowsPerPartition;
        int cores = spark.sparkContext().defaultParallelism();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(wanted, cores));
    }

    /** The feature columns from the per-customer totals of {@link CustomerStream}, in the table's order. */
    private List<Column> outputColumns(Column t) {
        List<Column> out = new ArrayList<>(recencyFrequencyMonetary(t));
        for (int days : spec.windowsDays()) {
            out.add(col(CustomerStream.windowSpend(days)).as(FeatureColumns.spendInLast(days)));
            out.add(col(CustomerStream.windowDays(days)).as(FeatureColumns.purchaseDaysInLast(days)));
        }
        out.addAll(trendsCadenceAndReturns());
        return out;
    }

    /** Identity, dates, RFM and the BTYD statistics x / t_x / t_cal in time units. */
    private List<Column> recencyFrequencyMonetary(Column t) {
        Column firstDaysAgo = col(CustomerStream.FIRST_DAYS_AGO);
        Column lastDaysAgo = col(CustomerStream.LAST_DAYS_AGO);
        Column purchaseDays = col(CustomerStream.PURCHASE_DAYS);
        Column unitDays = lit((double) spec.timeUnit().days);
        return List.of(
                col(CustomerStream.CUSTOMER_ID).as(FeatureColumns.CUSTOMER_ID),
                t.as(FeatureColumns.AS_OF),
                date_sub(t, firstDaysAgo).as(FeatureColumns.FIRST_PURCHASE_DATE),
                date_sub(t, lastDaysAgo).as(FeatureColumns.LAST_PURCHASE_DATE),
                lastDaysAgo.as(FeatureColumns.RECENCY_DAYS),
                firstDaysAgo.as(FeatureColumns.TENURE_DAYS),
                purchaseDays.as(FeatureColumns.PURCHASE_DAYS),
                purchaseDays.minus(1).as(FeatureColumns.X),
                col(CustomerStream.MONETARY_TOTAL).as(FeatureColumns.MONETARY_TOTAL),
                col(CustomerStream.MONETARY_MEAN).as(FeatureColumns.MONETARY_MEAN),
                gapSum().divide(unitDays).as(FeatureColumns.T_X),
                firstDaysAgo.divide(unitDays).as(FeatureColumns.T_CAL),
                lit(spec.timeUnit().name().toLowerCase(Locale.ROOT)).as(FeatureColumns.TIME_UNIT),
                col(CustomerStream.REPEAT_SPEND_MEAN).as(FeatureColumns.REPEAT_SPEND_MEAN));
    }

    /** Gaps between consecutive purchase days: x of them, summing to last - first. */
    private static Column gapSum() {
        return col(CustomerStream.FIRST_DAYS_AGO).minus(col(CustomerStream.LAST_DAYS_AGO)).cast(DataTypes.LongType);
    }

    /** Trends, purchase cadence (mean and spread of the gaps), returns, breadth and the customer's groups. */
    private static List<Column> trendsCadenceAndReturns() {
        Column x = col(CustomerStream.PURCHASE_DAYS).minus(1);
        Column gapCount = x.cast(DataTypes.LongType);
        Column gapSum = gapSum();
        Column meanGap = when(x.gt(0), gapSum.cast(DataTypes.DoubleType).divide(x));
        // Sample variance from exact integer sums: (n * sum(g^2) - (sum g)^2) / (n (n - 1)).
        Column gapVariance = gapCount.multiply(col(CustomerStream.GAP_SQUARES)).minus(gapSum.multiply(gapSum))
                .cast(DataTypes.DoubleType).divide(gapCount.multiply(gapCount.minus(1)).cast(DataTypes.DoubleType));
        Column rowsTotal = col(CustomerStream.ROWS);
        Column purchased = col(CustomerStream.PURCHASED);
        return List.of(
                balance(col(CustomerStream.SPEND_LAST), col(CustomerStream.SPEND_PREVIOUS)).as(FeatureColumns.SPEND_TREND),
                balance(col(CustomerStream.DAYS_LAST), col(CustomerStream.DAYS_PREVIOUS))
                        .as(FeatureColumns.PURCHASE_DAYS_TREND),
                meanGap.as(FeatureColumns.MEAN_GAP_DAYS),
                when(gapCount.geq(2), sqrt(gapVariance)).as(FeatureColumns.GAP_STDDEV_DAYS),
                col(CustomerStream.LAST_DAYS_AGO).minus(meanGap).as(FeatureColumns.DAYS_OVERDUE),
                rowsTotal.as(FeatureColumns.TRANSACTION_ROWS),
                col(CustomerStream.RETURN_ROWS).cast(DataTypes.DoubleType).divide(rowsTotal)
                        .as(FeatureColumns.RETURN_ROW_SHARE),
                when(purchased.gt(0), col(CustomerStream.RETURNED).cast(DataTypes.DoubleType)
                        .divide(purchased.cast(DataTypes.DoubleType))).as(FeatureColumns.RETURNED_VALUE_SHARE),
                col(CustomerStream.PRODUCTS).as(FeatureColumns.DISTINCT_PRODUCTS),
                col(CustomerStream.CATEGORIES).as(FeatureColumns.DISTINCT_CATEGORIES),
                col(CustomerStream.COUNTRY).as(FeatureColumns.COUNTRY),
                col(CustomerStream.CHANNEL).as(FeatureColumns.CHANNEL));
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
