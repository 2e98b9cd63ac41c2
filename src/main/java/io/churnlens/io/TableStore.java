package io.churnlens.io;

import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.Tables;
import io.churnlens.schema.TransactionColumns;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;

import static org.apache.spark.sql.functions.lit;

/**
 * Reads and atomically publishes the Parquet tables under the output root.
 *
 * <p>Every publish (tables, models, the report folder, the generator's export) goes through
 * {@link #publishAtomically}, which writes the new data beside its target (a hidden {@code .name.tmp-<run>} folder, which Spark's
 * partition discovery ignores), then swaps it in with two renames: target → {@code .name.old-<run>}, tmp →
 * target. A run killed before the swap leaves the published folder untouched; one killed between the two renames
 * leaves an {@code .old-} folder that {@link #recover} puts back before anything reads or writes that path. A
 * re-run of the same snapshot therefore replaces its partition, never appends to it. Folders that must appear
 * together (one ingest's transactions, quarantine and data_quality) go through a {@link GroupCommit} instead.
 */
public final class TableStore {
    private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);

    private final SparkSession spark;
    private final OutputLayout layout;
    private final String runId;
    private final GroupCommit.Checkpoints checkpoints;

    public TableStore(SparkSession spark, OutputLayout layout, String runId) {
        this(spark, layout, runId, GroupCommit.Checkpoints.NONE);
    }

    /** With checkpoints in its commits, where tests stop a run as a kill would. */
    public TableStore(SparkSession spark, OutputLayout layout, String runId, GroupCommit.Checkpoints checkpoints) {
        this.spark = spark;
        this.layout = layout;
        this.runId = runId;
        this.checkpoints = checkpoints;
    }

    public OutputLayout layout() {
        return layout;
    }

    SparkSession spark() {
        return spark;
    }

    // ---- transactions --------------------------------------------------------------------------------------

    /** Read with the canonical schema, so the event_month partition stays a string (no type inference). */
    public Optional<Dataset<Row>> transactions() {
        String path = layout.transactions();
        return isPublished(path)
                ? Optional.of(spark.read().schema(TransactionColumns.SCHEMA).parquet(path))
                : Optional.empty();
    }

    public Dataset<Row> requireTransactions() {
        return transactions().orElseThrow(() -> new InputException("no canonical transactions under "
                + layout.transactions() + "; run `churnlens ingest` first (or `churnlens pipeline`)"));
    }

    /**
     * Starts a commit of several folders that readers see together or not at all (see {@link GroupCommit}): what
     * one ingest run publishes.
     */
    public GroupCommit beginCommit() {
        try {
            return new GroupCommit(fs(new Path(layout.root())), layout, runId, checkpoints);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages the whole transactions table (existing rows plus the run's), partitioned by event month. */
    public void stageTransactions(GroupCommit commit, Dataset<Row> transactions) {
        commit.replace(layout.transactions(), transactions, TransactionColumns.EVENT_MONTH);
    }

    /** Stages this run's quarantine partition ({@code ingest_run} is the folder name). */
    public void stageQuarantine(GroupCommit commit, Dataset<Row> rows) {
        commit.add(layout.quarantine(runId), rows.drop(TransactionColumns.INGEST_RUN));
    }

    /** Stages this run's data_quality partition under the snapshot ({@code ingest_run} is the folder name). */
    public void stageDataQuality(GroupCommit commit, LocalDate asOf, Dataset<Row> rows) {
        commit.add(layout.dataQuality(asOf, runId), rows.drop(DataQualityColumns.INGEST_RUN));
    }

    // ---- reports ------------------------------------------------------------------------------------------

    /** Publishes one snapshot's partition of a report table; the {@code as_of} column is the folder name. */
    public void publishReport(String table, LocalDate asOf, Dataset<Row> rows) {
        Dataset<Row> withoutPartition = rows.columns().length > 0 && java.util.Arrays.asList(rows.columns()).contains(Tables.AS_OF)
                ? rows.drop(Tables.AS_OF) : rows;
        publish(withoutPartition, layout.report(table, asOf), null);
    }

    /** One snapshot of a report table, with its {@code as_of} column. */
    public Optional<Dataset<Row>> report(String table, LocalDate asOf) {
        return readIfPresent(layout.report(table, asOf))
                .map(d -> d.withColumn(Tables.AS_OF, lit(java.sql.Date.valueOf(asOf))));
    }

    /**
     * The snapshot dates for which {@code table} has a complete published partition, oldest first: what later stages
     * compare against (e.g. drift with the previous snapshot). Folders that are not {@code as_of=YYYY-MM-DD} are skipped.
     */
    public java.util.List<LocalDate> publishedAsOfs(String table) {
        Path dir = new Path(layout.reportTable(table));
        String prefix = Tables.AS_OF + "=";
        java.util.List<LocalDate> dates = new java.util.ArrayList<>();
        try {
            FileSystem fs = fs(dir);
            if (!fs.exists(dir)) return dates;
            for (FileStatus s : fs.listStatus(dir, p -> p.getName().startsWith(prefix))) {
                LocalDate date = parseDate(s.getPath().getName().substring(prefix.length()));
                if (date != null && isPublished(s.getPath().toString())) dates.add(date);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir + " failed: " + e.getMessage(), e);
        }
        java.util.Collections.sort(dates);
        return dates;
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    public Dataset<Row> requireReport(String table, LocalDate asOf, String producedBy) {
        return report(table, asOf).orElseThrow(() -> new InputException("report '" + table + "' for as_of " + asOf
                + " not found under " + layout.report(table, asOf) + "; run `churnlens " + producedBy
                + " --as-of " + asOf + "` first (or `churnlens pipeline`)"));
    }

    /** Records that every stage of the pipeline completed for this snapshot. */
    public void markSnapshotComplete(LocalDate asOf) {
        publish(spark.createDataFrame(java.util.List.of(org.apache.spark.sql.RowFactory.create(runId, asOf.toString())),
                new org.apache.spark.sql.types.StructType().add("run_id", "string").add("snapshot", "string")),
                layout.snapshotMarker(asOf), null);
    }

    public boolean isSnapshotComplete(LocalDate asOf) {
        return isPublished(layout.snapshotMarker(asOf));
    }

    /** Whether a complete folder is published at {@code path}, after repairing what a killed run left there. */
    private boolean isPublished(String path) {
        recover(path);
        return exists(path + "/_SUCCESS");
    }

    /**
     * Publishes a model folder {@code <root>/models/<name>/as_of=T} atomically: {@code writer} fills a temporary
     * folder (given as a path string), a {@code _SUCCESS} marker is added, and the folder is swapped into place like a
     * report. A re-run replaces the snapshot's model.
     */
    public void publishModel(String name, LocalDate asOf, java.util.function.Consumer<String> writer) {
        publishAtomically(layout.model(name, asOf), (fs, tmp) -> {
            fs.mkdirs(tmp);
            writer.accept(tmp.toString());
            fs.create(new Path(tmp, "_SUCCESS"), true).close();
        });
    }

    /** The folder of a published model, or empty when none is published for that date. */
    public Optional<String> model(String name, LocalDate asOf) {
        String path = layout.model(name, asOf);
        return isPublished(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * Writes a folder of small files (the management report: HTML, CSV) atomically, with the same aside-then-swap
     * as the tables: readers see the previous folder or the new one, never a mix.
     */
    public void publishFolder(java.util.Map<String, byte[]> files, String target) {
        publishAtomically(target, (fs, tmp) -> {
            fs.setWriteChecksum(false); // no .crc files beside the report on local disks: the folder is for people
            for (java.util.Map.Entry<String, byte[]> file : files.entrySet()) {
                try (var out = fs.create(new Path(tmp, file.getKey()), true)) {
                    out.write(file.getValue());
                }
            }
        });
    }

    /** Publishes a Parquet folder, partitioned by {@code partitionColumn} unless it is null. */
    public void publish(Dataset<Row> rows, String target, String partitionColumn) {
        publishAtomically(target, (fs, tmp) -> {
            var writer = rows.write().mode(SaveMode.Overwrite);
            if (partitionColumn != null) {
                writer = writer.partitionBy(partitionColumn);
            }
            writer.parquet(tmp.toString());
        });
    }

    /** Fills the hidden folder a publish writes before it swaps it into place (see {@link #publishAtomically}). */
    @FunctionalInterface
    interface FolderWriter {
        void write(FileSystem fs, Path tmp) throws IOException;
    }

    /**
     * The one publish every folder goes through: repairs what a killed run left at {@code target}, lets
     * {@code writer} fill a fresh {@code .name.tmp-<run>} sibling, then swaps it in (target aside to
     * {@code .name.old-<run>}, tmp to target, old deleted). Until the first rename readers see the previous
     * folder; a kill between the renames is undone by {@link #recover}.
     */
    void publishAtomically(String target, FolderWriter writer) {
        recover(target);
        Path targetPath = new Path(target);
        Path tmp = sibling(targetPath, ".tmp-" + runId);
        try {
            FileSystem fs = fs(tmp);
            fs.delete(tmp, true);
            writer.write(fs, tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + " failed: " + e.getMessage(), e);
        }
        swap(tmp, targetPath);
        LOG.info("published {}", target);
    }

    private void swap(Path tmp, Path targetPath) {
        Path old = sibling(targetPath, ".old-" + runId);
        try {
            FileSystem fs = fs(targetPath);
            fs.mkdirs(targetPath.getParent());
            boolean hadTarget = fs.exists(targetPath);
            if (hadTarget && !fs.rename(targetPath, old)) {
                throw new IOException("cannot move " + targetPath + " aside");
            }
            if (!fs.rename(tmp, targetPath)) {
                throw new IOException("cannot move " + tmp + " into place at " + targetPath);
            }
            if (hadTarget) {
                fs.delete(old, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("publishing " + targetPath + " failed: " + e.getMessage(), e);
        }
    }

    // ---- mechanics ----------------------------------------------------------------------------------------

    private Optional<Dataset<Row>> readIfPresent(String path) {
        return isPublished(path) ? Optional.of(spark.read().parquet(path)) : Optional.empty();
    }

    /**
     * Restores a target left half-swapped by a killed run: when the target is missing and an {@code .old-}
     * sibling exists, the old folder goes back. Leftover {@code .tmp-} folders are deleted.
     */
    public void recover(String target) {
        Path targetPath = new Path(target);
        try {
            FileSystem fs = fs(targetPath);
            Path parent = targetPath.getParent();
            if (parent == null || !fs.exists(parent)) {
                return;
            }
            String prefix = "." + targetPath.getName() + ".";
            for (FileStatus s : fs.listStatus(parent, p -> p.getName().startsWith(prefix))) {
                String suffix = s.getPath().getName().substring(prefix.length());
                if (suffix.startsWith("old-") && !fs.exists(targetPath)) {
                    LOG.warn("restoring {} from {} left by an interrupted run", targetPath, s.getPath());
                    fs.rename(s.getPath(), targetPath);
                } else if (suffix.startsWith("old-") || (suffix.startsWith("tmp-") && !suffix.equals("tmp-" + runId))) {
                    fs.delete(s.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checking " + target + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Repairs what killed runs left anywhere under the output root: finishes or undoes their interrupted commits
     * ({@link GroupCommit#recover}), restores half-swapped folders, deletes abandoned {@code .tmp-} folders and moves
     * data_quality of an earlier layout to one partition per ingest run ({@link LegacyDataQuality}). Call
     * only while holding the {@link RunLock}, when no other run writes.
     */
    public void sweep() {
        Path root = new Path(layout.root());
        try {
            FileSystem fs = fs(root);
            if (fs.exists(root)) {
                GroupCommit.recover(fs, layout);
                sweep(fs, root, 3);
                LegacyDataQuality.migrate(spark, fs, layout, this);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checking " + root + " failed: " + e.getMessage(), e);
        }
    }

    private void sweep(FileSystem fs, Path dir, int depth) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            if (!s.isDirectory()) {
                continue;
            }
            String name = s.getPath().getName();
            int marker = Math.max(name.lastIndexOf(".tmp-"), name.lastIndexOf(".old-"));
            if (name.startsWith(".") && marker > 0) {
                recover(new Path(dir, name.substring(1, marker)).toString());
            } else if (depth > 1 && !name.startsWith("_") && !name.startsWith(".") && !name.contains("=")) {
                sweep(fs, s.getPath(), depth - 1); // tables and report folders; never into partitions or data
            }
        }
    }

    public boolean exists(String path) {
        try {
            Path p = new Path(path);
            return fs(p).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sibling(Path target, String suffix) {
        return new Path(target.getParent(), "." + target.getName() + suffix);
    }

    private FileSystem fs(Path path) throws IOException {
        return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }
}
