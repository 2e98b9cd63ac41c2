package io.churnlens.features;

import io.churnlens.schema.TransactionColumns;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The per-customer aggregation of {@link CustomerFeatures} as one pass over a partition that holds all rows of its
 * customers (the input is hash-partitioned by customer): rows are buffered per customer in primitive arrays
 * (and the distinct products, categories and country/channel counts updated), then each customer's rows are
 * ordered by date, folded into days, and the days into the customer's totals.
 *
 * <p>Why not Spark aggregates or a sort: the gaps between consecutive purchase days need the days in order (a
 * window function, i.e. a sort of every row), and the distinct products and modal country need object aggregates
 * that Spark sorts as well. Sorting each customer's few rows on their own is far cheaper than sorting the
 * partition (measured: the partition sort cost more than the shuffle). Memory: the partition's rows as primitives,
 * about 20 bytes a row, plus one object per customer.
 *
 * <p>A purchase day is a day with at least one purchase row; the flag comes from {@link Purchases#isPurchaseRow()},
 * and every other row is a return.
 *
 * <p>Input columns, in this order: customer_id (string), days before T (int, >= 0), amount in cents (long),
 * is a purchase row (boolean), then, when {@code descriptive}, hashes of product_id and category (longs, nullable), country
 * and channel (strings, nullable).
 * Output: {@link #SCHEMA} (the descriptive columns null when not {@code descriptive}). Customers without a purchase
 * day are not emitted.
 */
final class CustomerStream implements MapPartitionsFunction<Row, Row> {
    static final String CUSTOMER_ID = "customer_id";
    static final String FIRST_DAYS_AGO = "_first_days_ago";
    static final String LAST_DAYS_AGO = "_last_days_ago";
    static final String PURCHASE_DAYS = "_purchase_days";
    static final String MONETARY_TOTAL = "_monetary_total";
    static final String MONETARY_MEAN = "_monetary_mean";
    static final String REPEAT_SPEND_MEAN = "_repeat_spend_mean";
    static final String GAP_SQUARES = "_gap_squares";
    static final String SPEND_LAST = "_spend_last_cents";
    static final String SPEND_PREVIOUS = "_spend_previous_cents";
    static final String DAYS_LAST = "_days_last";
    static final String DAYS_PREVIOUS = "_days_previous";
    static final String ROWS = "_rows";
    static final String RETURN_ROWS = "_return_rows";
    static final String RETURNED = "_returned_cents";
    static final String PURCHASED = "_purchased_cents";
    static final String PRODUCTS = "_products";
    static final String CATEGORIES = "_categories";
    static final String COUNTRY = "_country";
    static final String CHANNEL = "_channel";

    static String windowSpend(int days) {
        return "_spend_" + days;
    }

    static String windowDays(int days) {
        return "_purchase_days_" + days;
    }

    private final int[] windows;
    private final int trendWindow;
    private final boolean descriptive;

    CustomerStream(List<Integer> windows, int trendWindow, boolean descriptive) {
        this.windows = windows.stream().mapToInt(Integer::intValue).toArray();
        this.trendWindow = trendWindow;
        this.descriptive = descriptive;
    }

    StructType schema() {
        StructType s = new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType, false)
                .add(FIRST_DAYS_AGO, DataTypes.IntegerType, false)
                .add(LAST_DAYS_AGO, DataTypes.IntegerType, false)
                .add(PURCHASE_DAYS, DataTypes.IntegerType, false)
                .add(MONETARY_TOTAL, TransactionColumns.MONEY, false)
                .add(MONETARY_MEAN, TransactionColumns.MONEY, false)
                .add(REPEAT_SPEND_MEAN, TransactionColumns.MONEY, true)
                .add(GAP_SQUARES, DataTypes.LongType, false)
                .add(SPEND_LAST, DataTypes.LongType, false)
                .add(SPEND_PREVIOUS, DataTypes.LongType, false)
                .add(DAYS_LAST, DataTypes.IntegerType, false)
                .add(DAYS_PREVIOUS, DataTypes.IntegerType, false)
                .add(ROWS, DataTypes.IntegerType, false)
                .add(RETURN_ROWS, DataTypes.IntegerType, false)
                .add(RETURNED, DataTypes.LongType, false)
                .add(PURCHASED, DataTypes.LongType, false);
        for (int w : windows) {
            s = s.add(windowSpend(w), TransactionColumns.MONEY, false).add(windowDays(w), DataTypes.IntegerType, false);
        }
        return s.add(PRODUCTS, DataTypes.IntegerType, true)
                .add(CATEGORIES, DataTypes.IntegerType, true)
                .add(COUNTRY, DataTypes.StringType, true)
                .add(CHANNEL, DataTypes.StringType, true);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Map<String, Customer> customers = new HashMap<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            customers.computeIfAbsent(r.getString(0), Customer::new).add(r);
        }
        List<Row> out = new ArrayList<>(customers.size());
        for (Customer c : customers.values()) {
            c.foldDays();
            if (c.purchaseDays > 0) out.add(c.toRow());
        }
        return out.iterator();
    }

    /** One customer's rows, then their totals; a day is closed when the fold reaches a later day. */
    private final class Customer {
        final String id;
        int firstDaysAgo = -1, lastDaysAgo = -1, purchaseDays, daysLast, daysPrevious, rowCount, returnRows;
        long net, purchaseDayValue, firstDayValue, gapSquares, spendLast, spendPrevious, returned, purchased;
        final long[] windowSpend = new long[windows.length];
        final int[] windowDays = new int[windows.length];
        final LongBag products = descriptive ? new LongBag() : null;
        final LongBag categories = descriptive ? new LongBag() : null;
        final Map<String, Integer> countries = descriptive ? new HashMap<>() : null;
        final Map<String, Integer> channels = descriptive ? new HashMap<>() : null;
        // The customer's rows, buffered until the partition is read.
        int[] daysAgo = new int[4];
        long[] cents = new long[4];
        boolean[] isPurchase = new boolean[4];
        // The open day of the fold.
        int day = -1;
        long dayNet;
        boolean dayHasPurchase;

        Customer(String id) {
            this.id = id;
        }

        void add(Row r) {
            if (rowCount == daysAgo.length) {
                daysAgo = java.util.Arrays.copyOf(daysAgo, 2 * rowCount);
                cents = java.util.Arrays.copyOf(cents, 2 * rowCount);
                isPurchase = java.util.Arrays.copyOf(isPurchase, 2 * rowCount);
            }
            daysAgo[rowCount] = r.getInt(1);
            cents[rowCount] = r.getLong(2);
            isPurchase[rowCount] = r.getBoolean(3);
            rowCount++;
            if (descriptive) {
                if (!r.isNullAt(4)) products.add(r.getLong(4));
                if (!r.isNullAt(5)) categories.add(r.getLong(5));
                count(countries, r.getString(6));
                count(channels, r.getString(7));
            }
        }

        /** Folds the buffered rows day by day, oldest day first (the gaps between purchase days need the order). */
        void foldDays() {
            long[] order = new long[rowCount];
            for (int i = 0; i < rowCount; i++) {
                // Days before T descending = dates ascending; the row index rides in the low bits.
                order[i] = ((long) (Integer.MAX_VALUE - daysAgo[i]) << 32) | i;
            }
            java.util.Arrays.sort(order);
            for (long key : order) {
                int i = (int) key;
                if (daysAgo[i] != day) {
                    closeDay();
                    day = daysAgo[i];
                    dayNet = 0;
                    dayHasPurchase = false;
                }
                dayNet += cents[i];
                if (isPurchase[i]) {
                    dayHasPurchase = true;
                    purchased += cents[i];
                } else {
                    returnRows++;
                    returned -= cents[i];
                }
            }
            closeDay();
        }

        void closeDay() {
            if (day < 0) return;
            net += dayNet;
            if (day < trendWindow) spendLast += dayNet;
            else if (day < 2 * trendWindow) spendPrevious += dayNet;
            for (int i = 0; i < windows.length; i++) {
                if (day < windows[i]) windowSpend[i] += dayNet;
            }
            if (dayHasPurchase) {
                if (purchaseDays == 0) {
                    firstDaysAgo = day;
                    firstDayValue = dayNet;
                } else {
                    long gap = lastDaysAgo - day;   // days since the previous purchase day
                    gapSquares += gap * gap;
                }
                lastDaysAgo = day;
                purchaseDays++;
                purchaseDayValue += dayNet;
                if (day < trendWindow) daysLast++;
                else if (day < 2 * trendWindow) daysPrevious++;
                for (int i = 0; i < windows.length; i++) {
                    if (day < windows[i]) windowDays[i]++;
                }
            }
            day = -1;
        }

        Row toRow() {
            List<Object> v = new ArrayList<>(20 + 2 * windows.length);
            v.add(id);
            v.add(firstDaysAgo);
            v.add(lastDaysAgo);
            v.add(purchaseDays);
            v.add(money(net, 1));
            v.add(money(purchaseDayValue, purchaseDays));
            v.add(purchaseDays > 1 ? money(purchaseDayValue - firstDayValue, purchaseDays - 1) : null);
            v.add(gapSquares);
            v.add(spendLast);
            v.add(spendPrevious);
            v.add(daysLast);
            v.add(daysPrevious);
            v.add(rowCount);
            v.add(returnRows);
            v.add(returned);
            v.add(purchased);
            for (int i = 0; i < windows.length; i++) {
                v.add(money(windowSpend[i], 1));
                v.add(windowDays[i]);
            }
            v.add(descriptive ? products.distinct() : null);
            v.add(descriptive ? categories.distinct() : null);
            v.add(descriptive ? mode(countries) : null);
            v.add(descriptive ? mode(channels) : null);
            return RowFactory.create(v.toArray());
        }
    }

    /** Hashes of one customer's values, as primitives (no boxing per row); distinct values counted once at the end. */
    private static final class LongBag {
        private long[] values = new long[4];
        private int size;

        void add(long value) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, 2 * size);
            values[size++] = value;
        }

        /** Number of distinct values; null when there is none (the input has no such column). */
        Integer distinct() {
            if (size == 0) return null;
            java.util.Arrays.sort(values, 0, size);
            int n = 1;
            for (int i = 1; i < size; i++) {
                if (values[i] != values[i - 1]) n++;
            }
            return n;
        }
    }

    /**
     * cents / divisor in the reporting currency, decimal(18,2) rounded half up (away from zero), exactly: the one
     * conversion per customer from the whole cents the sums are kept in.
     */
    static BigDecimal money(long cents, long divisor) {
        return divisor == 1 ? BigDecimal.valueOf(cents, 2)
                : BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(divisor).movePointRight(2), 2, RoundingMode.HALF_UP);
    }

    private static void count(Map<String, Integer> counts, String value) {
        if (value != null) counts.merge(value, 1, Integer::sum);
    }

    /** The most frequent value; among equally frequent ones the alphabetically first; null when there is none. */
    private static String mode(Map<String, Integer> counts) {
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int n = e.getValue();
            if (n > bestCount || (n == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = n;
            }
        }
        return best;
    }
}
