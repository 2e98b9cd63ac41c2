package io.churnlens.schema;

import org.apache.spark.sql.types.StructType;

/**
 * {@code model_drift}: this snapshot against the previous published one, one row per compared item (long format).
 * Four parts, each against its own previous snapshot (the latest as_of before T for which its input table is
 * published): BTYD parameters (clv_params), feature stability (customer_features), the churn model's holdout metrics
 * (model_metrics) and segment transitions (customer_segments). A part without a previous snapshot has one note row.
 */
public final class DriftColumns {
    private DriftColumns() {}

    /** btyd | features | model | segments: which comparison the row belongs to. */
    public static final String PART = "part";
    /** parameter | psi | metric | champion | transition | share | note. */
    public static final String KIND = "kind";
    /** The snapshot compared with; null on a note row saying there is none. */
    public static final String PREVIOUS_AS_OF = "previous_as_of";
    /** btyd: the model (bg_nbd, ...); model: the scorer; segments: rfm | cluster; null otherwise. */
    public static final String GROUPING = "grouping";
    /** Parameter, feature, metric or segment name; null on transitions and notes. */
    public static final String NAME = "name";
    /** transition: segment then ("(new)" for customers new since then); champion: the scorer then. */
    public static final String FROM_LABEL = "from_label";
    /** transition: segment now ("(gone)" for customers no longer in the table); champion: the scorer now. */
    public static final String TO_LABEL = "to_label";
    public static final String VALUE_THEN = "value_then";
    public static final String VALUE_NOW = "value_now";
    /** value_now - value_then. */
    public static final String CHANGE = "change";
    public static final String STD_ERROR_THEN = "std_error_then";
    public static final String STD_ERROR_NOW = "std_error_now";
    /** change / sqrt(std_error_then² + std_error_now²); null without both standard errors. */
    public static final String Z_SCORE = "z_score";
    /** Population stability index of the feature, Σ (a - e) ln(a / e) over the bins. */
    public static final String PSI = "psi";
    public static final String CUSTOMERS = "customers";
    /** transition: the customers' monetary_total as of the previous snapshot (net revenue to date then). */
    public static final String REVENUE_THEN = "revenue_then";
    /** transition: monetary_total now minus then: the customers' net revenue between the two snapshots. */
    public static final String REVENUE_BETWEEN = "revenue_between";
    /** stable | moderate | major (psi) or stable | moved; null on transitions and notes. */
    public static final String LEVEL = "level";
    /** True when the row moved beyond its drift.* threshold: what the management report lists. */
    public static final String FLAGGED = "flagged";
    public static final String NOTE = "note";

    public static final String PART_BTYD = "btyd";
    public static final String PART_FEATURES = "features";
    public static final String PART_MODEL = "model";
    public static final String PART_SEGMENTS = "segments";

    public static final String KIND_PARAMETER = "parameter";
    public static final String KIND_PSI = "psi";
    public static final String KIND_METRIC = "metric";
    public static final String KIND_CHAMPION = "champion";
    public static final String KIND_TRANSITION = "transition";
    public static final String KIND_SHARE = "share";
    public static final String KIND_NOTE = "note";

    public static final String LEVEL_STABLE = "stable";
    public static final String LEVEL_MODERATE = "moderate";
    public static final String LEVEL_MAJOR = "major";
    public static final String LEVEL_MOVED = "moved";

    /** Labels of the transition matrix's margins. */
    public static final String NEW = "(new)";
    public static final String GONE = "(gone)";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SCHEMA = DataDictionary.MODEL_DRIFT.fileSchema();
}
