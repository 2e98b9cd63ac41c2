package io.churnlens.impact;

import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.ShiftedBetaGeometricFitter;
import io.churnlens.btyd.ShiftedBetaGeometricModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.churnlens.impact.CustomerQuarters.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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

    public static List<Row> of(Dataset<Row> grid, QuarterCalendar calendar, int minCustomers, int projectionQuarters) {
        List<Row> cells = grid.groupBy(FIRST_INDEX, QuarterCalendar.INDEX).agg(
                        count(lit(1)), count(when(col(ACTIVE_END), 1)), count(when(col(PURCHASED), 1)),
                        count(when(not(col(EVER_DEPARTED)), 1)), sum(REVENUE))
                .orderBy(FIRST_INDEX, QuarterCalendar.INDEX).collectAsList();
        Map<Integer, List<Row>> byCohort = new TreeMap<>();
        for (Row r : cells) byCohort.computeIfAbsent(r.getInt(0), k -> new ArrayList<>()).add(r);
        List<Row> out = new ArrayList<>();
        byCohort.forEach((cohort, rows) -> out.addAll(cohortRows(cohort, rows, calendar, minCustomers, projectionQuarters)));
        return out;
    }

    private static List<Row> cohortRows(int cohort, List<Row> rows, QuarterCalendar calendar, int minCustomers,
                                        int projectionQuarters) {
        long size = rows.get(0).getLong(2);
        long[] survivors = rows.stream().mapToLong(r -> r.getLong(5)).toArray();
        Projection p = size < minCustomers
                ? Projection.none("no projection: cohort of " + size + " customers is below impact.cohort-min-customers")
                : project(survivors);
        int lag = p.lag();
        java.util.function.IntToDoubleFunction survival = p.survival();
        Double alpha = p.alpha();
        Double beta = p.beta();
        String note = p.note();
        List<Row> out = new ArrayList<>();
        int observed = rows.size();
        for (int k = 0; k < observed + (survival == null ? 0 : projectionQuarters); k++) {
            Row r = k < observed ? rows.get(k) : null;
            Double projected = survival == null ? null : survivors[0] * survival.applyAsDouble(Math.max(0, k - lag));
            out.add(RowFactory.create(calendar.label(cohort), k, io.churnlens.io.Quarters.label(calendar.start(cohort).plusMonths(3L * k)),
                    size, r != null,
                    r == null ? null : r.getLong(3), r == null ? null : r.getLong(4), r == null ? null : r.getLong(5),
                    r == null ? null : ObservedQuarters.money((BigDecimal) r.get(6)),
                    r == null ? null : (double) r.getLong(3) / size,
                    projected, projected == null ? null : projected / size,
                    alpha, beta, note));
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
