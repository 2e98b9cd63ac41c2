package io.churnlens.model;

import io.churnlens.schema.ModelColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the long-format {@code model_metrics} / {@code model_backtest} rows ({@link ModelColumns}). */
public final class MetricsTable {
    /** Importance rows kept per scorer. */
    static final int TOP_FEATURES = 10;
    static final String ALL_SCORERS = "all";

    private final List<Row> rows = new ArrayList<>();

    /** Metrics and calibration table of one scorer on one evaluation set. */
    public MetricsTable add(String scorer, boolean champion, String evaluation, BinaryMetrics m, String note) {
        metric(scorer, champion, evaluation, "roc_auc", m.rocAuc(), note);
        metric(scorer, champion, evaluation, "pr_auc", m.prAuc(), null);
        metric(scorer, champion, evaluation, "brier", m.brier(), null);
        metric(scorer, champion, evaluation, "log_loss", m.logLoss(), null);
        metric(scorer, champion, evaluation, "top_decile_lift", m.topDecileLift(), null);
        metric(scorer, champion, evaluation, "top_decile_capture", m.topDecileCapture(), null);
        metric(scorer, champion, evaluation, "calibration_error", m.calibrationError(), "mean |predicted - observed| over deciles");
        metric(scorer, champion, evaluation, "customers", m.customers(), null);
        metric(scorer, champion, evaluation, "churners", m.churners(), null);
        for (BinaryMetrics.CalibrationBin b : m.calibration()) {
            row(scorer, champion, evaluation, ModelColumns.KIND_CALIBRATION, "predicted_mean", b.decile(), b.predictedMean(), null);
            row(scorer, champion, evaluation, ModelColumns.KIND_CALIBRATION, "observed_rate", b.decile(), b.observedRate(), null);
            row(scorer, champion, evaluation, ModelColumns.KIND_CALIBRATION, "customers", b.decile(), (double) b.customers(), null);
        }
        return this;
    }

    /** Every scorer of a training run: holdout and validation metrics, top features, hyper-parameters, balance. */
    public static MetricsTable of(TrainingResult result) {
        MetricsTable t = new MetricsTable();
        for (EvaluatedScorer e : result.evaluated()) {
            boolean champion = e == result.champion();
            String note = champion ? "champion: " + result.championReason() : null;
            t.add(e.name(), champion, ModelFrame.HOLDOUT, e.holdout(), note);
            t.add(e.name(), champion, ModelFrame.VALIDATION, e.validation(), null);
            int rank = 1;
            for (Map.Entry<String, Double> f : e.scorer().importances()) {
                if (rank > TOP_FEATURES) break;
                t.row(e.name(), champion, ModelFrame.TRAIN, ModelColumns.KIND_IMPORTANCE, f.getKey(), rank++, f.getValue(),
                        e.name().equals(LogisticScorer.NAME) ? "coefficient per standard deviation (log-odds)" : "impurity importance");
            }
            for (Map.Entry<String, Double> s : e.scorer().selection().entrySet()) {
                t.row(e.name(), champion, ModelFrame.TRAIN, ModelColumns.KIND_SELECTION, s.getKey(), null, s.getValue(), null);
            }
            t.row(e.name(), champion, ModelFrame.VALIDATION, ModelColumns.KIND_SELECTION, "platt_intercept", null, e.calibration().intercept(), null);
            t.row(e.name(), champion, ModelFrame.VALIDATION, ModelColumns.KIND_SELECTION, "platt_slope", null, e.calibration().slope(), null);
        }
        result.campaigns().forEach((scorer, c) -> t.campaign(scorer, result.champion().name().equals(scorer), c));
        if (result.campaignNote() != null) {
            t.row(ALL_SCORERS, false, ModelFrame.HOLDOUT, ModelColumns.KIND_CAMPAIGN, ModelColumns.CAMPAIGN_BEST_CONTACTS,
                    null, null, result.campaignNote());
        }
        result.classBalance().forEach((split, counts) -> {
            t.row(ALL_SCORERS, false, split, ModelColumns.KIND_CLASS_BALANCE, "customers", null, (double) counts[0], null);
            t.row(ALL_SCORERS, false, split, ModelColumns.KIND_CLASS_BALANCE, "churners", null, (double) counts[1], null);
            t.row(ALL_SCORERS, false, split, ModelColumns.KIND_CLASS_BALANCE, "churn_rate", null,
                    counts[0] == 0 ? null : (double) counts[1] / counts[0], null);
        });
        return t;
    }

    /**
     * A scorer's retention campaign on the holdout ({@link CampaignProfit}): the assumptions, the profit-maximising
     * number of contacts and its expected and realised profit, and the expected-profit curve by percent contacted.
     */
    private void campaign(String scorer, boolean champion, CampaignProfit c) {
        String h = ModelFrame.HOLDOUT, k = ModelColumns.KIND_CAMPAIGN;
        row(scorer, champion, h, k, ModelColumns.CAMPAIGN_COST_PER_CONTACT, null, c.costPerContact(), "model.campaign.cost-per-contact");
        row(scorer, champion, h, k, ModelColumns.CAMPAIGN_SAVE_RATE, null, c.saveRate(), "model.campaign.save-rate");
        row(scorer, champion, h, k, ModelColumns.CAMPAIGN_CUSTOMERS, null, (double) c.customers(), "holdout customers ranked");
        row(scorer, champion, h, k, ModelColumns.CAMPAIGN_BEST_CONTACTS, null, (double) c.bestContacts(),
                "the number of top-ranked customers to contact that maximises expected profit");
        row(scorer, champion, h, k, ModelColumns.CAMPAIGN_BEST_CONTACT_SHARE, null,
                c.customers() == 0 ? null : (double) c.bestContacts() / c.customers(), null);
        row(scorer, champion, h, k, ModelColumns.CAMPAIGN_BEST_PROFIT, null, c.bestProfit(),
                "sum of p x save_rate x value - contacts x cost");
        row(scorer, champion, h, k, ModelColumns.CAMPAIGN_BEST_PROFIT_PER_CUSTOMER, null,
                c.customers() == 0 ? null : c.bestProfit() / c.customers(), "per holdout customer ranked");
        row(scorer, champion, h, k, ModelColumns.CAMPAIGN_REALISED_PROFIT, null, c.realisedAtBest(),
                "the same contacts with the observed churners in place of p");
        for (int percent = 0; percent <= 100; percent++) {
            row(scorer, champion, h, k, ModelColumns.CAMPAIGN_PROFIT_CURVE, percent, c.profitAtPercent(percent), null);
        }
    }

    private void metric(String scorer, boolean champion, String evaluation, String name, double value, String note) {
        row(scorer, champion, evaluation, ModelColumns.KIND_METRIC, name, null, value, note);
    }

    private void row(String scorer, boolean champion, String evaluation, String kind, String name, Integer bin,
                     Double value, String note) {
        rows.add(RowFactory.create(scorer, champion, evaluation, kind, name, bin,
                value == null || value.isNaN() ? null : value, note));
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(rows, ModelColumns.SCHEMA);
    }
}
