package io.churnlens.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code metadata.json} of a stored churn model: plain JSON an analyst can read (scorer, features, training window,
 * calibration, holdout metrics, Spark version) and everything a baseline needs to score again.
 */
final class ModelMetadata {
    static final String FILE = "metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ModelMetadata() {}

    static void write(Configuration hadoop, String dir, Map<String, Object> metadata) {
        Path path = new Path(dir, FILE);
        try (FSDataOutputStream out = path.getFileSystem(hadoop).create(path, true)) {
            out.write(JSON.writeValueAsBytes(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + " failed: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> read(Configuration hadoop, String dir) {
        Path path = new Path(dir, FILE);
        try (FSDataInputStream in = path.getFileSystem(hadoop).open(path)) {
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + " failed: " + e.getMessage(), e);
        }
    }
}
