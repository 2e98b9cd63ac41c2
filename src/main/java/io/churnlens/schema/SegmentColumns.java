package io.churnlens.schema;

/**
 * The segment tables: {@code customer_segments} (one row per customer of {@code customer_features}),
 * {@code segment_summary} (one row per RFM segment and per behavioural cluster) and {@code cluster_k_selection}
 * (the silhouette of every candidate k).
 */
public final class SegmentColumns {
    private SegmentColumns() {}

    public static final String CUSTOMER_ID = TransactionColumns.CUSTOMER_ID;
    public static final String AS_OF = FeatureColumns.AS_OF;

    // --- customer_segments ---
    /** Recency score 1-5: 5 = most recent quintile. */
    public static final String R_SCORE = "r_score";
    /** Frequency score 1-5 on purchase_days: 5 = most purchase days. */
    public static final String F_SCORE = "f_score";
    /** Monetary score 1-5 on monetary_total: 5 = highest net spend. */
    public static final String M_SCORE = "m_score";
    /** The three scores as a string, e.g. "545". */
    public static final String RFM_CELL = "rfm_cell";
    /** Named RFM segment (Champions, Loyal, ... Lost). */
    public static final String RFM_SEGMENT = "rfm_segment";
    /** Behavioural cluster, 1 = highest mean monetary_total (not the raw k-means index, which is not stable). */
    public static final String CLUSTER_ID = "cluster_id";
    /** Descriptive cluster name, derived from the cluster's profile, e.g. "C1 · highest value · frequent · active". */
    public static final String CLUSTER_NAME = "cluster_name";

    // --- segment_summary ---
    /** "rfm" or "cluster". */
    public static final String GROUPING = "grouping";
    public static final String GROUPING_RFM = "rfm";
    public static final String GROUPING_CLUSTER = "cluster";
    /** Segment name or cluster name. */
    public static final String SEGMENT = "segment";
    /** Display order within the grouping: the rule order of the RFM map, or the cluster id. */
    public static final String SEGMENT_ORDER = "segment_order";
    public static final String CUSTOMERS = "customers";
    /** customers / all customers of the snapshot, in [0, 1]. */
    public static final String CUSTOMER_SHARE = "customer_share";
    /** Sum of monetary_total (net revenue to date as of T), decimal(18,2). */
    public static final String REVENUE = "revenue";
    /** revenue / revenue of all customers; null when that total is 0. */
    public static final String REVENUE_SHARE = "revenue_share";
    public static final String MEAN_RECENCY_DAYS = "mean_recency_days";
    /** Mean purchase_days. */
    public static final String MEAN_FREQUENCY = "mean_frequency";
    /** Mean monetary_total. */
    public static final String MEAN_MONETARY = "mean_monetary";

    // --- cluster_k_selection ---
    public static final String K = "k";
    /** Silhouette (squared Euclidean, on the scaled features) of the model with this k, on the selection sample. */
    public static final String SILHOUETTE = "silhouette";
    /** True for the k that was used. */
    public static final String CHOSEN = "chosen";
}
