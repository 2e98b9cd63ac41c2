package io.churnlens.io;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Checks and listings of input paths through Hadoop's FileSystem, so local paths, HDFS and object stores behave alike. */
final class InputFiles {
    private InputFiles() {}

    /**
     * The data files a file, folder or glob names: matched files, and the files under matched folders at any depth,
     * skipping names that start with {@code _} or {@code .} as Spark does ({@code _SUCCESS}, {@code .crc}).
     *
     * @throws InputException when nothing matches, or the matches hold no data file
     */
    static List<String> list(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new InputException("input path not found: " + path
                        + " (set input.path in the config, or pass --input FILE)");
            }
            List<String> files = new ArrayList<>();
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    for (FileStatus child : fs.listStatus(match.getPath())) {
                        collect(fs, child, files);
                    }
                } else {
                    files.add(match.getPath().toString());
                }
            }
            if (files.isEmpty()) {
                throw new InputException("input path " + path + " holds no data files (names starting with _ or . "
                        + "are skipped); point input.path at the exports");
            }
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new InputException("cannot list input path " + path + ": " + e.getMessage());
        }
    }

    private static void collect(FileSystem fs, FileStatus status, List<String> files) throws IOException {
        String name = status.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) {
            return;
        }
        if (status.isDirectory()) {
            for (FileStatus child : fs.listStatus(status.getPath())) {
                collect(fs, child, files);
            }
        } else {
            files.add(status.getPath().toString());
        }
    }

    /** A file path as Spark's reader takes it literally: glob characters in real file names are escaped. */
    static String literal(String file) {
        return file.replaceAll("([\\\\{}\\[\\]*?])", "\\\\$1");
    }
}
