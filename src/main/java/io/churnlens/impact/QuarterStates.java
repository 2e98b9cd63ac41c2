package io.churnlens.impact;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import static io.churnlens.impact.CustomerQuarters.*;

/**
 * Walks one customer's days (customer_id, [(day, day_net, is_purchase_day)]) through the quarters from the first
 * purchase to T and returns one {@link CustomerQuarters#GRID_SCHEMA} row per quarter. The rules are those of the
 * window definitions they replace: a year back is four grid rows back (the grid is contiguous), and the annual value
 * sums every day in (last purchase − 365, last purchase], returns included.
 */
final class QuarterStates implements FlatMapFunction<Row, Row> {
    private static final int I_ID = GRID_SCHEMA.fieldIndex(CUSTOMER_ID);
    private static final int I_INDEX = GRID_SCHEMA.fieldIndex(QuarterCalendar.INDEX);
    private static final int I_FIRST = GRID_SCHEMA.fieldIndex(FIRST_INDEX);
    private static final int I_PURCHASED = GRID_SCHEMA.fieldIndex(PURCHASED);
    private static final int I_REVENUE = GRID_SCHEMA.fieldIndex(REVENUE);
    private static final int I_LAST = GRID_SCHEMA.fieldIndex(LAST_PURCHASE);
    private static final int I_ANNUAL = GRID_SCHEMA.fieldIndex(ANNUAL_VALUE);
    private static final int I_START = GRID_SCHEMA.fieldIndex(ACTIVE_START);
    private static final int I_END = GRID_SCHEMA.fieldIndex(ACTIVE_END);
    private static final int I_NEW = GRID_SCHEMA.fieldIndex(IS_NEW);
    private static final int I_DEPARTED = GRID_SCHEMA.fieldIndex(DEPARTED);
    private static final int I_REACTIVATED = GRID_SCHEMA.fieldIndex(REACTIVATED);
    private static final int I_EVER = GRID_SCHEMA.fieldIndex(EVER_DEPARTED);
    private static final int I_YEAR = GRID_SCHEMA.fieldIndex(REVENUE_YEAR);
    private static final int I_YEAR_AGO = GRID_SCHEMA.fieldIndex(ACTIVE_YEAR_AGO);
    private static final int I_YEAR_BEFORE = GRID_SCHEMA.fieldIndex(REVENUE_YEAR_BEFORE);
    private static final int I_LAST_START = GRID_SCHEMA.fieldIndex(LAST_PURCHASE_AT_START);

    private final QuarterCalendar calendar;
    private final int inactivityDays;

    QuarterStates(QuarterCalendar calendar, int inactivityDays) {
        this.calendar = calendar;
        this.inactivityDays = inactivityDays;
    }

    /** One customer's days up to T, oldest first, with running sums for the annual value (money in cents). */
    private record Days(long[] day, long[] net, boolean[] purchase, long[] upTo) {
        static Days of(List<Row> rows) {
            List<Row> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparingLong(r -> epochDay(r.get(0))));
            int n = sorted.size();
            Days d = new Days(new long[n], new long[n], new boolean[n], new long[n + 1]);
            for (int i = 0; i < n; i++) {
                Row r = sorted.get(i);
                d.day[i] = epochDay(r.get(0));
                d.net[i] = r.isNullAt(1) ? 0L : r.getLong(1); // a day without an amount adds nothing
                d.purchase[i] = r.getBoolean(2);
                d.upTo[i + 1] = Math.addExact(d.upTo[i], d.net[i]);
            }
            return d;
        }

        /** Net value of the days in (day[at] − 365, day[at]]. */
        long annualValueAt(int at) {
            int from = at;
            while (from > 0 && day[from - 1] > day[at] - AnnualValue.DAYS) from--;
            return upTo[at + 1] - upTo[from];
        }
    }

    @Override
    public Iterator<Row> call(Row customer) {
        Days d = Days.of(customer.getList(1));
        int firstPurchase = 0;
        while (firstPurchase < d.day.length && !d.purchase[firstPurchase]) firstPurchase++;
        if (firstPurchase == d.day.length) return Collections.emptyIterator();
        int first = index(d.day[firstPurchase]);
        int quarters = calendar.lastIndex() - first + 1;
        long[] revenue = new long[quarters];
        int[] lastInQuarter = new int[quarters];
        java.util.Arrays.fill(lastInQuarter, -1);
        for (int i = 0; i < d.day.length; i++) {
            int q = index(d.day[i]) - first;
            if (q < 0) continue; // days before the first purchase's quarter are outside the grid
            revenue[q] = Math.addExact(revenue[q], d.net[i]);
            if (d.purchase[i]) lastInQuarter[q] = i;
        }
        return rows(customer.getString(0), first, d, revenue, lastInQuarter).iterator();
    }

    private List<Row> rows(String id, int first, Days d, long[] revenue, int[] lastInQuarter) {
        int quarters = revenue.length;
        boolean[] activeEnd = new boolean[quarters];
        long[] revenueYear = new long[quarters];
        List<Row> out = new ArrayList<>(quarters);
        int lastPurchase = -1;
        long annualValue = 0; // set in quarter 0, which holds the first purchase
        boolean everDeparted = false;
        for (int k = 0; k < quarters; k++) {
            int lastAtStart = lastPurchase;
            if (lastInQuarter[k] >= 0) {
                lastPurchase = lastInQuarter[k];
                annualValue = d.annualValueAt(lastPurchase);
            }
            long end = calendar.end(first + k).toEpochDay();
            activeEnd[k] = d.day[lastPurchase] >= end - inactivityDays;
            boolean activeStart = k > 0 && activeEnd[k - 1];
            boolean departed = activeStart && !activeEnd[k];
            everDeparted |= departed;
            revenueYear[k] = revenue[k];
            for (int back = 1; back <= 3 && k - back >= 0; back++) revenueYear[k] = Math.addExact(revenueYear[k], revenue[k - back]);
            Object[] v = new Object[GRID_SCHEMA.size()];
            v[I_ID] = id;
            v[I_INDEX] = first + k;
            v[I_FIRST] = first;
            v[I_PURCHASED] = lastInQuarter[k] >= 0;
            v[I_REVENUE] = revenue[k];
            v[I_LAST] = java.sql.Date.valueOf(LocalDate.ofEpochDay(d.day[lastPurchase]));
            v[I_ANNUAL] = annualValue;
            v[I_START] = activeStart;
            v[I_END] = activeEnd[k];
            v[I_NEW] = k == 0;
            v[I_DEPARTED] = departed;
            v[I_REACTIVATED] = !activeStart && activeEnd[k] && k != 0;
            v[I_EVER] = everDeparted;
            v[I_YEAR] = revenueYear[k];
            v[I_YEAR_AGO] = k >= 4 && activeEnd[k - 4];
            v[I_YEAR_BEFORE] = k >= 4 ? revenueYear[k - 4] : null;
            v[I_LAST_START] = k == 0 ? null : java.sql.Date.valueOf(LocalDate.ofEpochDay(d.day[lastAtStart]));
            out.add(RowFactory.create(v));
        }
        return out;
    }

    private int index(long epochDay) {
        return calendar.indexOf(LocalDate.ofEpochDay(epochDay));
    }

    private static long epochDay(Object date) {
        return date instanceof LocalDate d ? d.toEpochDay() : ((java.sql.Date) date).toLocalDate().toEpochDay();
    }
}
