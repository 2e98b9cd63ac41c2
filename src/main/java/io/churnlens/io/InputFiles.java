package io.churnlens.io;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;

/** Checks on input paths through Hadoop's FileSystem, so local paths, HDFS and object stores behave alike. */
final class InputFiles {
    private InputFiles() {}

    static void requireExists(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new InputException("input path not found: " + path
                        + " (set input.path in the config, or pass --input FILE)");
            }
        } catch (IOException e) {
            throw new InputException("cannot list input path " + path + ": " + e.getMessage());
        }
    }
}
