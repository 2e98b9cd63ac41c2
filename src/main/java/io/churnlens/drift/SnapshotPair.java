package io.churnlens.drift;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One input table as of T and as of the previous snapshot that has it: {@code previous} is the latest published
 * as_of before T (null when there is none), {@code then} / {@code now} the two partitions (null when not published).
 */
record SnapshotPair(String table, LocalDate asOf, LocalDate previous, Dataset<Row> then, Dataset<Row> now) {

    /** The latest of {@code published} strictly before {@code asOf}. */
    static Optional<LocalDate> latestBefore(List<LocalDate> published, LocalDate asOf) {
        return published.stream().filter(d -> d.isBefore(asOf)).max(LocalDate::compareTo);
    }

    /** Why this part cannot be compared, or empty when both snapshots are there. */
    Optional<String> missing() {
        if (now == null) {
            return Optional.of("no " + table + " as of " + asOf + ": nothing to compare (its stage did not publish it "
                    + "for this snapshot)");
        }
        if (previous == null || then == null) {
            return Optional.of("no previous snapshot: " + table + " is published for no as_of before " + asOf
                    + ", so there is nothing to compare with yet");
        }
        return Optional.empty();
    }
}
