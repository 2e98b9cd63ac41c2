package io.churnlens.impact;

import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.ShiftedBetaGeometricFitter;
import io.churnlens.btyd.ShiftedBetaGeometricModel;
import org.apache.spark.sql.Dataset;
import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The retention matrix by acquisition quarter (the quarter of the first purchase) × quarters since acquisition, and
 * each cohort's curve projected with the shifted-beta-geometric model (Fader and Hardie 2007).
 *
 * <p>The sBG counts a customer as lost once, so it is fitted on the customers <em>surviving</em> (not yet departed
 * by the inactivity rule, never counted back): a non-increasing series. {@code customers_active} (reactivated
 * customers counted again) and {@code customers_purchasing} are reported beside it. A cohort smaller than
 * {@code cohort-min-customers}, observed for one quarter only, or whose fit does not converge gets no projection and
 * says why in {@code note}.
 */
public final class CohortRetention {
    private CohortRetention() {}

    static List<Row> of(GridCells grid, QuarterCalendar calendar, int minCustomers, int projectionQuarters) {
        Map<Integer, List<GridCells.Cell>> byCohort = new TreeMap<>();
        for (GridCells.Cell c : grid.cells()) byCohort.computeIfAbsent(c.cohort(), k -> new ArrayList<>()).add(c);
        List<Row> out = new ArrayList<>();
        byCohort.forEach((cohort, cells) -> out.addAll(cohortRows(cohort, cells, calendar, minCustomers, projectionQuarters)));
        return out;
    }

    private static List<Row> cohortRows(int cohort, List<GridCells.Cell> cells, QuarterCalendar calendar,
                                        int minCustomers, int projectionQuarters) {
        long size = cells.get(0).customers();
        long[] survivors = cells.stream().mapToLong(GridCells.Cell::surviving).toArray();
        Projection p = size < minCustomers
                ? Projection.none("no projection: cohort of " + size + " customers is below impact.cohort-min-customers")
                : project(survivors);
        List<Row> out = new ArrayList<>();
        int observed = cells.size();
        for (int k = 0; k < observed + (p.survival() == null ? 0 : projectionQuarters); k++) {
            GridCells.Cell c = k < observed ? cells.get(k) : null;
            Double projected = p.survival() == null ? null
                    : survivors[0] * p.survival().applyAsDouble(Math.max(0, k - p.lag()));
            out.add(new NamedRow(ImpactColumns.COHORT_SCHEMA)
                    .set(ImpactColumns.COHORT, calendar.label(cohort))
                    .set(ImpactColumns.QUARTERS_SINCE, k)
                    .set(ImpactColumns.QUARTER, io.churnlens.io.Quarters.label(calendar.start(cohort).plusMonths(3L * k)))
                    .set(ImpactColumns.COHORT_CUSTOMERS, size)
                    .set(ImpactColumns.OBSERVED, c != null)
                    .set(ImpactColumns.CUSTOMERS_ACTIVE, c == null ? null : c.end())
                    .set(ImpactColumns.CUSTOMERS_PURCHASING, c == null ? null : c.purchasing())
                    .set(ImpactColumns.CUSTOMERS_SURVIVING, c == null ? null : c.surviving())
                    .set(ImpactColumns.REVENUE, c == null ? null : ObservedQuarters.money(c.revenue()))
                    .set(ImpactColumns.RETENTION, c == null ? null : (double) c.end() / size)
                    .set(ImpactColumns.PROJECTED_SURVIVORS, projected)
                    .set(ImpactColumns.PROJECTED_RETENTION, projected == null ? null : projected / size)
                    .set(ImpactColumns.SBG_ALPHA, p.alpha())
                    .set(ImpactColumns.SBG_BETA, p.beta())
                    .set(ImpactColumns.NOTE, p.note())
                    .row());
        }
        return out;
    }

    /** A cohort's projected share still a customer k quarters after {@code lag}; survival null = no projection. */
    record Projection(int lag, java.util.function.IntToDoubleFunction survival, Double alpha, Double beta, String note) {
        static Projection none(String note) {
            return new Projection(0, null, null, null, note);
        }
    }

    /**
     * Fits the cohort's survivors (n_0 = cohort size, then the number not yet departed after each quarter). The
     * inactivity threshold delays every departure, so nobody is seen leaving in the first quarter(s): the curve
     * starts at the last quarter before the first departure, making the sBG's period 1 one in which customers could
     * actually leave (an sBG cannot produce a period without churn followed by churn).
     */
    static Projection project(long[] survivors) {
        if (survivors.length < 2) return Projection.none("no projection: one quarter observed");
        int lag = 0;
        while (lag + 1 < survivors.length && survivors[lag + 1] == survivors[0]) lag++;
        long[] fitted = java.util.Arrays.copyOfRange(survivors, lag, survivors.length);
        if (fitted.length < 2) return Projection.none("no projection: no departures yet");
        // One quarter of departures fixes a single churn rate and no curve: projecting from it reads as a forecast.
        if (fitted.length < 3) return Projection.none("no projection: departures seen in one quarter only");
        Fitted<ShiftedBetaGeometricModel> fit = ShiftedBetaGeometricFitter.fit(fitted);
        if (fit.converged()) {
            ShiftedBetaGeometricModel model = fit.model();
            return new Projection(lag, model::survival, model.alpha(), model.beta(),
                    "sBG fitted on customers_surviving from quarter " + lag);
        }
        // Parameters running off to infinity together is the sBG's limit without heterogeneity: one churn
        // probability for everyone. Its maximum-likelihood estimate is churned / customer-quarters at risk.
        double theta = geometricChurn(fitted);
        return new Projection(lag, k -> Math.pow(1 - theta, k), null, null, String.format(java.util.Locale.ROOT,
                "sBG not identified on this cohort (%s); projected with one churn probability per quarter, %.3f "
                        + "(the sBG's limit without heterogeneity), from quarter %d", fit.fit().verdict(), theta, lag));
    }

    /** Maximum-likelihood churn probability of a geometric (homogeneous) model on survivors n_0 >= n_1 >= ... */
    static double geometricChurn(long[] survivors) {
        long churned = survivors[0] - survivors[survivors.length - 1];
        long atRisk = 0;
        for (int t = 0; t < survivors.length - 1; t++) atRisk += survivors[t];
        return atRisk == 0 ? 0.0 : (double) churned / atRisk;
    }
}
