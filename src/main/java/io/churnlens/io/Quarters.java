package io.churnlens.io;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** Calendar-quarter arithmetic used for snapshot dates, backfills and report folders. */
public final class Quarters {
    private Quarters() {}

    /** {@code 2026-Q3} for any date in July-September 2026. */
    public static String label(LocalDate date) {
        return date.getYear() + "-Q" + date.get(IsoFields.QUARTER_OF_YEAR);
    }

    public static LocalDate end(LocalDate date) {
        LocalDate start = start(date);
        return start.plusMonths(3).minusDays(1);
    }

    public static LocalDate start(LocalDate date) {
        int firstMonth = (date.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1;
        return LocalDate.of(date.getYear(), firstMonth, 1);
    }

    /** The last quarter end strictly before the quarter containing {@code today}: the last completed quarter. */
    public static LocalDate lastCompletedEnd(LocalDate today) {
        return start(today).minusDays(1);
    }

    /** The end of the quarter before the one ending (or containing) {@code date}. */
    public static LocalDate previousEnd(LocalDate date) {
        return start(date).minusDays(1);
    }
}
