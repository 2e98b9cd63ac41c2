package io.churnlens.impact;

import io.churnlens.io.Quarters;

import java.time.LocalDate;

/**
 * The calendar quarters from the first quarter with data to the one holding T, numbered 0..n. The last quarter
 * ends at T (its own end, when T is a quarter end). Small: a few dozen quarters, kept on the driver.
 */
public record QuarterCalendar(LocalDate firstDay, LocalDate asOf) implements java.io.Serializable {
    public static final String INDEX = "quarter_index";

    public QuarterCalendar {
        if (firstDay.isAfter(asOf)) throw new IllegalArgumentException("first day " + firstDay + " after as-of " + asOf);
        firstDay = Quarters.start(firstDay);
    }

    public int lastIndex() {
        return ordinal(asOf) - ordinal(firstDay);
    }

    public LocalDate start(int index) {
        return firstDay.plusMonths(3L * index);
    }

    /** The quarter's last day, or T for the last quarter. */
    public LocalDate end(int index) {
        return index == lastIndex() ? asOf : Quarters.end(start(index));
    }

    public String label(int index) {
        return Quarters.label(start(index));
    }

    /** The index of the quarter holding {@code date}; dates before the first quarter map to 0. */
    public int indexOf(LocalDate date) {
        return Math.max(0, ordinal(date) - ordinal(firstDay));
    }

    private static int ordinal(LocalDate d) {
        return d.getYear() * 4 + (d.getMonthValue() - 1) / 3 + 1;
    }
}
