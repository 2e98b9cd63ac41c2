package io.churnlens.report;

import io.churnlens.schema.ModelColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * The management report's sentence on a retention campaign: from the champion's {@code campaign} rows of
 * model_metrics (the holdout ranked by churn probability, model.campaign.*), the share of customers worth
 * contacting and the expected profit, scaled to the customers scored as of T when customer_scores is there.
 */
public final class CampaignLine {
    private CampaignLine() {}

    /** @param valueColumn model.campaign.value-column, named in the sentence */
    public static Optional<String> from(Optional<Dataset<Row>> modelMetrics, Optional<Dataset<Row>> scores,
                                        String valueColumn) {
        if (modelMetrics.isEmpty()) return Optional.empty();
        List<Row> rows = modelMetrics.get().where(col(ModelColumns.CHAMPION)
                .and(col(ModelColumns.KIND).equalTo(ModelColumns.KIND_CAMPAIGN)).and(col(ModelColumns.BIN).isNull()))
                .select(ModelColumns.SCORER, ModelColumns.NAME, ModelColumns.VALUE).collectAsList();
        Map<String, Double> v = new HashMap<>();
        rows.forEach(r -> v.put(r.getString(1), r.isNullAt(2) ? null : r.getDouble(2)));
        if (rows.isEmpty() || v.get(ModelColumns.CAMPAIGN_BEST_CONTACT_SHARE) == null) return Optional.empty();
        return Optional.of(sentence(rows.get(0).getString(0), v, scores.map(Dataset::count), valueColumn));
    }

    static String sentence(String scorer, Map<String, Double> v, Optional<Long> scored, String valueColumn) {
        String worth = valueColumn.equals("spend_365d") ? "last year's net revenue" : "its " + valueColumn;
        double share = v.get(ModelColumns.CAMPAIGN_BEST_CONTACT_SHARE);
        double perCustomer = v.get(ModelColumns.CAMPAIGN_BEST_PROFIT_PER_CUSTOMER);
        String scale = scored.map(n -> String.format(Locale.ROOT, " For the %,d customers scored now: about %,d contacts, "
                + "expected profit about %,.0f.", n, Math.round(share * n), perCustomer * n)).orElse("");
        return String.format(Locale.ROOT, "Retention campaign (model estimate, %s ranking; assumptions: %.2f per contact, "
                        + "%.0f%% of contacted churners kept, a kept customer worth %s): contacting the "
                        + "%.1f%% of customers most likely to churn maximises the expected profit, %.2f per customer of the "
                        + "base (on the model's holdout: %,.0f contacts of %,.0f, expected %,.0f, realised %,.0f).%s",
                scorer, v.get(ModelColumns.CAMPAIGN_COST_PER_CONTACT), 100 * v.get(ModelColumns.CAMPAIGN_SAVE_RATE), worth,
                100 * share, perCustomer, v.get(ModelColumns.CAMPAIGN_BEST_CONTACTS), v.get(ModelColumns.CAMPAIGN_CUSTOMERS),
                v.get(ModelColumns.CAMPAIGN_BEST_PROFIT), v.get(ModelColumns.CAMPAIGN_REALISED_PROFIT), scale);
    }
}
