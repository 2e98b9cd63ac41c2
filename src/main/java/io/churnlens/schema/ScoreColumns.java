package io.churnlens.schema;

import org.apache.spark.sql.types.StructType;

/**
 * {@code customer_scores}: one row per customer of {@code customer_features} as of T, written by the {@code score}
 * job and read by {@code impact} (revenue at risk) and {@code report}. The contract between the churn model and the
 * impact stage: its columns are described (and its schema built) in DataDictionary.
 */
public final class ScoreColumns {
    private ScoreColumns() {}

    public static final String CUSTOMER_ID = FeatureColumns.CUSTOMER_ID;
    /** Calibrated probability of no purchase in (T, T + churn.horizon-days], in [0, 1]. */
    public static final String CHURN_PROBABILITY = "churn_probability";
    /** low | medium | high, from the thresholds in config. */
    public static final String RISK_TIER = "risk_tier";
    /** The three largest contributions to the churn score, as "feature (+0.12)"; null when the scorer gives none. */
    public static final String REASON_1 = "reason_1";
    public static final String REASON_2 = "reason_2";
    public static final String REASON_3 = "reason_3";
    /** Which scorer produced the probability (the champion: e.g. gbt, logistic, recency, bg_nbd). */
    public static final String SCORER = "scorer";
    /** From customer_segments; null when the segment stage has not run. */
    public static final String RFM_SEGMENT = SegmentColumns.RFM_SEGMENT;
    public static final String CLUSTER_NAME = SegmentColumns.CLUSTER_NAME;
    /** From customer_value; null when the CLV stage has not run or its fit did not converge. */
    public static final String P_ALIVE = ClvColumns.P_ALIVE;
    public static final String EXPECTED_PURCHASES = ClvColumns.EXPECTED_PURCHASES;
    public static final String EXPECTED_SPEND = ClvColumns.EXPECTED_SPEND;
    public static final String CLV = ClvColumns.CLV;
    /** Net revenue expected over the next 12 months (expected purchases x expected spend, undiscounted). */
    public static final String EXPECTED_REVENUE_12M = "expected_revenue_12m";

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SCHEMA = DataDictionary.CUSTOMER_SCORES.fileSchema();
}
