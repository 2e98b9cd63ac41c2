package io.churnlens.impact;

import io.churnlens.config.SensitivitySettings;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.SensitivityColumns;
import org.apache.spark.sql.Column;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * One definition of churn for {@code churn_sensitivity}, as conditions on the as-of quarter's grid rows: every
 * inactivity threshold reads the same two columns (the last purchase by the previous quarter end and by T), so all
 * thresholds come from the one pass that built the grid.
 *
 * @param basis     {@link SensitivityColumns#INACTIVITY} or {@link SensitivityColumns#P_ALIVE}
 * @param threshold days, or the P(alive) cut-off
 * @param headline  the run's own definition (churn.inactivity-days)
 */
record SensitivityDefinition(String basis, double threshold, boolean headline) {

    /** The configured definitions, the headline threshold added when not listed: inactivity first, ascending. */
    static List<SensitivityDefinition> all(SensitivitySettings settings, int headlineDays) {
        List<Integer> days = new ArrayList<>(settings.inactivityDays());
        if (!days.contains(headlineDays)) days.add(headlineDays);
        List<SensitivityDefinition> out = new ArrayList<>();
        days.stream().sorted().forEach(d -> out.add(new SensitivityDefinition(SensitivityColumns.INACTIVITY, d, d == headlineDays)));
        for (double c : settings.pAliveCutoffs()) out.add(new SensitivityDefinition(SensitivityColumns.P_ALIVE, c, false));
        return out;
    }

    boolean byInactivity() {
        return basis.equals(SensitivityColumns.INACTIVITY);
    }

    int days() {
        return (int) threshold;
    }

    String label() {
        return byInactivity() ? "inactive " + days() + " days" : String.format(Locale.ROOT, "P(alive) < %s", trim(threshold));
    }

    /**
     * Active at the start of the quarter: the last purchase by the previous quarter end at most {@code days} before
     * it (a P(alive) definition starts from the headline's active customers).
     */
    Column activeAtStart(LocalDate previousEnd, int headlineDays) {
        int d = byInactivity() ? days() : headlineDays;
        return col(CustomerQuarters.LAST_PURCHASE_AT_START).geq(lit(Date.valueOf(previousEnd.minusDays(d))));
    }

    /** Departed in the quarter: active at its start and, by this definition, no longer at T. */
    Column departed(LocalDate previousEnd, LocalDate asOf, int headlineDays) {
        Column gone = byInactivity()
                ? col(CustomerQuarters.LAST_PURCHASE).lt(lit(Date.valueOf(asOf.minusDays(days()))))
                : col(ClvColumns.P_ALIVE).lt(lit(threshold));
        return activeAtStart(previousEnd, headlineDays).and(gone);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
