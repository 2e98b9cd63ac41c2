package io.churnlens.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One writer per output root. The lock is a file created with overwrite=false (atomic on local file systems and
 * HDFS) naming its run, process and host; a second run refuses to start while it exists.
 *
 * <p>The holder refreshes the file's modification time every {@link #heartbeatInterval} (a daemon thread), so a
 * lock's age is the time since its holder's last heartbeat, not since the run started. A lock is taken over, with
 * a warning, only when its holder is dead: on this host when its process no longer runs (a pid reused by a later
 * process does not count as the holder); on another host when its last heartbeat is older than the stale time. A
 * holder alive on this host is never taken over, however old its lock. {@link #close} deletes the lock only while
 * it still names this run.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
    private static final Pattern HOLDER = Pattern.compile("^run (\\S+) on (\\d+)@(\\S+) since (\\S+)");

    private final FileSystem fs;
    private final Path path;
    private final String content;
    private final ScheduledExecutorService heartbeat;

    private RunLock(FileSystem fs, Path path, String content, Duration interval) {
        this.fs = fs;
        this.path = path;
        this.content = content;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "churnlens-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::heartbeat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static RunLock acquire(Configuration hadoop, OutputLayout layout, String runId, Duration staleAfter) {
        return acquire(hadoop, layout, new Holder(runId, ProcessHandle.current().pid(), host(), Instant.now()), staleAfter);
    }

    /** Takes the lock for {@code me}; tests pass a holder on another host. */
    static RunLock acquire(Configuration hadoop, OutputLayout layout, Holder me, Duration staleAfter) {
        Path path = new Path(layout.lock());
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            fs.mkdirs(path.getParent());
            if (fs.exists(path)) {
                takeOverIfDead(fs, path, layout, me, staleAfter);
            }
            try (FSDataOutputStream out = fs.create(path, false)) {
                out.write(me.toString().getBytes(StandardCharsets.UTF_8));
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                throw new LockHeldException("another churnlens run took the output root " + layout.root()
                        + " a moment ago; wait for it to finish");
            }
            return new RunLock(fs, path, me.toString(), heartbeatInterval(staleAfter));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + path + ": " + e.getMessage(), e);
        }
    }

    /** A few heartbeats fit in the stale time, at most one a minute and at least one a second apart. */
    static Duration heartbeatInterval(Duration staleAfter) {
        long quarter = staleAfter.toMillis() / 4;
        return Duration.ofMillis(Math.max(1_000, Math.min(60_000, quarter)));
    }

    private static void takeOverIfDead(FileSystem fs, Path path, OutputLayout layout, Holder me, Duration staleAfter)
            throws IOException {
        String existing = read(fs, path);
        Duration age = Duration.between(Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime()), Instant.now());
        Optional<Holder> holder = Holder.parse(existing);
        boolean sameHost = holder.map(h -> h.host().equals(me.host())).orElse(false);
        if (sameHost && holder.get().isAlive()) {
            throw new LockHeldException("another churnlens run holds the output root " + layout.root() + " ("
                    + existing + ", alive on this host as pid " + holder.get().pid() + "); wait for it to finish");
        }
        if (!sameHost && age.compareTo(staleAfter) < 0) {
            throw new LockHeldException("another churnlens run holds the output root " + layout.root() + " ("
                    + existing + ", last heartbeat " + age.toSeconds() + " s ago); wait for it to finish, or delete "
                    + path + " if that run is dead (a lock whose heartbeat stopped " + staleAfter.toMinutes()
                    + " min ago, run.lock-stale-minutes, is taken over automatically)");
        }
        LOG.warn("taking over the lock {} of a dead run ({}; last heartbeat {} s ago): {}", path,
                sameHost ? "its process is gone" : "no heartbeat within " + staleAfter.toMinutes() + " min",
                age.toSeconds(), existing);
        // Moved aside rather than deleted, and checked after the move: two runs judging the same dead lock at
        // once cannot delete the lock the faster of them has just created.
        Path aside = new Path(path.getParent(), "." + path.getName() + ".dead-" + me.runId());
        if (!fs.rename(path, aside)) {
            throw new LockHeldException("another churnlens run took the output root " + layout.root()
                    + " a moment ago; wait for it to finish");
        }
        String moved = read(fs, aside);
        if (!moved.equals(existing)) {
            fs.rename(aside, path);
            throw new LockHeldException("another churnlens run took the output root " + layout.root()
                    + " a moment ago; wait for it to finish");
        }
        fs.delete(aside, false);
    }

    /** Refreshes the lock's modification time while the lock is still this run's. */
    void heartbeat() {
        try {
            if (!ownedHere()) {
                LOG.error("the lock {} no longer names this run (now: {}); another run may be writing", path, read(fs, path));
                heartbeat.shutdown();
                return;
            }
            long now = System.currentTimeMillis();
            fs.setTimes(path, now, -1);
            if (fs.getFileStatus(path).getModificationTime() < now - 1_000) {
                try (FSDataOutputStream out = fs.create(path, true)) { // stores without settable times (s3a)
                    out.write(content.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not refresh the lock {}: {}", path, e.getMessage());
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            if (ownedHere()) {
                fs.delete(path, false);
            } else {
                LOG.warn("not releasing the lock {}: it is no longer this run's ({})", path,
                        fs.exists(path) ? read(fs, path) : "deleted");
            }
        } catch (IOException e) {
            LOG.warn("could not release lock {}: {}", path, e.getMessage());
        }
    }

    private boolean ownedHere() throws IOException {
        return fs.exists(path) && read(fs, path).equals(content);
    }

    private static String read(FileSystem fs, Path path) {
        try (var in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "unreadable lock";
        }
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** Who holds a lock, as written in the lock file: {@code run <id> on <pid>@<host> since <instant>}. */
    record Holder(String runId, long pid, String host, Instant since) {
        static Optional<Holder> parse(String text) {
            Matcher m = HOLDER.matcher(text);
            if (!m.find()) {
                return Optional.empty();
            }
            Instant since;
            try {
                since = Instant.parse(m.group(4));
            } catch (java.time.format.DateTimeParseException e) {
                since = Instant.MAX;
            }
            return Optional.of(new Holder(m.group(1), Long.parseLong(m.group(2)), m.group(3), since));
        }

        /** The process runs and started before the lock was taken (a pid reused since then is not the holder). */
        boolean isAlive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> p.info().startInstant().map(start -> !start.isAfter(since)).orElse(true))
                    .orElse(false);
        }

        @Override
        public String toString() {
            return "run " + runId + " on " + pid + "@" + host + " since " + since;
        }
    }

    /** Raised when another run holds the output root; exits the CLI with code 4. */
    public static final class LockHeldException extends RuntimeException {
        public LockHeldException(String message) {
            super(message);
        }
    }
}
