package io.churnlens.schema;

import org.apache.spark.sql.types.StructType;

/**
 * The {@code quarantine} table: every input row that ingest rejected, with its raw values and the reason.
 * Partitioned by {@code ingest_run} so each run's rejects can be inspected, fixed and re-ingested.
 */
public final class QuarantineColumns {
    private QuarantineColumns() {}

    /** The raw values of the row as a JSON object keyed by the input's column names. */
    public static final String RAW = "raw";
    /** One of {@code io.churnlens.schema.QuarantineReason}. */
    public static final String REASON_CODE = "reason_code";
    /** Human-readable detail: the offending value and what was expected. */
    public static final String DETAIL = "detail";
    public static final String SOURCE_FILE = TransactionColumns.SOURCE_FILE;
    public static final String INGEST_RUN = TransactionColumns.INGEST_RUN;

    /** Built from its description in {@link DataDictionary}: add a column there. */
    public static final StructType SCHEMA = DataDictionary.QUARANTINE.schema();
}
