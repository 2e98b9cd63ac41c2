package io.churnlens.impact;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Quarter numbering from the first day of data; the last quarter ends at T, also when T is not a quarter end. */
class QuarterCalendarTest {
    @Test
    void quartersFromTheFirstDataDayToT() {
        QuarterCalendar c = new QuarterCalendar(LocalDate.parse("2024-08-17"), LocalDate.parse("2025-09-30"));
        assertThat(c.lastIndex()).isEqualTo(4);
        assertThat(c.label(0)).isEqualTo("2024-Q3");
        assertThat(c.start(0)).isEqualTo(LocalDate.parse("2024-07-01"));
        assertThat(c.end(1)).isEqualTo(LocalDate.parse("2024-12-31"));
        assertThat(c.label(4)).isEqualTo("2025-Q3");
        assertThat(c.end(4)).isEqualTo(LocalDate.parse("2025-09-30"));
    }

    @Test
    void aSnapshotInsideAQuarterEndsTheLastQuarterAtT() {
        QuarterCalendar c = new QuarterCalendar(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-08-15"));
        assertThat(c.lastIndex()).isEqualTo(2);
        assertThat(c.label(2)).isEqualTo("2025-Q3");
        assertThat(c.end(2)).isEqualTo(LocalDate.parse("2025-08-15"));
        assertThat(c.end(1)).isEqualTo(LocalDate.parse("2025-06-30"));
    }
}
