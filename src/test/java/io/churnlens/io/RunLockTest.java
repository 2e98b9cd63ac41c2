package io.churnlens.io;

import io.churnlens.testing.SparkTestBase;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A live run's lock is never taken over on this host, is kept fresh by its heartbeat, and only its owner deletes it. */
class RunLockTest extends SparkTestBase {
    @TempDir
    Path root;

    @Test
    void aLockHeldByALiveProcessOnThisHostIsNeverTakenOverHoweverOld() throws Exception {
        try (RunLock held = RunLock.acquire(hadoop(), layout(), "run1", Duration.ofHours(6))) {
            ageLock(Duration.ofDays(2));
            assertThatThrownBy(() -> RunLock.acquire(hadoop(), layout(), "run2", Duration.ZERO))
                    .isInstanceOf(RunLock.LockHeldException.class)
                    .hasMessageContaining("alive on this host as pid " + ProcessHandle.current().pid());
            assertThat(Files.readString(lockFile())).startsWith("run run1 on ");
        }
        assertThat(lockFile()).doesNotExist();
    }

    @Test
    void aPidReusedByAProcessStartedAfterTheLockIsNotTheHolder() throws Exception {
        // Our own JVM started before "since" would be false: it started long after 2001.
        writeLock("run old on " + ProcessHandle.current().pid() + "@" + RunLock.host() + " since 2001-01-01T00:00:00Z");
        RunLock.acquire(hadoop(), layout(), "run2", Duration.ofHours(6)).close();
        assertThat(lockFile()).doesNotExist();
    }

    @Test
    void theHeartbeatRefreshesTheLockSoAnotherHostJudgesItByItsLastHeartbeat() throws Exception {
        Duration stale = Duration.ofSeconds(30);
        RunLock.Holder far = new RunLock.Holder("far", 1, "host-a", Instant.now());
        RunLock.Holder near = new RunLock.Holder("near", 1, "host-b", Instant.now());
        try (RunLock held = RunLock.acquire(hadoop(), layout(), far, stale)) {
            ageLock(Duration.ofMinutes(10)); // as if the run had been going for 10 min: older than the stale time
            held.heartbeat();
            assertThat(lockAge()).isLessThan(stale);
            assertThatThrownBy(() -> RunLock.acquire(hadoop(), layout(), near, stale))
                    .isInstanceOf(RunLock.LockHeldException.class)
                    .hasMessageContaining("last heartbeat");

            // The daemon thread does the same on its own.
            ageLock(Duration.ofMinutes(10));
            while (lockAge().compareTo(stale) >= 0) {
                Thread.sleep(100);
            }
        }
        // Without heartbeats (the run on host-a died), the lock goes stale and is taken over.
        writeLock(far.toString());
        ageLock(Duration.ofMinutes(10));
        RunLock.acquire(hadoop(), layout(), near, stale).close();
        assertThat(lockFile()).doesNotExist();
    }

    @Test
    void closeDeletesOnlyItsOwnLock() throws Exception {
        RunLock first = RunLock.acquire(hadoop(), layout(), "run1", Duration.ofHours(6));
        String other = "run run9 on 1@elsewhere since 2026-01-01T00:00:00Z";
        writeLock(other); // the lock now belongs to another run (taken over by hand)
        first.close();
        assertThat(Files.readString(lockFile())).isEqualTo(other);
    }

    @Test
    void theHeartbeatIntervalFitsSeveralBeatsInTheStaleTime() {
        assertThat(RunLock.heartbeatInterval(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(1));
        assertThat(RunLock.heartbeatInterval(Duration.ofSeconds(30))).isEqualTo(Duration.ofMillis(7_500));
        assertThat(RunLock.heartbeatInterval(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    /** Through Hadoop, so the local file system's checksum file matches what another run would have written. */
    private void writeLock(String content) throws Exception {
        var path = new org.apache.hadoop.fs.Path(layout().lock());
        try (var out = path.getFileSystem(hadoop()).create(path, true)) {
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void ageLock(Duration by) throws Exception {
        Files.setLastModifiedTime(lockFile(), FileTime.from(Instant.now().minus(by)));
    }

    private Duration lockAge() throws Exception {
        return Duration.between(Files.getLastModifiedTime(lockFile()).toInstant(), Instant.now());
    }

    private Path lockFile() {
        return Path.of(layout().lock());
    }

    private OutputLayout layout() {
        return new OutputLayout(root.toString());
    }

    private static Configuration hadoop() {
        return spark.sparkContext().hadoopConfiguration();
    }
}
