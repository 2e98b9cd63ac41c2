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
    private final Map<String, String> expected;
    private OutcomeCounts tally;

    /** @param expected per quarantine reason, what its rule expected of which column (no values) */
    IngestResult(Dataset<Row> outcomes, LineMerge.Pieces merge, String runId, Map<String, String> expected) {
        this.outcomes = outcomes;
        this.merge = merge;
        this.expected = Map.copyOf(expected);
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

    /** Per quarantine reason, what its rule expected of which column: for logs, which print no row contents. */
    Map<String, String> expected() {
        return expected;
    }

    private OutcomeCounts tally() {
        if (tally == null) {
            tally = OutcomeCounts.of(outcomes, merge);
        }
        return tally;
    }

    /**
     * Up to {@code n} conflicting lines, each as the ingest runs that stored the line, for the run's output: no ids
     * or values (logs print no row contents). The full list is the join of this run's rows and the stored table on
     * transaction id + product id.
     */
    public List<String> conflictSample(int n) {
        if (merge.stored() == null) {
            return List.of();
        }
        Dataset<Row> stored = merge.stored().select(col(LineMerge.STORED_LINE).as("_s_line"),
                col(TransactionColumns.INGEST_RUN).as("_s_run"));
        Dataset<Row> fresh = merge.conflicting();
        return fresh.join(stored, fresh.col(Parsed.LINE).equalTo(stored.col("_s_line")))
                .groupBy(col("_s_run")).agg(count(lit(1)).as("_n"))
                .orderBy(col("_s_run").asc())
                .select(concat_ws(" ", col("_n").cast("string"), lit("stored by run"), col("_s_run")))
                .limit(n).as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }
}
