package io.churnlens.schema;

/**
 * The {@code data_quality} report: one row per ingest run and metric, in long form so new quarantine reasons
 * never change the schema. The counts reconcile: {@code rows_read = accepted + quarantined + duplicates_in_input
 * + duplicates_already_ingested + conflicts_not_added}, and {@code quarantined} is the sum of the {@code quarantined:<REASON>} rows.
 */
public final class DataQualityColumns {
    private DataQualityColumns() {}

    public static final String INGEST_RUN = TransactionColumns.INGEST_RUN;
    public static final String SOURCE = "source";
    public static final String METRIC = "metric";
    public static final String ROWS = "rows";

    public static final String ROWS_READ = "rows_read";
    public static final String ACCEPTED = "accepted";
    public static final String QUARANTINED = "quarantined";
    public static final String DUPLICATES_IN_INPUT = "duplicates_in_input";
    public static final String DUPLICATES_ALREADY_INGESTED = "duplicates_already_ingested";
    /** Outcome under ingest.conflict-rule = earliest: new rows of a line an earlier run stored with other values. */
    public static final String CONFLICTS_NOT_ADDED = "conflicts_not_added";
    /** New rows whose transaction line (id + product) an earlier run stored with other values (either rule). */
    public static final String CONFLICTS_WITH_INGESTED = "conflicts_with_ingested";
    /** Stored rows the newer run's rows of their line replaced (ingest.conflict-rule = latest). */
    public static final String ROWS_REPLACED = "rows_replaced";
    /** Accepted rows whose amount had a non-zero digit below the cent and was rounded half-up to cents. */
    public static final String AMOUNTS_ROUNDED = "amounts_rounded_to_cents";
    /** Accepted rows dated after this run's --as-of: kept, and used by later snapshots. */
    public static final String ACCEPTED_AFTER_SNAPSHOT = "accepted_after_snapshot";
    /** Prefix of the per-reason rows, e.g. {@code quarantined:UNPARSABLE_DATE}. */
    public static final String QUARANTINED_PREFIX = "quarantined:";
}
