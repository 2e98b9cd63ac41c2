package io.churnlens.cli;

import org.apache.spark.SparkThrowable;

import java.util.Optional;

/**
 * Recognises the Spark failures that mean "the files cannot be read as they are" (exit 3), as opposed to a bug
 * in a stage (exit 1). Matched on Spark's error conditions, one by one, for the causes reproduced in the tests:
 * not every {@code AnalysisException} is about the input (a wrong column in our own code is one too), so
 * {@code COLUMN_ALREADY_EXISTS} counts only when raised while a file source's schema is resolved.
 */
final class InputFailures {
    private InputFailures() {}

    /** What is wrong with the input, in words a user can act on; empty when the failure is not an input problem. */
    static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SparkThrowable spark && spark.getCondition() != null) {
                Optional<String> hint = hint(spark.getCondition(), t);
                if (hint.isPresent()) {
                    return Optional.of(hint.get() + ": " + firstLine(t.getMessage()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> hint(String condition, Throwable t) {
        if (condition.equals("UNABLE_TO_INFER_SCHEMA")) {
            return Optional.of("no data files to read (an empty folder, or only empty or hidden files)");
        }
        if (condition.equals("PATH_NOT_FOUND")) {
            return Optional.of("an input path does not exist");
        }
        if (condition.equals("CANNOT_MERGE_SCHEMAS")) { // Parquet footers disagree on a column's type
            return Optional.of("the input files disagree on a column's type (export them with one type per column, or ingest them in separate runs)");
        }
        if (condition.startsWith("FAILED_READ_FILE")) {
            return Optional.of(condition.endsWith("PARQUET_COLUMN_DATA_TYPE_MISMATCH")
                    ? "the input files disagree on a column's type (export them with one type per column, or ingest them in separate runs)"
                    : "an input file cannot be read");
        }
        if (condition.equals("COLUMN_ALREADY_EXISTS") && raisedResolvingAFileSource(t)) {
            return Optional.of("two input columns have the same name (Spark compares names ignoring case)");
        }
        return Optional.empty();
    }

    private static boolean raisedResolvingAFileSource(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("org.apache.spark.sql.execution.datasources.DataSource")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message);
    }
}
