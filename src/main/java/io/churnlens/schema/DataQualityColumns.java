package io.churnlens.schema;

/**
 * The {@code data_quality} report: one row per ingest run and metric, in long form so new quarantine reasons
 * never change the schema. The counts reconcile: {@code rows_read = accepted + quarantined + duplicates_in_input
 * + duplicates_already_ingested}, and {@code quarantined} is the sum of the {@code quarantined:<REASON>} rows.
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
    /** Prefix of the per-reason rows, e.g. {@code quarantined:UNPARSABLE_DATE}. */
    public static final String QUARANTINED_PREFIX = "quarantined:";
}
