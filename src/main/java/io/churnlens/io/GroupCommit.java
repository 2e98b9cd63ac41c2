package io.churnlens.io;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Publishes several folders of one run together, or none of them (an ingest's transactions, quarantine and
 * data_quality). Readers never see one without the others, and a run killed at any moment is repaired by the next.
 *
 * <ol>
 *   <li><b>Stage</b>: every folder is written under {@code _staging/<run>/}, at its path relative to the root.</li>
 *   <li><b>Commit point</b>: the marker {@code _staging/<run>/_COMMIT}, listing the folders, is written last, in
 *       one create. Before it exists the run has published nothing; once it exists the run is committed.</li>
 *   <li><b>Apply</b>: a folder that replaces a table first moves the table aside into the staging folder
 *       ({@code _retired/}, then the marker {@code _RETIRED.<n>}), then each staged folder is moved into place,
 *       and the staging folder is deleted.</li>
 * </ol>
 *
 * <p>{@link #recover} runs at the start of the next run, under the lock: a staging folder without a marker is
 * deleted (rolled back); one with a marker is applied again (rolled forward). Every apply step can be repeated:
 * a move whose source is gone is done, and a move found half done (both source and target exist, which an object
 * store's copy-then-delete rename can leave) is finished file by file, {@code _SUCCESS} last.
 *
 * <p>On local disks and HDFS each move is one atomic rename, so readers see the old folders or the new ones
 * (a replaced table is missing only between its two renames). On object stores (s3a) a rename is a copy of every
 * file and not atomic: the marker is still the commit point (an object appears whole or not at all), and a crash
 * in the middle of a move is finished by the next run, but readers outside churnlens can see a table half moved
 * while a commit is applied.
 */
public final class GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final String MARKER = "_COMMIT";
    private static final String RETIRED = "_retired";
    private static final String REPLACE = "replace";
    private static final String ADD = "add";

    /** Called after each step, so tests can stop a commit where a kill would. */
    public interface Checkpoints {
        Checkpoints NONE = step -> {};

        void reached(String step);
    }

    private record Entry(String mode, String relative) {}

    private final FileSystem fs;
    private final OutputLayout layout;
    private final Path staging;
    private final Checkpoints checkpoints;
    private final List<Entry> entries = new ArrayList<>();

    GroupCommit(FileSystem fs, OutputLayout layout, String runId, Checkpoints checkpoints) {
        this.fs = fs;
        this.layout = layout;
        this.staging = new Path(layout.staging(runId));
        this.checkpoints = checkpoints;
    }

    /** Stages a folder that replaces the table at {@code target} (all of it) when the commit is applied. */
    public void replace(String target, Dataset<Row> rows, String partitionColumn) {
        stage(new Entry(REPLACE, relative(target)), rows, partitionColumn);
    }

    /** Stages a new folder at {@code target}, e.g. one run's partition; nothing may exist there yet. */
    public void add(String target, Dataset<Row> rows) {
        if (exists(new Path(target))) {
            throw new IllegalStateException(target + " exists already; a run adds only folders of its own");
        }
        stage(new Entry(ADD, relative(target)), rows, null);
    }

    private void stage(Entry entry, Dataset<Row> rows, String partitionColumn) {
        var writer = rows.write().mode(SaveMode.Overwrite);
        if (partitionColumn != null) {
            writer = writer.partitionBy(partitionColumn);
        }
        writer.parquet(new Path(staging, entry.relative()).toString());
        entries.add(entry);
        checkpoints.reached("staged " + entry.relative());
    }

    /** Writes the commit marker, then moves every staged folder into place. */
    public void commit() {
        StringBuilder marker = new StringBuilder();
        entries.forEach(e -> marker.append(e.mode()).append('\t').append(e.relative()).append('\n'));
        try (FSDataOutputStream out = fs.create(new Path(staging, MARKER), false)) {
            out.write(marker.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the commit marker in " + staging + " failed: " + e.getMessage(), e);
        }
        checkpoints.reached("committed");
        apply(fs, layout, staging, entries, checkpoints);
        deleteIfEmpty(staging.getParent());
        LOG.info("committed {}", entries.stream().map(Entry::relative).toList());
    }

    /**
     * Finishes or undoes what killed runs left under {@code _staging/}. Call only while holding the
     * {@link RunLock}. Returns how many commits were rolled forward and back.
     */
    public static int[] recover(FileSystem fs, OutputLayout layout) {
        Path root = new Path(layout.stagingRoot());
        int[] forwardBack = new int[2];
        try {
            if (!fs.exists(root)) {
                return forwardBack;
            }
            for (FileStatus run : fs.listStatus(root)) {
                Path marker = new Path(run.getPath(), MARKER);
                if (fs.exists(marker)) {
                    LOG.warn("rolling forward the commit {} left by an interrupted run", run.getPath());
                    apply(fs, layout, run.getPath(), readEntries(fs, marker), Checkpoints.NONE);
                    forwardBack[0]++;
                } else {
                    LOG.warn("rolling back the uncommitted run folder {} (nothing of it was published)", run.getPath());
                    fs.delete(run.getPath(), true);
                    forwardBack[1]++;
                }
            }
            fs.delete(root, true);
        } catch (IOException e) {
            throw new UncheckedIOException("recovering " + root + " failed: " + e.getMessage(), e);
        }
        return forwardBack;
    }

    private static void apply(FileSystem fs, OutputLayout layout, Path staging, List<Entry> entries,
                              Checkpoints checkpoints) {
        try {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                Path target = new Path(layout.root() + "/" + e.relative());
                Path retiredDone = new Path(staging, "_RETIRED." + i);
                if (e.mode().equals(REPLACE) && !fs.exists(retiredDone)) {
                    move(fs, target, new Path(staging, RETIRED + "/" + e.relative()));
                    fs.create(retiredDone, true).close();
                    checkpoints.reached("retired " + e.relative());
                }
                move(fs, new Path(staging, e.relative()), target);
                checkpoints.reached("moved " + e.relative());
            }
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("applying the commit " + staging + " failed: " + e.getMessage(), e);
        }
    }

    /** Moves {@code from} to {@code to}; repeatable: a move already done is a no-op, one half done is finished. */
    private static void move(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.exists(from)) {
            return;
        }
        if (!fs.exists(to)) {
            fs.mkdirs(to.getParent());
            if (!fs.rename(from, to)) {
                throw new IOException("cannot move " + from + " to " + to);
            }
            return;
        }
        FileStatus[] children = fs.listStatus(from);
        Arrays.sort(children, Comparator.comparing((FileStatus s) -> s.getPath().getName().equals("_SUCCESS")));
        for (FileStatus child : children) {
            Path dest = new Path(to, child.getPath().getName());
            if (child.isDirectory()) {
                move(fs, child.getPath(), dest);
            } else {
                fs.delete(dest, false);
                if (!fs.rename(child.getPath(), dest)) {
                    throw new IOException("cannot move " + child.getPath() + " to " + dest);
                }
            }
        }
        fs.delete(from, true);
    }

    private void deleteIfEmpty(Path folder) {
        try {
            if (fs.listStatus(folder).length == 0) {
                fs.delete(folder, false);
            }
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", folder, e.getMessage()); // only tidiness
        }
    }

    private static List<Entry> readEntries(FileSystem fs, Path marker) throws IOException {
        try (var in = fs.open(marker)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> l.split("\t", 2)).map(p -> new Entry(p[0], p[1])).toList();
        }
    }

    private String relative(String target) {
        String prefix = layout.root() + "/";
        if (!target.startsWith(prefix)) {
            throw new IllegalArgumentException(target + " is not under the output root " + layout.root());
        }
        return target.substring(prefix.length());
    }

    private boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
