package io.churnlens.io;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Persists what the synthetic data generator computed, under {@code <root>/generated/}: the raw export as one CSV
 * file with a header (what a shop would hand over, for {@code ingest}), the ground truth and the list of spoiled rows
 * as Parquet. Each folder is published atomically, so a re-run with the same seed replaces it with the same bytes.
 *
 * <p>Takes plain Datasets rather than the generator's result type: {@code io} imports no stage package.
 */
public final class SimulationOutput {
    private final TableStore store;

    public SimulationOutput(TableStore store) {
        this.store = store;
    }

    /** Publishes the three folders and returns how many rows the written export holds, read back from it. */
    public long publish(Dataset<Row> rawExport, Dataset<Row> groundTruth, Dataset<Row> messyRows) {
        OutputLayout layout = store.layout();
        store.publishAtomically(layout.generatedExport(), (fs, tmp) ->
                rawExport.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(tmp.toString()));
        store.publish(groundTruth, layout.generatedGroundTruth(), null);
        store.publish(messyRows, layout.generatedMessyRows(), null);
        return store.spark().read().option("header", "true").csv(layout.generatedExport()).count();
    }
}
