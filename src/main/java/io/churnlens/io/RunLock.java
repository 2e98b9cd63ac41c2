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
 * HDFS); a second run refuses to start while it exists. A lock is taken over, with a warning, when it is stale:
 * written by a process on this host that no longer runs (a killed run), or older than the stale timeout (a run
 * killed on another host).
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
                String holder = describe(fs, path);
                if (age.compareTo(staleAfter) < 0 && !deadOnThisHost(holder)) {
                    throw new LockHeldException("another churnlens run holds the output root " + layout.root()
                            + " (" + describe(fs, path) + ", " + age.toMinutes() + " min old); wait for it to finish, "
                            + "or delete " + path + " if that run is dead (locks older than " + staleAfter.toMinutes()
                            + " min are taken over automatically)");
                }
                LOG.warn("taking over a stale lock {} ({} min old): {}", path, age.toMinutes(), holder);
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

    /** {@code pid@host}, as the JVM names itself. */
    private static String hostAndPid() {
        return ProcessHandle.current().pid() + "@" + host();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** True when the lock names a process on this host that has exited. */
    static boolean deadOnThisHost(String holder) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" on (\\d+)@(\\S+) ").matcher(holder);
        if (!m.find() || !m.group(2).equals(host())) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
    }

    /** Raised when another run holds the output root; exits the CLI with code 4. */
    public static final class LockHeldException extends RuntimeException {
        public LockHeldException(String message) {
            super(message);
        }
    }
}
