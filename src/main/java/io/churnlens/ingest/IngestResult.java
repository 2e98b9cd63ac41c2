package io.churnlens.ingest;

import io.churnlens.schema.DataQualityColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The outcome of one ingest: accepted canonical rows, quarantined rows, and the counts that reconcile them.
 * {@link #counts()} runs Spark actions; call {@link #persist()} first so the input is read once.
 */
public record IngestResult(Dataset<Row> judged, Dataset<Row> valid, Dataset<Row> accepted, Dataset<Row> quarantine) {

    public IngestResult persist() {
        judged.persist(StorageLevel.MEMORY_AND_DISK());
        accepted.persist(StorageLevel.MEMORY_AND_DISK());
        return this;
    }

    public void release() {
        accepted.unpersist();
        judged.unpersist();
    }

    /**
     * Counts per outcome, in the order of the {@code data_quality} report. rows_read = accepted + quarantined +
     * duplicates_in_input + duplicates_already_ingested, by construction of the three outcomes.
     */
    public Map<String, Long> counts() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (QuarantineReason r : QuarantineReason.values()) {
            byReason.put(r.name(), 0L);
        }
        long read = 0;
        long validRows = 0;
        for (Row row : judged.groupBy(col(Ingestion.REASON)).count().collectAsList()) {
            long n = row.getLong(1);
            read += n;
            if (row.isNullAt(0)) {
                validRows = n;
            } else {
                byReason.put(row.getString(0), n);
            }
        }
        long distinctValid = valid.select(io.churnlens.schema.TransactionColumns.ROW_KEY).distinct().count();
        long acceptedRows = accepted.count();
        long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(DataQualityColumns.ROWS_READ, read);
        counts.put(DataQualityColumns.ACCEPTED, acceptedRows);
        counts.put(DataQualityColumns.QUARANTINED, quarantined);
        counts.put(DataQualityColumns.DUPLICATES_IN_INPUT, validRows - distinctValid);
        counts.put(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, distinctValid - acceptedRows);
        byReason.forEach((reason, n) -> counts.put(DataQualityColumns.QUARANTINED_PREFIX + reason, n));
        return counts;
    }
}
