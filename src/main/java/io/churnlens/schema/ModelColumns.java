package io.churnlens.schema;

import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * {@code model_metrics} and {@code model_backtest} (long format, one value per row, plain types): every scorer's
 * metrics on one evaluation set, its calibration table, its top features, the class balance, and the champion.
 */
public final class ModelColumns {
    private ModelColumns() {}

    /** logistic | gbt | recency | rfm_segment | bg_nbd; "all" for rows about the data (class balance). */
    public static final String SCORER = "scorer";
    /** True on every row of the scorer chosen as champion. */
    public static final String CHAMPION = "champion";
    /** Which customers the row is measured on: holdout | validation | backtest; train for importance and selection rows. */
    public static final String EVALUATION = "evaluation";
    /** metric | calibration | importance | class_balance | selection | campaign. */
    public static final String KIND = "kind";
    /**
     * metric: roc_auc, pr_auc, brier, log_loss, top_decile_lift, top_decile_capture, calibration_error, customers,
     * churners; calibration: predicted_mean,
     * observed_rate, customers; importance: the feature name; class_balance: customers, churners, churn_rate;
     * selection: the chosen hyper-parameters, fitted baseline parameters and the Platt intercept and slope;
     * campaign: the CAMPAIGN_* names below.
     */
    public static final String NAME = "name";
    /** Calibration decile 1..10 (1 = lowest predicted probability), importance rank 1.., percent contacted 0..100 of the campaign curve; null otherwise. */
    public static final String BIN = "bin";
    public static final String VALUE = "value";
    /** Free text: why this scorer is (not) the champion, what a value means. */
    public static final String NOTE = "note";

    public static final String KIND_METRIC = "metric";
    public static final String KIND_CALIBRATION = "calibration";
    public static final String KIND_IMPORTANCE = "importance";
    public static final String KIND_CLASS_BALANCE = "class_balance";
    public static final String KIND_SELECTION = "selection";
    /** A retention campaign over the holdout ranked by churn probability (model.campaign.*), evaluation holdout. */
    public static final String KIND_CAMPAIGN = "campaign";

    // --- names of the campaign rows ---
    public static final String CAMPAIGN_COST_PER_CONTACT = "cost_per_contact";
    public static final String CAMPAIGN_SAVE_RATE = "save_rate";
    /** Holdout customers ranked. */
    public static final String CAMPAIGN_CUSTOMERS = "customers";
    /** The profit-maximising number of top-ranked customers to contact. */
    public static final String CAMPAIGN_BEST_CONTACTS = "best_contacts";
    public static final String CAMPAIGN_BEST_CONTACT_SHARE = "best_contact_share";
    /** Expected profit at best_contacts: Σ p · save_rate · value − contacts · cost. */
    public static final String CAMPAIGN_BEST_PROFIT = "best_expected_profit";
    public static final String CAMPAIGN_BEST_PROFIT_PER_CUSTOMER = "best_expected_profit_per_customer";
    /** The same contacts judged with the observed churners in place of p. */
    public static final String CAMPAIGN_REALISED_PROFIT = "realised_profit_at_best";
    /** The curve: bin = percent of the ranked customers contacted (0..100), value = expected profit. */
    public static final String CAMPAIGN_PROFIT_CURVE = "expected_profit";

    /** The values of {@link #SCORER}: the one list of scorer names (config validates against it, model registers them). */
    public static final String SCORER_RECENCY = "recency";
    public static final String SCORER_RFM_SEGMENT = "rfm_segment";
    public static final String SCORER_BG_NBD = "bg_nbd";
    public static final String SCORER_LOGISTIC = "logistic";
    public static final String SCORER_GBT = "gbt";
    /** Baselines, in the order they are evaluated. */
    public static final List<String> BASELINE_SCORERS = List.of(SCORER_RECENCY, SCORER_RFM_SEGMENT, SCORER_BG_NBD);
    /** Learned candidates, in the order they are evaluated. */
    public static final List<String> CANDIDATE_SCORERS = List.of(SCORER_LOGISTIC, SCORER_GBT);

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SCHEMA = DataDictionary.MODEL_METRICS.fileSchema();
}
