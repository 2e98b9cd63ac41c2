package io.churnlens.schema;

/**
 * The {@code customer_features} table: one row per customer who bought on or before the snapshot T.
 * Time columns say their unit: {@code _days} in calendar days, the BTYD statistics in the configured
 * {@code time.unit} (recorded per row in {@link #TIME_UNIT}).
 */
public final class FeatureColumns {
    private FeatureColumns() {}

    public static final String CUSTOMER_ID = TransactionColumns.CUSTOMER_ID;
    /** The snapshot date T (partition column of the report). */
    public static final String AS_OF = "as_of";

    // --- BTYD statistics (Fader-Hardie notation), purchases counted per distinct purchase day ---
    /** x: number of repeat purchase days (purchase days after the first one). */
    public static final String X = "x";
    /** t_x: time from the first to the last purchase day, in {@link #TIME_UNIT}. */
    public static final String T_X = "t_x";
    /** T: time from the first purchase day to the snapshot, in {@link #TIME_UNIT}. Named t_cal because Spark column names are case-insensitive. */
    public static final String T_CAL = "t_cal";
    /** "days" or "weeks". */
    public static final String TIME_UNIT = "time_unit";
    /** Mean net value of the repeat purchase days (first purchase day excluded), null when x = 0: the Gamma-Gamma input. */
    public static final String REPEAT_SPEND_MEAN = "repeat_spend_mean";
}
