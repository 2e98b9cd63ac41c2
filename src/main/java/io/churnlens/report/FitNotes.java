package io.churnlens.report;

import io.churnlens.schema.ClvColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the purchase models' verdicts (clv_params: {@code fit_state}, {@code fit_note}) mean for the report's
 * figures, in words for management: nothing to say when every purchase model is identified; otherwise which
 * figures are estimates from a simpler model, or missing, and why.
 */
public final class FitNotes {
    /** The purchase models a run can fit (clv.purchase-model, with Pareto/NBD as the other): each gets its note. */
    private static final List<String> PURCHASE_MODELS = List.of("bg_nbd", "mbg_nbd", "pareto_nbd");
    private static final String SUPPLIED_BY_ANOTHER = ", which these data identify.";

    private FitNotes() {}

    /** One sentence per purchase model that is not identified, from the clv_params rows (any order). */
    public static List<String> from(List<Row> clvParams) {
        Map<String, Row> byModel = new LinkedHashMap<>();
        for (Row r : clvParams) {
            // A clv_params written before fit states existed says nothing here.
            if (!java.util.Arrays.asList(r.schema().fieldNames()).contains(ClvColumns.FIT_STATE)) return List.of();
            byModel.putIfAbsent(r.getAs(ClvColumns.MODEL), r);
        }
        boolean nbdUsed = byModel.containsKey("nbd");
        List<String> notes = new ArrayList<>();
        for (String model : PURCHASE_MODELS) {
            Row r = byModel.get(model);
            if (r == null) continue;
            String state = r.getAs(ClvColumns.FIT_STATE);
            String why = r.getAs(ClvColumns.FIT_NOTE);
            if ("boundary".equals(state) && nbdUsed && why.startsWith("no drop-out identified")) {
                notes.add("Purchase model " + model + ": the data of this window show no drop-out (the model without "
                        + "drop-out fits as well), so every customer counts as still active (P(alive) = 1): model-based "
                        + "drop-outs are zero and expected purchases and CLV come from that simpler model, which assumes "
                        + "nobody leaves; read them as upper bounds. Observed departures (inactivity rule) are unaffected.");
            } else if ("boundary".equals(state)) {
                notes.add("Purchase model " + model + " is not identified by these data (" + firstClause(why)
                        + "): its figures are not used" + insteadFrom(byModel, model));
            } else if ("failed".equals(state)) {
                notes.add("Purchase model " + model + " could not be fitted (" + firstClause(why)
                        + "): its figures are not used" + insteadFrom(byModel, model));
            }
        }
        return notes;
    }

    /** True when the note says the quarter's model-based figures are weaker, not merely which model supplies them. */
    public static boolean limitsFigures(String note) {
        return !note.endsWith(SUPPLIED_BY_ANOTHER);
    }

    /** "." or, when the other purchase model is identified, that it supplies the figures. */
    private static String insteadFrom(Map<String, Row> byModel, String model) {
        for (String other : PURCHASE_MODELS) {
            Row r = byModel.get(other);
            if (!other.equals(model) && r != null && "identified".equals(r.getAs(ClvColumns.FIT_STATE))) {
                return "; the purchase-model figures come from " + other + SUPPLIED_BY_ANOTHER;
            }
        }
        return ".";
    }

    private static String firstClause(String note) {
        int cut = note.indexOf("; ");
        return cut < 0 ? note : note.substring(0, cut);
    }
}
