package io.churnlens.features;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The per-customer aggregation of {@link CustomerFeatures} as one streaming pass over a partition whose rows are
 * sorted by customer and then by date (oldest first): rows of a day are folded into the day, days into the
 * customer, and a customer's totals are emitted when the next customer starts. Memory: one customer at a time.
 *
 * <p>Why not Spark aggregates: the gaps between consecutive purchase days need an order (a window function, i.e. a
 * second sort), and the distinct products and modal country need object aggregates that Spark sorts again; this
 * pass gets all of them from the one sort the shuffle already pays for.
 *
 * <p>A purchase day is a day with at least one row that is not a return, as {@link Purchases} defines it.
 *
 * <p>Input columns, in this order: customer_id (string), days before T (int, >= 0), amount in cents (long),
 * is_return (boolean), then, when {@code descriptive}, hashes of product_id and category (longs, nullable), country
 * and channel (strings, nullable).
 * Output: {@link #SCHEMA} (the descriptive columns null when not {@code descriptive}). Customers without a purchase
 * day are not emitted.
 */
final class CustomerStream implements MapPartitionsFunction<Row, Row> {
    static final String CUSTOMER_ID = "customer_id";
    static final String FIRST_DAYS_AGO = "_first_days_ago";
    static final String LAST_DAYS_AGO = "_last_days_ago";
    static final String PURCHASE_DAYS = "_purchase_days";
    static final String NET = "_net_cents";
    static final String PURCHASE_DAY_VALUE = "_purchase_day_value_cents";
    static final String FIRST_DAY_VALUE = "_first_day_value_cents";
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
        return "_spend_" + days + "_cents";
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
                .add(NET, DataTypes.LongType, false)
                .add(PURCHASE_DAY_VALUE, DataTypes.LongType, false)
                .add(FIRST_DAY_VALUE, DataTypes.LongType, false)
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
            s = s.add(windowSpend(w), DataTypes.LongType, false).add(windowDays(w), DataTypes.IntegerType, false);
        }
        return s.add(PRODUCTS, DataTypes.IntegerType, true)
                .add(CATEGORIES, DataTypes.IntegerType, true)
                .add(COUNTRY, DataTypes.StringType, true)
                .add(CHANNEL, DataTypes.StringType, true);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Row pending = rows.hasNext() ? rows.next() : null;
            private Row next = advance();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) throw new NoSuchElementException();
                Row out = next;
                next = advance();
                return out;
            }

            /** Folds the rows of the next customer with a purchase day; null when the partition is exhausted. */
            private Row advance() {
                while (pending != null) {
                    Customer c = new Customer(pending.getString(0));
                    while (pending != null && pending.getString(0).equals(c.id)) {
                        c.add(pending);
                        pending = rows.hasNext() ? rows.next() : null;
                    }
                    c.closeDay();
                    if (c.purchaseDays > 0) return c.toRow();
                }
                return null;
            }
        };
    }

    /** One customer's running totals; a day is closed when a row of a later day (or the next customer) arrives. */
    private final class Customer {
        final String id;
        int firstDaysAgo = -1, lastDaysAgo = -1, purchaseDays, daysLast, daysPrevious, rowCount, returnRows;
        long net, purchaseDayValue, firstDayValue, gapSquares, spendLast, spendPrevious, returned, purchased;
        final long[] windowSpend = new long[windows.length];
        final int[] windowDays = new int[windows.length];
        final Set<Long> products = descriptive ? new HashSet<>() : null;
        final Set<Long> categories = descriptive ? new HashSet<>() : null;
        final Map<String, Integer> countries = descriptive ? new HashMap<>() : null;
        final Map<String, Integer> channels = descriptive ? new HashMap<>() : null;
        // The open day.
        int day = -1;
        long dayNet;
        boolean dayHasPurchase;

        Customer(String id) {
            this.id = id;
        }

        void add(Row r) {
            int daysAgo = r.getInt(1);
            if (daysAgo != day) {
                closeDay();
                day = daysAgo;
                dayNet = 0;
                dayHasPurchase = false;
            }
            long cents = r.getLong(2);
            boolean isReturn = r.getBoolean(3);
            dayNet += cents;
            rowCount++;
            if (isReturn) {
                returnRows++;
                returned -= cents;
            } else {
                dayHasPurchase = true;
                purchased += cents;
            }
            if (descriptive) {
                if (!r.isNullAt(4)) products.add(r.getLong(4));
                if (!r.isNullAt(5)) categories.add(r.getLong(5));
                count(countries, r.getString(6));
                count(channels, r.getString(7));
            }
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
            v.add(net);
            v.add(purchaseDayValue);
            v.add(firstDayValue);
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
                v.add(windowSpend[i]);
                v.add(windowDays[i]);
            }
            v.add(descriptive && !products.isEmpty() ? products.size() : null);
            v.add(descriptive && !categories.isEmpty() ? categories.size() : null);
            v.add(descriptive ? mode(countries) : null);
            v.add(descriptive ? mode(channels) : null);
            return RowFactory.create(v.toArray());
        }
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
