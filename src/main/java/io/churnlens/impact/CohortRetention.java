package io.churnlens.impact;

import io.churnlens.clv.Fitted;
import io.churnlens.clv.ShiftedBetaGeometricFitter;
import io.churnlens.clv.ShiftedBetaGeometricModel;
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
        ShiftedBetaGeometricModel model = null;
        String note;
        if (size < minCustomers) {
            note = "no projection: cohort of " + size + " customers is below impact.cohort-min-customers";
        } else if (survivors.length < 2) {
            note = "no projection: one quarter observed";
        } else if (survivors[survivors.length - 1] == survivors[0]) {
            note = "no projection: no departures yet";
        } else {
            Fitted<ShiftedBetaGeometricModel> fit = ShiftedBetaGeometricFitter.fit(survivors);
            model = fit.converged() ? fit.model() : null;
            note = fit.converged() ? "sBG fitted on customers_surviving" : "no projection: sBG fit did not converge: " + fit.fit().note();
        }
        List<Row> out = new ArrayList<>();
        int observed = rows.size();
        for (int k = 0; k < observed + (model == null ? 0 : projectionQuarters); k++) {
            Row r = k < observed ? rows.get(k) : null;
            Double projected = model == null ? null : size * model.survival(k);
            out.add(RowFactory.create(calendar.label(cohort), k, io.churnlens.io.Quarters.label(calendar.start(cohort).plusMonths(3L * k)),
                    size, r != null,
                    r == null ? null : r.getLong(3), r == null ? null : r.getLong(4), r == null ? null : r.getLong(5),
                    r == null ? null : ObservedQuarters.money((BigDecimal) r.get(6)),
                    r == null ? null : (double) r.getLong(3) / size,
                    projected, projected == null ? null : projected / size,
                    model == null ? null : model.alpha(), model == null ? null : model.beta(), note));
        }
        return out;
    }
}
