package io.churnlens.impact;

import java.math.BigDecimal;

/**
 * Observed figures of one quarter (inactivity rule), collected to the driver: a few dozen rows at most.
 * Money is net revenue in the reporting currency.
 */
public record QuarterObservation(int index, long customersStart, long customersNew, long customersReactivated,
                                 long customersDeparted, long customersEnd, BigDecimal revenueLost,
                                 BigDecimal annualRevenue, long yearAgoCustomers, BigDecimal yearAgoRevenueBefore,
                                 BigDecimal yearAgoRevenueNow, BigDecimal yearAgoRevenueOfDeparted) {

    public Double churnRate() {
        return customersStart == 0 ? null : (double) customersDeparted / customersStart;
    }

    public Double retentionRate() {
        Double churn = churnRate();
        return churn == null ? null : 1 - churn;
    }

    public Double revenueLostShare() {
        return ratio(revenueLost, annualRevenue);
    }

    /** Share of last year's revenue of the year-ago customers that came from those now no longer active. */
    public Double revenueChurnRate() {
        return ratio(yearAgoRevenueOfDeparted, yearAgoRevenueBefore);
    }

    public Double netRevenueRetention() {
        return ratio(yearAgoRevenueNow, yearAgoRevenueBefore);
    }

    /** Mean annual value of a departed customer, or null when nobody departed. */
    public Double meanValueOfDeparted() {
        return customersDeparted == 0 ? null : revenueLost.doubleValue() / customersDeparted;
    }

    static Double ratio(BigDecimal a, BigDecimal b) {
        return b == null || b.signum() <= 0 || a == null ? null : a.doubleValue() / b.doubleValue();
    }
}
