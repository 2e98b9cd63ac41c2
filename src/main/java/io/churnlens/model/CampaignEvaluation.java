package io.churnlens.model;

import io.churnlens.config.ModelOptions;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Every evaluated scorer's {@link CampaignProfit} on the holdout customers: their calibrated probabilities (scored
 * with the whole labelled population, as the metrics are), the value of each (model.campaign.value-column ×
 * clv.margin, as of the training cutoff; null counts as 0) and the observed label.
 */
final class CampaignEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignEvaluation.class);

    private CampaignEvaluation() {}

    /** The profits by scorer, and the note (null when computed). */
    record Outcome(Map<String, CampaignProfit> profits, String note) {}

    static Outcome of(List<EvaluatedScorer> evaluated, Dataset<Row> data, ModelOptions.Campaign campaign, double margin) {
        if (!Arrays.asList(data.columns()).contains(campaign.valueColumn())) {
            String note = "no campaign profit: model.campaign.value-column '" + campaign.valueColumn()
                    + "' is not a customer_features column";
            LOG.warn(note);
            return new Outcome(Map.of(), note);
        }
        Map<String, CampaignProfit> out = new LinkedHashMap<>();
        for (EvaluatedScorer e : evaluated) {
            List<Row> rows = e.probabilities(data, ScoreColumns.CHURN_PROBABILITY)
                    .where(col(ModelFrame.SPLIT).equalTo(ModelFrame.HOLDOUT))
                    // by customer: exact ties rank the same on any partitioning
                    .orderBy(col(FeatureColumns.CUSTOMER_ID))
                    .select(col(ScoreColumns.CHURN_PROBABILITY),
                            coalesce(col(campaign.valueColumn()).cast("double"), lit(0.0)).multiply(margin),
                            col(FeatureColumns.CHURNED).cast("int"))
                    .collectAsList();
            double[] p = new double[rows.size()], v = new double[rows.size()];
            int[] y = new int[rows.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = rows.get(i).getDouble(0);
                v[i] = rows.get(i).getDouble(1);
                y[i] = rows.get(i).getInt(2);
            }
            CampaignProfit c = CampaignProfit.of(p, v, y, campaign.costPerContact(), campaign.saveRate());
            LOG.info("{}: campaign on the holdout: contact {} of {}, expected profit {}, realised {}", e.name(),
                    c.bestContacts(), c.customers(), c.bestProfit(), c.realisedAtBest());
            out.put(e.name(), c);
        }
        return new Outcome(out, null);
    }
}
