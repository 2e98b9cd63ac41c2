package io.churnlens.simulate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;

/**
 * The ground-truth row of a customer ({@code SimulationColumns.Truth}), as of the snapshot T with horizon H.
 *
 * <p>Two views of the history up to T, on purpose:
 * <ul>
 *   <li>{@code x}, {@code t_x_weeks}, {@code t_cal_weeks} are what a features stage computes from the export:
 *       purchase <em>days</em> (several purchases on one calendar day count once; returns are not purchases),
 *       T and t_x as whole days divided by 7;</li>
 *   <li>{@code p_alive} and {@code p_no_purchase} use the exact event history (each purchase instant, T measured to
 *       the end of day T), which is the true posterior given the customer's group parameters: no model can beat it
 *       on average. The two views differ only when two purchases fall on one day, and by under a day in t_x and T.</li>
 * </ul>
 * Customers acquired after T have nulls in every as-of column.
 */
final class GroundTruth implements Serializable {
    private final SimulationPlan plan;
    private final ExportRows exportRows;
    private final long startEpochDay;

    GroundTruth(SimulationPlan plan, ExportRows exportRows) {
        this.plan = plan;
        this.exportRows = exportRows;
        this.startEpochDay = plan.startDate.toEpochDay();
    }

    /**
     * The row with dates as days since 1970-01-01 (integers): {@code Simulation} turns them into dates with a column
     * expression, which works whatever Java date types the session's encoders expect.
     */
    Row row(SimulatedCustomer c) {
        CustomerGroup g = c.group();
        double[] days = c.purchaseDays();
        int[] exported = exportRows.cleanRowCounts(c);
        Integer dropoutDate = c.droppedOutBefore(plan.exportEndDay) ? epochDay(c.dropoutDay()) : null;
        double expectedSpend = plan.settings.spend().p() / c.spendNu();

        Integer x = null;
        Double txWeeks = null;
        Double tCalWeeks = null;
        Boolean aliveAtAsOf = null;
        Double pAlive = null;
        Double pNoPurchase = null;
        Boolean noPurchaseInHorizon = null;
        int cutoff = plan.truthCutoffDay;
        if (c.acquisitionDay() < cutoff) {
            int seen = countBefore(days, cutoff);
            x = distinctDays(days, seen) - 1;
            long firstDay = (long) Math.floor(days[0]);
            txWeeks = (Math.floor(days[seen - 1]) - firstDay) / SimulationPlan.DAYS_PER_WEEK;
            tCalWeeks = (cutoff - 1 - firstDay) / SimulationPlan.DAYS_PER_WEEK;

            int repeatEvents = seen - 1;
            double exactTx = (days[seen - 1] - days[0]) / SimulationPlan.DAYS_PER_WEEK;
            double exactT = (cutoff - days[0]) / SimulationPlan.DAYS_PER_WEEK;
            double horizonWeeks = plan.settings.horizonDays() / SimulationPlan.DAYS_PER_WEEK;
            pAlive = BgNbd.probabilityAlive(g.r(), g.alpha(), g.a(), g.b(), repeatEvents, exactTx, exactT);
            pNoPurchase = BgNbd.probabilityNoPurchase(g.r(), g.alpha(), g.a(), g.b(), repeatEvents, exactTx, exactT,
                    horizonWeeks);
            aliveAtAsOf = !c.droppedOutBefore(cutoff);
            noPurchaseInHorizon = countBefore(days, plan.horizonEndDay) == seen;
        }
        return RowFactory.create(c.id(), g.country(), g.channel(), g.r(), g.alpha(), g.a(), g.b(), c.lambdaPerWeek(),
                c.dropoutP(), c.spendNu(), expectedSpend, epochDay(c.acquisitionDay()), dropoutDate, exported[0],
                exported[1], Math.toIntExact(startEpochDay + cutoff - 1), plan.settings.horizonDays(), x, txWeeks,
                tCalWeeks, aliveAtAsOf, pAlive, pNoPurchase, noPurchaseInHorizon);
    }

    private int epochDay(double day) {
        return Math.toIntExact(startEpochDay + (long) Math.floor(day));
    }

    /** Number of purchases strictly before {@code day} (purchases are sorted). */
    static int countBefore(double[] days, int day) {
        int n = 0;
        while (n < days.length && days[n] < day) n++;
        return n;
    }

    static int distinctDays(double[] days, int count) {
        int distinct = 0;
        double previous = Double.NaN;
        for (int i = 0; i < count; i++) {
            double d = Math.floor(days[i]);
            if (d != previous) distinct++;
            previous = d;
        }
        return distinct;
    }
}
