package io.churnlens.impact;

import io.churnlens.config.ImpactSettings;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the {@code churn_impact} rows (schema ImpactColumns.CHURN_IMPACT_SCHEMA) from the observed quarters,
 * the model-based figures of the as-of quarter and the economics. A figure that cannot be computed is null and the
 * row's note says why; nothing missing is shown as 0.
 */
public final class ChurnImpactRows {
    private ChurnImpactRows() {}

    /** Figures known only for the as-of quarter; a null field means "not available", with the reason in notes. */
    public record AsOfFigures(ModelDropouts.Result dropouts, Double clvLost, RevenueAtRisk.Summary risk,
                              Double meanClvOfNew, List<String> notes) {}

    public static List<Row> of(List<QuarterObservation> quarters, QuarterCalendar calendar, AsOfFigures asOf,
                               ImpactSettings settings, java.time.LocalDate firstDataDay, int inactivityDays) {
        List<Row> rows = new ArrayList<>();
        int first = Math.max(0, calendar.lastIndex() - settings.historyQuarters() + 1);
        for (QuarterObservation q : quarters) {
            // Warm-up: until the threshold has passed since the first day of data nobody can have left yet, and
            // customers_start misses those who bought before the data begins; such quarters would read as 0% churn.
            boolean warmUp = calendar.start(q.index()).isBefore(firstDataDay.plusDays(inactivityDays));
            if (q.index() < first || (warmUp && q.index() != calendar.lastIndex())) continue;
            boolean current = q.index() == calendar.lastIndex();
            List<String> notes = new ArrayList<>();
            String label = calendar.label(q.index());
            BigDecimal spend = settings.spendFor(label);
            Double acquisitionCost = null;
            if (spend == null) {
                notes.add("acquisition cost: no marketing spend for " + label + " in impact.marketing-spend");
            } else if (q.customersNew() == 0) {
                notes.add("acquisition cost: no new customers in " + label);
            } else {
                acquisitionCost = spend.doubleValue() / q.customersNew();
            }
            Double valueToCost = null;
            if (current && acquisitionCost != null && asOf.meanClvOfNew() != null && acquisitionCost > 0) {
                valueToCost = asOf.meanClvOfNew() / acquisitionCost;
            }
            if (q.yearAgoCustomers() == 0) notes.add("net revenue retention: no customers active a year earlier");
            if (current) {
                notes.addAll(asOf.notes());
            } else {
                notes.add("model-based figures and revenue at risk are in this quarter's own as_of partition");
            }
            ModelDropouts.Result d = current ? asOf.dropouts() : null;
            RevenueAtRisk.Summary risk = current ? asOf.risk() : null;
            rows.add(RowFactory.create(label, java.sql.Date.valueOf(calendar.start(q.index())),
                    java.sql.Date.valueOf(calendar.end(q.index())), q.customersStart(), q.customersNew(),
                    q.customersReactivated(), q.customersDeparted(), q.customersEnd(), q.churnRate(), q.retentionRate(),
                    q.revenueLost(), q.annualRevenue(), q.revenueLostShare(), q.yearAgoCustomers(),
                    q.yearAgoRevenueBefore(), q.yearAgoRevenueNow(), q.revenueChurnRate(), q.netRevenueRetention(),
                    d == null ? null : d.expectedDropouts(), d == null ? null : d.revenue(),
                    current ? asOf.clvLost() : null,
                    risk == null ? null : risk.total(), risk == null ? null : risk.topSegment(),
                    risk == null ? null : risk.topSegmentShare(), risk == null ? null : risk.topDecileShare(),
                    spend == null ? null : spend.setScale(2, java.math.RoundingMode.HALF_UP), acquisitionCost,
                    acquisitionCost == null ? null : acquisitionCost * q.customersDeparted(), valueToCost,
                    notes.isEmpty() ? null : String.join("; ", notes)));
        }
        return rows;
    }
}
