package io.churnlens.simulate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * When customers arrive: a rate that grows (or shrinks) geometrically over the years and swings with the season,
 * {@code (1 + growth)^years · (1 + seasonality · cos(2π (dayOfYear − peakDay) / 365.25))}. Each customer's arrival
 * time is drawn from that density by rejection sampling, so customers are independent and can be simulated anywhere.
 */
final class AcquisitionCurve implements Serializable {
    private static final double DAYS_PER_YEAR = 365.25;

    private final double periodDays;
    private final double growthPerYear;
    private final double seasonality;
    private final double startDayOfYear;
    private final int peakDayOfYear;
    private final double bound;

    AcquisitionCurve(LocalDate start, double periodDays, double growthPerYear, double seasonality, int peakDayOfYear) {
        this.periodDays = periodDays;
        this.growthPerYear = growthPerYear;
        this.seasonality = seasonality;
        this.startDayOfYear = start.getDayOfYear();
        this.peakDayOfYear = peakDayOfYear;
        double trendMax = Math.max(1.0, Math.pow(1.0 + growthPerYear, periodDays / DAYS_PER_YEAR));
        this.bound = trendMax * (1.0 + seasonality);
    }

    /** Relative arrival rate at {@code day} days after the start. */
    double rate(double day) {
        double trend = Math.pow(1.0 + growthPerYear, day / DAYS_PER_YEAR);
        double season = 1.0 + seasonality * Math.cos(2 * Math.PI * (startDayOfYear + day - peakDayOfYear) / DAYS_PER_YEAR);
        return trend * season;
    }

    /** An arrival time in days after the start, in [0, periodDays). */
    double drawDay(RandomDraws draws) {
        while (true) {
            double day = draws.uniform() * periodDays;
            if (draws.uniform() * bound < rate(day)) return day;
        }
    }
}
