package io.churnlens.schema;

import org.apache.spark.sql.types.StructType;

/**
 * {@code churn_sensitivity}: the as-of quarter's churn rate, departures and revenue lost under other definitions of
 * churn (inactivity thresholds, P(alive) cut-offs), in total and per segment, so a reader sees how much the headline
 * depends on the definition. Described in {@link DataDictionary#CHURN_SENSITIVITY}.
 */
public final class SensitivityColumns {
    private SensitivityColumns() {}

    public static final String QUARTER = ImpactColumns.QUARTER;
    /** The definition in words: {@code inactive 180 days}, {@code P(alive) < 0.5}. */
    public static final String DEFINITION = "definition";
    /** {@link #INACTIVITY} or {@link #P_ALIVE}. */
    public static final String BASIS = "basis";
    public static final String INACTIVITY = "inactivity";
    public static final String P_ALIVE = "p_alive";
    /** Days (inactivity) or the probability cut-off (p_alive). */
    public static final String THRESHOLD = "threshold";
    /** The run's own definition (churn.inactivity-days): the one churn_impact reports. */
    public static final String HEADLINE = "headline";
    /** {@link #ALL}, rfm_segment or cluster_name. */
    public static final String DIMENSION = ImpactColumns.DIMENSION;
    public static final String SEGMENT = ImpactColumns.SEGMENT;
    /** Dimension and segment of the total row. */
    public static final String ALL = "all";
    public static final String CUSTOMERS_START = ImpactColumns.CUSTOMERS_START;
    public static final String CUSTOMERS_DEPARTED = ImpactColumns.CUSTOMERS_DEPARTED;
    public static final String CHURN_RATE = ImpactColumns.CHURN_RATE;
    public static final String REVENUE_LOST = ImpactColumns.REVENUE_LOST;
    /** 1 = the segment with the highest churn rate of its dimension under this definition; ties share a rank. */
    public static final String CHURN_RATE_RANK = "churn_rate_rank";
    public static final String SEGMENTS_AS_OF = ImpactColumns.SEGMENTS_AS_OF;
    public static final String NOTE = ImpactColumns.NOTE;

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SCHEMA = DataDictionary.CHURN_SENSITIVITY.fileSchema();
}
