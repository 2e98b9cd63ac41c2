package io.churnlens.schema;

import org.apache.spark.sql.types.StructType;

/**
 * {@code revenue_lost_bridge}: the change in revenue lost from the previous quarter to the as-of quarter split into
 * volume (how many departed), mix (which segments they came from) and value per departed customer, per segment and
 * in total; the three parts add up to the change to the cent. Described in {@link DataDictionary#REVENUE_LOST_BRIDGE}.
 */
public final class BridgeColumns {
    private BridgeColumns() {}

    public static final String DIMENSION = ImpactColumns.DIMENSION;
    public static final String SEGMENT = ImpactColumns.SEGMENT;
    /** Dimension and segment of the total row when no segmentation is available; segment of each total row. */
    public static final String ALL = SensitivityColumns.ALL;
    /** Where the segments of both quarters came from, in words. */
    public static final String SEGMENTATION = "segmentation";
    public static final String PREVIOUS_QUARTER = "previous_quarter";
    public static final String QUARTER = ImpactColumns.QUARTER;
    public static final String DEPARTED_PREVIOUS = "departed_previous";
    public static final String DEPARTED_CURRENT = "departed_current";
    /** The segment's share of the quarter's departures (the mix). */
    public static final String DEPARTED_SHARE_PREVIOUS = "departed_share_previous";
    public static final String DEPARTED_SHARE_CURRENT = "departed_share_current";
    public static final String VALUE_PER_DEPARTED_PREVIOUS = "value_per_departed_previous";
    public static final String VALUE_PER_DEPARTED_CURRENT = "value_per_departed_current";
    public static final String REVENUE_LOST_PREVIOUS = "revenue_lost_previous";
    public static final String REVENUE_LOST_CURRENT = "revenue_lost_current";
    /** current - previous = volume_effect + mix_effect + value_effect, exactly. */
    public static final String REVENUE_LOST_CHANGE = "revenue_lost_change";
    public static final String VOLUME_EFFECT = "volume_effect";
    public static final String MIX_EFFECT = "mix_effect";
    public static final String VALUE_EFFECT = "value_effect";
    /** Cents moved between the effects so that they add up exactly after rounding to the cent. */
    public static final String ROUNDING_CENTS = "rounding_cents";
    public static final String NOTE = ImpactColumns.NOTE;

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SCHEMA = DataDictionary.REVENUE_LOST_BRIDGE.fileSchema();
}
