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

    // --- Recency, frequency, monetary, tenure (calendar days; money decimal(18,2), net of returns) ---
    /** Date of the customer's first purchase day on or before T. */
    public static final String FIRST_PURCHASE_DATE = "first_purchase_date";
    /** Date of the customer's last purchase day on or before T. */
    public static final String LAST_PURCHASE_DATE = "last_purchase_date";
    /** Days from the last purchase day to T (0 when the customer bought on T). */
    public static final String RECENCY_DAYS = "recency_days";
    /** Days from the first purchase day to T (0 when the first purchase is on T). */
    public static final String TENURE_DAYS = "tenure_days";
    /** Frequency: number of distinct purchase days (days with at least one non-return row) on or before T. */
    public static final String PURCHASE_DAYS = "purchase_days";
    /** Net amount of every row on or before T, returns included (also returns made on days without a purchase). */
    public static final String MONETARY_TOTAL = "monetary_total";
    /** Mean net value of a purchase day (purchases minus the returns of the same day). */
    public static final String MONETARY_MEAN = "monetary_mean";

    // --- Trailing windows ending at T (inclusive) and trend ---
    /** Net amount of the rows in the last {@code days} days (T-days+1 .. T). */
    public static String spendInLast(int days) {
        return "spend_" + days + "d";
    }

    /** Purchase days in the last {@code days} days (T-days+1 .. T). */
    public static String purchaseDaysInLast(int days) {
        return "purchase_days_" + days + "d";
    }

    /** (last - previous) / (|last| + |previous|) of net spend over two back-to-back trend windows; 0 when both are 0; in [-1, 1]. */
    public static final String SPEND_TREND = "spend_trend";
    /** Same ratio as {@link #SPEND_TREND} on purchase-day counts. */
    public static final String PURCHASE_DAYS_TREND = "purchase_days_trend";

    // --- Cadence (calendar days) ---
    /** Mean days between consecutive purchase days; null with fewer than 2 purchase days. */
    public static final String MEAN_GAP_DAYS = "mean_gap_days";
    /** Sample standard deviation of the days between consecutive purchase days; null with fewer than 2 gaps. */
    public static final String GAP_STDDEV_DAYS = "gap_stddev_days";
    /** recency_days - mean_gap_days: positive when the next purchase is later than the customer's own habit. */
    public static final String DAYS_OVERDUE = "days_overdue";

    // --- Returns, breadth, group columns ---
    /** Number of transaction rows on or before T (purchases and returns). */
    public static final String TRANSACTION_ROWS = "transaction_rows";
    /** Share of the rows that are returns, in [0, 1]. */
    public static final String RETURN_ROW_SHARE = "return_row_share";
    /** Returned value / purchased value (absolute amounts of return rows over amounts of purchase rows); null when nothing was purchased. */
    public static final String RETURNED_VALUE_SHARE = "returned_value_share";
    /** Distinct product ids; null when the customer has no row with a product id (the input lacks it). */
    public static final String DISTINCT_PRODUCTS = "distinct_products";
    /** Distinct categories; null when the customer has no row with a category. */
    public static final String DISTINCT_CATEGORIES = "distinct_categories";
    /** Most frequent country of the customer's rows, ties to the alphabetically first; null when absent. */
    public static final String COUNTRY = TransactionColumns.COUNTRY;
    /** Most frequent channel of the customer's rows, ties to the alphabetically first; null when absent. */
    public static final String CHANNEL = TransactionColumns.CHANNEL;

    // --- Training labels ---
    /** The cutoff C the label looks forward from. */
    public static final String LABEL_CUTOFF = "label_cutoff";
    /** H, in days. */
    public static final String HORIZON_DAYS = "horizon_days";
    /** 1 when the customer made no purchase in (C, C+H], else 0. */
    public static final String CHURNED = "churned";
}
