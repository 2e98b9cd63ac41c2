package io.churnlens.schema;

import org.apache.spark.sql.types.StructType;

/**
 * {@code model_curves} (ROC and precision-recall points) and {@code model_lift} (lift by decile): every scorer's
 * calibrated churn probability against what happened, on the holdout customers, so a notebook draws the curves
 * without recomputing a model. Customers are ranked by descending probability; customers with equal
 * probabilities are flagged together (a tie group is one step).
 */
public final class CurveColumns {
    private CurveColumns() {}

    /** As in model_metrics: logistic | gbt | recency | rfm_segment | bg_nbd. */
    public static final String SCORER = ModelColumns.SCORER;
    public static final String CHAMPION = ModelColumns.CHAMPION;
    /** holdout: the customers no fit, grid choice or calibration saw. */
    public static final String EVALUATION = ModelColumns.EVALUATION;

    /** 0 = nobody flagged (the origin), then one point per percentile of customers at most (≤ 101 a scorer). */
    public static final String POINT = "point";
    /** The lowest probability flagged at this point (customers at or above it); null at point 0. */
    public static final String THRESHOLD = "threshold";
    /** Customers flagged (probability ≥ threshold). */
    public static final String FLAGGED = "flagged";
    /** flagged / customers evaluated. */
    public static final String FLAGGED_SHARE = "flagged_share";
    /** Churners among the flagged. */
    public static final String TRUE_POSITIVES = "true_positives";
    /** Non-churners among the flagged. */
    public static final String FALSE_POSITIVES = "false_positives";
    /** true_positives / churners: the ROC curve's y and the recall of the PR curve. */
    public static final String TRUE_POSITIVE_RATE = "true_positive_rate";
    /** false_positives / non-churners: the ROC curve's x. */
    public static final String FALSE_POSITIVE_RATE = "false_positive_rate";
    /** true_positives / flagged: the PR curve's y; null at point 0. */
    public static final String PRECISION = "precision";

    /** 1 = the 10% highest probabilities, 10 = the lowest. */
    public static final String DECILE = "decile";
    /** Customers in the decile: a tenth of those evaluated (fractional when that is not whole). */
    public static final String CUSTOMERS = "customers";
    /** Churners in the decile; a tie group across a decile boundary is shared in proportion (a random tie break's expectation). */
    public static final String CHURNERS = "churners";
    /** churners / customers of the decile. */
    public static final String CHURN_RATE = "churn_rate";
    /** Decile churn rate / overall churn rate (decile 1 = model_metrics' top_decile_lift). */
    public static final String LIFT = "lift";
    /** Share of all churners in deciles 1..this one (decile 1 = model_metrics' top_decile_capture). */
    public static final String CUMULATIVE_CAPTURE = "cumulative_capture";

    public static final StructType CURVES_SCHEMA = DataDictionary.MODEL_CURVES.fileSchema();
    public static final StructType LIFT_SCHEMA = DataDictionary.MODEL_LIFT.fileSchema();
}
