package io.churnlens.drift;

import io.churnlens.config.DriftSettings;
import io.churnlens.schema.DriftColumns;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of {@code model_drift} from the four input pairs, part by part (no I/O). A part whose pair is incomplete
 * writes one note row saying why, never fails: the first snapshot of a history has nothing to compare with.
 */
public final class DriftAnalysis {
    private final DriftSettings settings;
    private final List<String> modelFeatures;

    /** @param modelFeatures the customer_features columns the churn model uses (model.features) */
    public DriftAnalysis(DriftSettings settings, List<String> modelFeatures) {
        this.settings = settings;
        this.modelFeatures = List.copyOf(modelFeatures);
    }

    /**
     * @param segments customer_segments with monetary_total joined from the same snapshot's customer_features
     *                 ({@link SegmentTransitions#withMonetary})
     */
    List<Row> rows(SnapshotPair clvParams, SnapshotPair features, SnapshotPair metrics, SnapshotPair segments) {
        List<Row> out = new ArrayList<>();
        out.addAll(part(DriftColumns.PART_BTYD, clvParams, () -> new ParameterDrift(settings.seMultiple())
                .rows(clvParams.previous(), clvParams.then().collectAsList(), clvParams.now().collectAsList())));
        out.addAll(part(DriftColumns.PART_FEATURES, features, () -> new FeatureStability(settings)
                .rows(features.previous(), features.then(), features.now(), modelFeatures)));
        out.addAll(part(DriftColumns.PART_MODEL, metrics, () -> new MetricDrift(settings.metricChange())
                .rows(metrics.previous(), metrics.then().collectAsList(), metrics.now().collectAsList())));
        out.addAll(part(DriftColumns.PART_SEGMENTS, segments, () -> new SegmentTransitions(settings.segmentShareChange())
                .rows(segments.previous(), segments.then(), segments.now())));
        return out;
    }

    private static List<Row> part(String part, SnapshotPair pair, java.util.function.Supplier<List<Row>> compare) {
        Optional<String> missing = pair.missing();
        return missing.isPresent() ? List.of(DriftRow.note(part, pair.then() == null ? null : pair.previous(), missing.get())) : compare.get();
    }

    /** Rows flagged as moved beyond their threshold. */
    public static long flagged(List<Row> rows) {
        int at = DriftColumns.SCHEMA.fieldIndex(DriftColumns.FLAGGED);
        return rows.stream().filter(r -> r.getBoolean(at)).count();
    }
}
