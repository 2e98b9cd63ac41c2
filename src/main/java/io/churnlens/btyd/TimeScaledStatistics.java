package io.churnlens.btyd;

/**
 * The purchase statistics with time divided by the customers' mean T, as both purchase-model fitters use them: in
 * these units the rate parameters are of order one whatever the time unit or the length of the window, which keeps
 * the optimiser's starts and steps sensible.
 *
 * @param customers all customers (sum of weights)
 * @param scale     the mean T, in the original time unit
 * @param scaled    the statistics with t_x and T divided by {@code scale}
 * @param meanRate  mean repeat purchases per scaled unit, floored at 0.05 (a start value, not an estimate)
 */
record TimeScaledStatistics(double customers, double scale, StatisticChunks<RfmTable> scaled, double meanRate) {
    static TimeScaledStatistics of(StatisticChunks<RfmTable> table) {
        double customers = table.sum(RfmTable::customers);
        double scale = table.sum(c -> c.weightedMean(c::t) * c.customers()) / customers;
        StatisticChunks<RfmTable> scaled = table.map(c -> c.rescaled(scale));
        double rate = Math.max(scaled.sum(c -> c.weightedMean(c::x) * c.customers()) / customers, 0.05);
        return new TimeScaledStatistics(customers, scale, scaled, rate);
    }
}
