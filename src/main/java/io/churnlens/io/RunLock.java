package io.churnlens.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * One writer per output root. The lock is a file created with overwrite=false (atomic on local file systems and
 * HDFS); a second run refuses to start while it exists. A lock older than the stale timeout is assumed to belong to
 * a killed run and is taken over, with a warning.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final FileSystem fs;
    private final Path path;

    private RunLock(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    public static RunLock acquire(Configuration hadoop, OutputLayout layout, String runId, Duration staleAfter) {
        Path path = new Path(layout.lock());
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            fs.mkdirs(path.getParent());
            if (fs.exists(path)) {
                FileStatus status = fs.getFileStatus(path);
                Duration age = Duration.between(Instant.ofEpochMilli(status.getModificationTime()), Instant.now());
                if (age.compareTo(staleAfter) < 0) {
                    throw new LockHeldException("another churnlens run holds the output root " + layout.root()
                            + " (" + describe(fs, path) + ", " + age.toMinutes() + " min old); wait for it to finish, "
                            + "or delete " + path + " if that run is dead (locks older than " + staleAfter.toMinutes()
                            + " min are taken over automatically)");
                }
                LOG.warn("taking over a stale lock {} ({} min old): {}", path, age.toMinutes(), describe(fs, path));
                fs.delete(path, false);
            }
            try (FSDataOutputStream out = fs.create(path, false)) {
                out.write(("run " + runId + " on " + hostAndPid() + " since " + Instant.now())
                        .getBytes(StandardCharsets.UTF_8));
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                throw new LockHeldException("another churnlens run took the output root " + layout.root()
                        + " a moment ago; wait for it to finish");
            }
            return new RunLock(fs, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            LOG.warn("could not release lock {}: {}", path, e.getMessage());
        }
    }

    private static String describe(FileSystem fs, Path path) {
        try (var in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "unreadable lock";
        }
    }

    private static String hostAndPid() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
    }

    /** Raised when another run holds the output root; exits the CLI with code 4. */
    public static final class LockHeldException extends RuntimeException {
        public LockHeldException(String message) {
            super(message);
        }
    }
}
