package io.churnlens.schema;

/** Names of the tables under the output root (see README, "Data layout"). */
public final class Tables {
    private Tables() {}

    public static final String TRANSACTIONS = "transactions";
    public static final String QUARANTINE = "quarantine";
    public static final String DATA_QUALITY = "data_quality";
    public static final String CUSTOMER_FEATURES = "customer_features";
    public static final String CUSTOMER_SEGMENTS = "customer_segments";
    public static final String SEGMENT_SUMMARY = "segment_summary";
    public static final String CLUSTER_K_SELECTION = "cluster_k_selection";
    public static final String CLV_PARAMS = "clv_params";
    public static final String CUSTOMER_VALUE = "customer_value";
    public static final String CLV_HOLDOUT = "clv_holdout";
    public static final String CUSTOMER_SCORES = "customer_scores";
    public static final String CHURN_IMPACT = "churn_impact";
    public static final String SCENARIOS = "scenarios";
    public static final String COHORT_RETENTION = "cohort_retention";
    public static final String SEGMENT_RISK = "segment_risk";
    /** The as-of quarter's churn under other definitions ({@link SensitivityColumns}). */
    public static final String CHURN_SENSITIVITY = "churn_sensitivity";
    /** Quarter-over-quarter change in revenue lost: volume, mix, value ({@link BridgeColumns}). */
    public static final String REVENUE_LOST_BRIDGE = "revenue_lost_bridge";
    public static final String MODEL_METRICS = "model_metrics";
    public static final String MODEL_BACKTEST = "model_backtest";
    /** ROC and precision-recall points of every scorer on the holdout ({@link CurveColumns}). */
    public static final String MODEL_CURVES = "model_curves";
    /** Churn rate and lift by score decile of every scorer on the holdout ({@link CurveColumns}). */
    public static final String MODEL_LIFT = "model_lift";
    /** This snapshot against the previous published one ({@link DriftColumns}). */
    public static final String MODEL_DRIFT = "model_drift";
    /** Name of the churn model under {@code <root>/models/}. */
    public static final String CHURN_MODEL = "churn";
    /** Partition column of every report table. */
    public static final String AS_OF = "as_of";
}
