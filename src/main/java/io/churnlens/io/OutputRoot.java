package io.churnlens.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeys;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * Makes the output root ready before a run takes its lock: every folder and file the run creates gets the
 * configured umask (the quarantine holds raw customer rows), and a root that cannot be written stops the run with
 * one line naming the path and the fix instead of a stack trace.
 *
 * <p>The umask goes into Hadoop's {@code fs.permissions.umask-mode}, which local disks and HDFS apply to
 * {@code mkdirs} and {@code create}, and so to every file Spark's Parquet writers create. {@code FileSystem.get}
 * caches one instance per scheme and user with the configuration it was first created with, so setting the key on
 * the session's configuration alone does not reach an instance created earlier (measured on the local file
 * system: files stayed 0644); the cached instance's own configuration gets it too. Object stores (s3a) have no
 * file modes: access there is the bucket's policy.
 */
public final class OutputRoot {
    private OutputRoot() {}

    public static void prepare(Configuration hadoop, OutputLayout layout, String umask, String runId) {
        Path root = new Path(layout.root());
        try {
            hadoop.set(CommonConfigurationKeys.FS_PERMISSIONS_UMASK_KEY, umask);
            FileSystem fs = root.getFileSystem(hadoop);
            fs.getConf().set(CommonConfigurationKeys.FS_PERMISSIONS_UMASK_KEY, umask);
            if (!fs.mkdirs(root) || !fs.getFileStatus(root).isDirectory()) {
                throw new IOException("it cannot be created as a folder");
            }
            Path probe = new Path(root, "._write-check-" + runId);
            fs.create(probe, true).close();
            fs.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new UnwritableException("cannot write to the output root " + root + " (" + firstLine(e) + "); "
                    + "choose a writable folder with --output DIR (or output.root), or give user "
                    + System.getProperty("user.name") + " permission to create files there", e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The output root cannot be written; exits the CLI with code 3, like unreadable input. */
    public static final class UnwritableException extends RuntimeException {
        UnwritableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
