package io.churnlens.io;

import io.churnlens.schema.Tables;

import java.time.LocalDate;

/**
 * Where everything lives under the output root (see the README's "Data layout"). The one place that builds paths.
 */
public record OutputLayout(String root) implements java.io.Serializable {

    public String transactions() {
        return root + "/" + Tables.TRANSACTIONS;
    }

    public String quarantine(String runId) {
        return root + "/" + Tables.QUARANTINE + "/ingest_run=" + runId;
    }

    /** One ingest run's counts: a partition per run under the snapshot, so a re-ingest keeps the earlier counts. */
    public String dataQuality(LocalDate asOf, String runId) {
        return report(Tables.DATA_QUALITY, asOf) + "/ingest_run=" + runId;
    }

    /** The folder of one report table, holding one {@code as_of=YYYY-MM-DD} partition per snapshot. */
    public String reportTable(String table) {
        return root + "/reports/" + table;
    }

    public String report(String table, LocalDate asOf) {
        return reportTable(table) + "/" + Tables.AS_OF + "=" + asOf;
    }

    public String model(String name, LocalDate asOf) {
        return root + "/models/" + name + "/" + Tables.AS_OF + "=" + asOf;
    }

    /** What {@code generate} writes: the raw CSV export and the generator's Parquet tables beside it. */
    public String generated() {
        return root + "/generated";
    }

    public String generatedExport() {
        return generated() + "/transactions";
    }

    public String generatedGroundTruth() {
        return generated() + "/ground_truth";
    }

    public String generatedMessyRows() {
        return generated() + "/messy_rows";
    }

    /** {@code management/YYYY-Qn}. */
    public String management(LocalDate asOf) {
        return root + "/management/" + Quarters.label(asOf);
    }

    /** Marker of a snapshot whose whole pipeline completed: what backfills check before skipping a quarter. */
    public String snapshotMarker(LocalDate asOf) {
        return root + "/_snapshots/" + Tables.AS_OF + "=" + asOf;
    }

    public String runs() {
        return root + "/_runs";
    }

    /** Where a run stages the folders it commits together (see {@link GroupCommit}). */
    public String staging(String runId) {
        return stagingRoot() + "/" + runId;
    }

    public String stagingRoot() {
        return root + "/_staging";
    }

    public String lock() {
        return root + "/_lock";
    }
}
