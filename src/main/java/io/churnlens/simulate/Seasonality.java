package io.churnlens.simulate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A yearly multiplicative cycle of the purchase rate, 1 + A·cos(2π(d − peak)/365.25) on the fractional day of the
 * year d: the mean over a year is 1, the peak (day {@code peakDayOfYear}) is 1 + A, and half a year later it is 1 − A.
 * Time is counted in days after the simulation's start, as everywhere in the generator.
 */
final class Seasonality implements Serializable {
    static final double YEAR_DAYS = 365.25;

    private final double amplitude;
    /** Day of the year of the simulation's day 0, minus the peak day: the phase at day 0. */
    private final double offsetDays;

    Seasonality(double amplitude, int peakDayOfYear, LocalDate startDate) {
        if (!(amplitude >= 0 && amplitude < 1)) {
            throw new IllegalArgumentException("season amplitude must be in [0, 1), got " + amplitude);
        }
        this.amplitude = amplitude;
        this.offsetDays = startDate.getDayOfYear() - peakDayOfYear;
    }

    /** The multiplier of the purchase rate at {@code day} (days after the start). */
    double factor(double day) {
        return 1.0 + amplitude * Math.cos(2 * Math.PI * (day + offsetDays) / YEAR_DAYS);
    }

    /** The largest multiplier, the bound the thinning of purchase times draws candidates at. */
    double max() {
        return 1.0 + amplitude;
    }

    /** ∫ factor(t) dt over [from, to], in closed form. */
    double integral(double from, double to) {
        double w = 2 * Math.PI / YEAR_DAYS;
        return (to - from) + amplitude / w * (Math.sin(w * (to + offsetDays)) - Math.sin(w * (from + offsetDays)));
    }
}
