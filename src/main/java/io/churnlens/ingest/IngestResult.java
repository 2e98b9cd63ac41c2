package io.churnlens.ingest;

import io.churnlens.schema.QuarantineReason;
import io.churnlens.config.ChurnlensConfig.ConflictRule;
import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * The outcome of one ingest: accepted canonical rows, quarantined rows, conflicts with stored rows, and the counts
 * that reconcile them. {@link #counts()} runs Spark actions; call {@link #persist()} first so the input is read once.
 */
public final class IngestResult {
    private final Dataset<Row> judged;
    private final LineMerge.Pieces merge;
    private final Dataset<Row> quarantine;
    private final Dataset<Row> accepted;

    IngestResult(Dataset<Row> judged, LineMerge.Pieces merge, Dataset<Row> quarantine) {
        this.judged = judged;
        this.merge = merge;
        this.quarantine = quarantine;
        this.accepted = LineMerge.canonical(merge.kept(), merge.runId());
    }

    /** Every input row with its parsed values and its reason (null for valid rows). */
    public Dataset<Row> judged() {
        return judged;
    }

    /** This run's new rows, in the canonical {@link TransactionColumns#SCHEMA}. */
    public Dataset<Row> accepted() {
        return accepted;
    }

    /** Quarantined rows, in the {@code QuarantineColumns} schema. */
    public Dataset<Row> quarantine() {
        return quarantine;
    }

    /** The whole transactions table to publish: {@code existing} (as passed to the ingest) merged with this run's rows. */
    public Dataset<Row> table() {
        return merge.table(accepted);
    }

    public IngestResult persist() {
        judged.persist(StorageLevel.MEMORY_AND_DISK());
        merge.kept().persist(StorageLevel.MEMORY_AND_DISK());
        return this;
    }

    public void release() {
        merge.kept().unpersist();
        judged.unpersist();
    }

    /**
     * Counts per outcome, in the order of the {@code data_quality} report. rows_read = accepted + quarantined +
     * duplicates_in_input + duplicates_already_ingested + conflicts_not_added, by construction of the outcomes.
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
        long distinctValid = merge.valid().select(Parsed.KEY).distinct().count();
        Row kept = merge.kept().agg(count(lit(1)), sum(when(col(Parsed.SUB_CENT), 1).otherwise(0)),
                sum(when(col(Parsed.EVENT_DATE).gt(lit(Date.valueOf(merge.asOf()))), 1).otherwise(0))).first();
        long acceptedRows = kept.getLong(0);
        long conflicts = merge.stored() == null ? 0 : merge.conflicting().count();
        long notAdded = merge.rule() == ConflictRule.EARLIEST ? conflicts : 0;
        long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(DataQualityColumns.ROWS_READ, read);
        counts.put(DataQualityColumns.ACCEPTED, acceptedRows);
        counts.put(DataQualityColumns.QUARANTINED, quarantined);
        counts.put(DataQualityColumns.DUPLICATES_IN_INPUT, validRows - distinctValid);
        counts.put(DataQualityColumns.DUPLICATES_ALREADY_INGESTED, distinctValid - acceptedRows - notAdded);
        counts.put(DataQualityColumns.CONFLICTS_NOT_ADDED, notAdded);
        byReason.forEach((reason, n) -> counts.put(DataQualityColumns.QUARANTINED_PREFIX + reason, n));
        counts.put(DataQualityColumns.CONFLICTS_WITH_INGESTED, conflicts);
        counts.put(DataQualityColumns.ROWS_REPLACED, merge.replaced() == null || conflicts == 0 ? 0 : merge.replaced().count());
        counts.put(DataQualityColumns.AMOUNTS_ROUNDED, kept.isNullAt(1) ? 0 : kept.getLong(1));
        counts.put(DataQualityColumns.ACCEPTED_AFTER_SNAPSHOT, kept.isNullAt(2) ? 0 : kept.getLong(2));
        return counts;
    }

    /**
     * Up to {@code n} conflicts, each as "line: stored values -> this run's values", for the run's output. The
     * full list is the join of this run's rows and the stored table on transaction id + product id.
     */
    public List<String> conflictSample(int n) {
        if (merge.stored() == null) {
            return List.of();
        }
        // Stored columns under new names: the conflicting rows derive from the stored table (an anti join), so
        // the original column references would be ambiguous in this self-join.
        Dataset<Row> stored = merge.stored().select(col(LineMerge.STORED_LINE).as("_s_line"),
                describe(col(TransactionColumns.CUSTOMER_ID), col(TransactionColumns.EVENT_TS),
                        col(TransactionColumns.AMOUNT), col(TransactionColumns.QUANTITY)).as("_s_values"),
                col(TransactionColumns.INGEST_RUN).as("_s_run"));
        Dataset<Row> fresh = merge.conflicting();
        return fresh.join(stored, fresh.col(Parsed.LINE).equalTo(stored.col("_s_line")))
                .select(concat_ws(" ", lit("transaction"), col(Parsed.TRANSACTION_ID),
                        lit("product"), concat(coalesce(col(Parsed.PRODUCT_ID), lit("-")), lit(":")), lit("stored"),
                        col("_s_values"),
                        concat(lit("(run "), col("_s_run"), lit(")")), lit("-> this run"),
                        describe(col(Parsed.CUSTOMER), col(Parsed.EVENT_TS), col(Parsed.MONEY), col(Parsed.QUANTITY))))
                .orderBy(col(Parsed.TRANSACTION_ID).asc())
                .limit(n).as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    private static org.apache.spark.sql.Column describe(org.apache.spark.sql.Column customer,
            org.apache.spark.sql.Column ts, org.apache.spark.sql.Column amount, org.apache.spark.sql.Column quantity) {
        return concat_ws(" ", lit("customer"), customer, lit("at"), ts.cast("string"), lit("amount"),
                amount.cast("string"), lit("quantity"), coalesce(quantity.cast("string"), lit("-")));
    }
}
