package io.churnlens.ingest;

import io.churnlens.io.RawRows;
import io.churnlens.schema.QuarantineColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * The outcome of one ingest: accepted canonical rows, quarantined rows, conflicts with stored rows, and the counts
 * that reconcile them. Everything derives from the one pass of {@link Outcomes}; call {@link #persist()} first so
 * that pass runs once, then {@link #counts()} (one aggregation over it, two with a stored table) and the writes.
 */
public final class IngestResult {
    private final Dataset<Row> outcomes;
    private final LineMerge.Pieces merge;
    private final Dataset<Row> quarantine;
    private final Dataset<Row> accepted;
    private OutcomeCounts tally;

    IngestResult(Dataset<Row> outcomes, LineMerge.Pieces merge, String runId) {
        this.outcomes = outcomes;
        this.merge = merge;
        this.quarantine = Outcomes.quarantined(outcomes).select(
                col(Outcomes.RAW_JSON).as(QuarantineColumns.RAW),
                coalesce(col(Ingestion.REASON), lit("")).as(QuarantineColumns.REASON_CODE),
                coalesce(col(Ingestion.DETAIL), lit("")).as(QuarantineColumns.DETAIL),
                col(RawRows.SOURCE_FILE).as(TransactionColumns.SOURCE_FILE),
                lit(runId).as(TransactionColumns.INGEST_RUN));
        this.accepted = LineMerge.canonical(merge.kept(), merge.runId());
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
        outcomes.persist(StorageLevel.MEMORY_AND_DISK());
        if (merge.flagged() != null) {
            merge.flagged().persist(StorageLevel.MEMORY_AND_DISK());
        }
        return this;
    }

    public void release() {
        if (merge.flagged() != null) {
            merge.flagged().unpersist();
        }
        outcomes.unpersist();
    }

    /**
     * Counts per outcome, in the order of the {@code data_quality} report. rows_read = accepted + quarantined +
     * duplicates_in_input + duplicates_already_ingested + conflicts_not_added, by construction of the outcomes.
     */
    public Map<String, Long> counts() {
        return tally().counts();
    }

    /** One example row per quarantine reason ("raw -> detail"), the first by source file and raw text. */
    Map<String, String> examples() {
        return tally().examples();
    }

    private OutcomeCounts tally() {
        if (tally == null) {
            tally = OutcomeCounts.of(outcomes, merge);
        }
        return tally;
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
