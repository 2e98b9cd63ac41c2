package io.churnlens.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The canonical {@code transactions} table: one row per accepted input row, written by ingest and read by
 * every later stage. Money is net (a return is a negative amount) in the reporting currency.
 */
public final class TransactionColumns {
    private TransactionColumns() {}

    /** The source's transaction or invoice id when mapped (not unique: an invoice has many lines), else null. */
    public static final String TRANSACTION_ID = "transaction_id";
    /**
     * SHA-256 of the row's canonical values (customer id, event instant, amount, quantity, is_return, transaction id,
     * product id): the identity used to recognise duplicates and re-ingests, whatever the formatting of the export.
     */
    public static final String ROW_KEY = "row_key";
    public static final String CUSTOMER_ID = "customer_id";
    /** Instant of the event, UTC. */
    public static final String EVENT_TS = "event_ts";
    /** Business date of the event in the configured reporting time zone; features use {@code event_date <= T}. */
    public static final String EVENT_DATE = "event_date";
    /** Net amount, decimal(18,2); negative for returns and cancellations. */
    public static final String AMOUNT = "amount";
    public static final String QUANTITY = "quantity";
    public static final String IS_RETURN = "is_return";
    public static final String PRODUCT_ID = "product_id";
    public static final String CATEGORY = "category";
    public static final String COUNTRY = "country";
    public static final String CHANNEL = "channel";
    public static final String SOURCE_FILE = "source_file";
    public static final String INGEST_RUN = "ingest_run";
    /** Partition column, {@code yyyy-MM} of {@link #EVENT_DATE}. */
    public static final String EVENT_MONTH = "event_month";

    public static final DataType MONEY = DataTypes.createDecimalType(18, 2);

    /** Optional descriptive columns: null when the input does not map them. */
    public static final String[] GROUP_COLUMNS = {COUNTRY, CHANNEL};

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SCHEMA = DataDictionary.TRANSACTIONS.schema();
}
