package io.churnlens.stage;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.io.TableStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a stage sees of its run: the session, the typed config, the snapshot date, the table store, a place for
 * sentences that belong in the run summary, and intermediates shared between the stages of one run (for example
 * the features as of T−H, built once and used by both the CLV holdout and the churn model's training set).
 */
public final class StageContext {
    private final SparkSession spark;
    private final ChurnlensConfig config;
    private final LocalDate asOf;
    private final String runId;
    private final TableStore store;
    private final Map<String, Object> shared;
    private final List<String> notes = new ArrayList<>();

    public StageContext(SparkSession spark, ChurnlensConfig config, LocalDate asOf, String runId, TableStore store) {
        this(spark, config, asOf, runId, store, new HashMap<>());
    }

    private StageContext(SparkSession spark, ChurnlensConfig config, LocalDate asOf, String runId, TableStore store,
                         Map<String, Object> shared) {
        this.spark = spark;
        this.config = config;
        this.asOf = asOf;
        this.runId = runId;
        this.store = store;
        this.shared = shared;
    }

    public SparkSession spark() {
        return spark;
    }

    public ChurnlensConfig config() {
        return config;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public String runId() {
        return runId;
    }

    public TableStore store() {
        return store;
    }

    /** A sentence for the current stage's run record and summary line (e.g. a fit's verdict). */
    public void note(String sentence) {
        notes.add(sentence);
    }

    /** The notes written since the last call, which clears them (the stage runner files them under the stage). */
    public List<String> drainNotes() {
        List<String> out = List.copyOf(notes);
        notes.clear();
        return out;
    }

    /** A line for the user on stdout, under the stage's progress line (e.g. the champion model). */
    public void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** A line on stderr (e.g. a reader's warning about a file). */
    public void err(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
        System.err.flush();
    }

    /**
     * An intermediate computed at most once per run and snapshot: the first stage that asks builds it, later ones
     * get the same object. Keys name what, e.g. {@code "features as of T-H"}; the snapshot date is added here.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> build) {
        String fullKey = fullKey(key);
        if (!shared.containsKey(fullKey)) { // not computeIfAbsent: a build may itself ask for another intermediate
            shared.put(fullKey, build.get());
        }
        return (T) shared.get(fullKey);
    }

    /**
     * A shared Dataset, cached when first built so that its second user reads it from memory instead of running
     * its shuffle again. It stays cached until {@link #release} drops it: the stage runner does so once no stage
     * left in the run uses it (see {@link Stage#uses()}), and for every key when the run ends.
     */
    public <T> Dataset<T> sharedDataset(String key, Supplier<Dataset<T>> build) {
        return shared(key, () -> build.get().cache());
    }

    /** Drops the snapshot's intermediates not named in {@code keep}, unpersisting the cached Datasets among them. */
    public void release(Collection<String> keep) {
        List<String> keepFull = keep.stream().map(this::fullKey).toList();
        String prefix = asOf + " ";
        shared.keySet().removeIf(k -> {
            boolean drop = k.startsWith(prefix) && !keepFull.contains(k);
            if (drop && shared.get(k) instanceof Dataset<?> d) {
                d.unpersist();
            }
            return drop;
        });
    }

    /** Drops every intermediate of the snapshot: the end of a run (or of one snapshot of a backfill). */
    public void releaseAll() {
        release(List.of());
    }

    private String fullKey(String key) {
        return asOf + " " + key;
    }

    /** The same run for another snapshot date (backfills): intermediates stay keyed by their own snapshot. */
    public StageContext forAsOf(LocalDate otherAsOf) {
        return new StageContext(spark, config, otherAsOf, runId, store, shared);
    }
}
