package io.churnlens.cli;

import io.churnlens.config.ConfigException;
import io.churnlens.io.InputException;
import io.churnlens.io.OutputRoot;
import io.churnlens.io.RunLock;
import org.apache.spark.sql.AnalysisException;

import java.util.Optional;

/**
 * Exit codes a scheduler can act on: 0 success, 1 a stage failed, 2 bad command line or configuration, 3 the
 * storage the configuration points at cannot be used (input unreadable as configured, output root unwritable),
 * 4 another run holds the output root (retry later).
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int STAGE_FAILED = 1;
    public static final int USAGE = 2;
    public static final int INPUT = 3;
    public static final int LOCKED = 4;

    private ExitCodes() {}

    static int of(Throwable e) {
        Throwable root = unwrap(e);
        if (root instanceof ConfigException) return USAGE;
        if (root instanceof InputException || root instanceof OutputRoot.UnwritableException) return INPUT;
        if (root instanceof RunLock.LockHeldException) return LOCKED;
        if (InputFailures.explain(root).isPresent()) return INPUT;
        return STAGE_FAILED;
    }

    /** The one-line reason printed on failure and kept in the run record. */
    static String reason(Throwable e) {
        Throwable root = unwrap(e);
        Optional<String> input = InputFailures.explain(root);
        if (input.isPresent()) {
            return "input unreadable: " + input.get();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof AnalysisException || !(root instanceof ConfigException || root instanceof InputException
                || root instanceof RunLock.LockHeldException || root instanceof OutputRoot.UnwritableException)) {
            message = root.getClass().getSimpleName() + ": " + message;
        }
        return message.lines().findFirst().orElse(message);
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof JobCommand.StageFailedException || t instanceof picocli.CommandLine.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
