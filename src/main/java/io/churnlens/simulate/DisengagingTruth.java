package io.churnlens.simulate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;

/**
 * The ground-truth row of a disengaging-world customer ({@code SimulationColumns.Truth.DISENGAGING_SCHEMA}): the
 * BG/NBD world's columns, filled as its schema documents for this world, then the hidden state and the Monte-Carlo
 * estimates. Dates as days since 1970-01-01, as {@link GroundTruth} writes them.
 */
final class DisengagingTruth implements Serializable {
    private final SimulationPlan plan;
    private final ExportRows exportRows;
    private final long startEpochDay;
    private final double engagementFloor;

    DisengagingTruth(SimulationPlan plan, ExportRows exportRows, DisengagingParameters params) {
        this.plan = plan;
        this.exportRows = exportRows;
        this.engagementFloor = params.engagementFloor();
        this.startEpochDay = plan.startDate.toEpochDay();
    }

    Row row(DisengagingCustomer d) {
        SimulatedCustomer c = d.life();
        CustomerGroup g = c.group();
        double[] days = c.purchaseDays();
        int[] exported = exportRows.cleanRowCounts(c);
        Integer dropoutDate = c.droppedOutBefore(plan.exportEndDay) ? epochDay(c.dropoutDay()) : null;
        Integer onsetDate = d.onsetDay() < plan.exportEndDay ? epochDay(d.onsetDay()) : null;
        double expectedSpend = plan.settings.spend().p() / c.spendNu();
        int cutoff = plan.truthCutoffDay;
        Object[] asOf = new Object[11];
        if (d.atCutoff() != null) {
            LifeState s = d.atCutoff();
            int seen = GroundTruth.countBefore(days, cutoff);
            long firstDay = (long) Math.floor(days[0]);
            asOf[0] = GroundTruth.distinctDays(days, seen) - 1;
            asOf[1] = (Math.floor(days[seen - 1]) - firstDay) / SimulationPlan.DAYS_PER_WEEK;
            asOf[2] = (cutoff - 1 - firstDay) / SimulationPlan.DAYS_PER_WEEK;
            asOf[3] = !s.droppedOut();
            asOf[4] = s.droppedOut() ? 0.0 : 1.0;
            asOf[5] = d.truth().pNoPurchase();
            asOf[6] = GroundTruth.countBefore(days, plan.horizonEndDay) == seen;
            asOf[7] = s.engagement(cutoff, engagementFloor);
            asOf[8] = s.returns;
            asOf[9] = d.truth().pAliveAtEnd();
            asOf[10] = d.truth().futures();
        }
        return RowFactory.create(c.id(), g.country(), g.channel(), g.r(), g.alpha(), Double.NaN, Double.NaN,
                c.lambdaPerWeek(), Double.NaN, c.spendNu(), expectedSpend, epochDay(c.acquisitionDay()), dropoutDate,
                exported[0], exported[1], Math.toIntExact(startEpochDay + cutoff - 1), plan.settings.horizonDays(),
                asOf[0], asOf[1], asOf[2], asOf[3], asOf[4], asOf[5], asOf[6], d.hazardPerWeek(),
                d.returnPropensity(), d.leadDays(), onsetDate, asOf[7], asOf[8], asOf[9], asOf[10]);
    }

    private int epochDay(double day) {
        return Math.toIntExact(startEpochDay + (long) Math.floor(day));
    }
}
