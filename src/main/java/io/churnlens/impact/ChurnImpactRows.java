package io.churnlens.impact;

import io.churnlens.config.ImpactSettings;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.churnlens.schema.ImpactColumns.*;

/**
 * Assembles the {@code churn_impact} rows (schema ImpactColumns.CHURN_IMPACT_SCHEMA) from the observed quarters,
 * the model-based figures of the as-of quarter and the economics. A figure that cannot be computed is null and the
 * row's note says why; nothing missing is shown as 0.
 */
final class ChurnImpactRows {
    private ChurnImpactRows() {}

    /** Figures known only for the as-of quarter; a null field means "not available", with the reason in notes. */
    record AsOfFigures(ModelFigures model, RevenueAtRisk.Summary risk, List<String> notes) {}

    /** Acquisition cost of one quarter: spend / new customers; null (with a note) when either is missing. */
    private record Economics(BigDecimal spend, Double acquisitionCost, String note) {
        static Economics of(QuarterObservation q, String label, ImpactSettings settings) {
            BigDecimal spend = settings.spendFor(label);
            if (spend == null) {
                return new Economics(null, null, "acquisition cost: no marketing spend for " + label + " in impact.marketing-spend");
            }
            if (q.customersNew() == 0) return new Economics(spend, null, "acquisition cost: no new customers in " + label);
            return new Economics(spend, spend.doubleValue() / q.customersNew(), null);
        }
    }

    static List<Row> of(List<QuarterObservation> quarters, QuarterCalendar calendar, AsOfFigures asOf,
                        ImpactSettings settings, LocalDate firstDataDay, int inactivityDays) {
        List<Row> rows = new ArrayList<>();
        int first = Math.max(0, calendar.lastIndex() - settings.historyQuarters() + 1);
        for (QuarterObservation q : quarters) {
            // Warm-up: until the threshold has passed since the first day of data nobody can have left yet, and
            // customers_start misses those who bought before the data begins; such quarters would read as 0% churn.
            boolean warmUp = calendar.start(q.index()).isBefore(firstDataDay.plusDays(inactivityDays));
            boolean current = q.index() == calendar.lastIndex();
            if (q.index() < first || (warmUp && !current)) continue;
            rows.add(row(q, calendar, current ? asOf : null, settings));
        }
        return rows;
    }

    /** @param asOf the as-of quarter's figures, or null for an earlier quarter */
    private static Row row(QuarterObservation q, QuarterCalendar calendar, AsOfFigures asOf, ImpactSettings settings) {
        String label = calendar.label(q.index());
        Economics economics = Economics.of(q, label, settings);
        List<String> notes = new ArrayList<>();
        if (economics.note() != null) notes.add(economics.note());
        if (q.yearAgoCustomers() == 0) notes.add("net revenue retention: no customers active a year earlier");
        if (asOf != null) {
            notes.addAll(asOf.notes());
        } else {
            notes.add("model-based figures and revenue at risk are in this quarter's own as_of partition");
        }
        NamedRow row = observed(new NamedRow(CHURN_IMPACT_SCHEMA), q, calendar)
                .set(MARKETING_SPEND, economics.spend() == null ? null : economics.spend().setScale(2, RoundingMode.HALF_UP))
                .set(ACQUISITION_COST, economics.acquisitionCost())
                .set(COST_TO_REPLACE_DEPARTED,
                        economics.acquisitionCost() == null ? null : economics.acquisitionCost() * q.customersDeparted())
                .set(NOTE, notes.isEmpty() ? null : String.join("; ", notes));
        if (asOf != null) modelBased(row, asOf, economics.acquisitionCost());
        return row.row();
    }

    private static NamedRow observed(NamedRow row, QuarterObservation q, QuarterCalendar calendar) {
        return row.set(QUARTER, calendar.label(q.index()))
                .set(QUARTER_START, java.sql.Date.valueOf(calendar.start(q.index())))
                .set(QUARTER_END, java.sql.Date.valueOf(calendar.end(q.index())))
                .set(CUSTOMERS_START, q.customersStart()).set(CUSTOMERS_NEW, q.customersNew())
                .set(CUSTOMERS_REACTIVATED, q.customersReactivated()).set(CUSTOMERS_DEPARTED, q.customersDeparted())
                .set(CUSTOMERS_END, q.customersEnd()).set(CHURN_RATE, q.churnRate()).set(RETENTION_RATE, q.retentionRate())
                .set(REVENUE_LOST, q.revenueLost()).set(ANNUAL_REVENUE, q.annualRevenue())
                .set(REVENUE_LOST_SHARE, q.revenueLostShare()).set(YEAR_AGO_CUSTOMERS, q.yearAgoCustomers())
                .set(YEAR_AGO_REVENUE_BEFORE, q.yearAgoRevenueBefore()).set(YEAR_AGO_REVENUE_NOW, q.yearAgoRevenueNow())
                .set(REVENUE_CHURN_RATE, q.revenueChurnRate()).set(NET_REVENUE_RETENTION, q.netRevenueRetention());
    }

    private static void modelBased(NamedRow row, AsOfFigures asOf, Double acquisitionCost) {
        ModelDropouts.Result d = asOf.model().dropouts();
        RevenueAtRisk.Summary risk = asOf.risk();
        Double meanClv = asOf.model().meanClvOfNew();
        row.set(MODEL_EXPECTED_DROPOUTS, d == null ? null : d.expectedDropouts())
                .set(MODEL_DROPOUT_REVENUE, d == null ? null : d.revenue())
                .set(CLV_LOST, asOf.model().clvLost())
                .set(VALUE_TO_ACQUISITION_COST,
                        acquisitionCost != null && meanClv != null && acquisitionCost > 0 ? meanClv / acquisitionCost : null);
        if (risk != null) {
            row.set(REVENUE_AT_RISK, risk.total()).set(REVENUE_AT_RISK_TOP_SEGMENT, risk.topSegment())
                    .set(REVENUE_AT_RISK_TOP_SEGMENT_SHARE, risk.topSegmentShare())
                    .set(REVENUE_AT_RISK_TOP_DECILE_SHARE, risk.topDecileShare());
        }
    }
}
