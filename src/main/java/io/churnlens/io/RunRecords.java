package io.churnlens.io;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes {@code _runs/<run id>.json}, one file per run (Jackson comes with Spark). */
public final class RunRecords {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private RunRecords() {}

    public static void write(Configuration hadoop, OutputLayout layout, RunRecord record) {
        Path path = new Path(layout.runs(), record.runId + ".json");
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            fs.mkdirs(path.getParent());
            try (FSDataOutputStream out = fs.create(path, true)) {
                JSON.writeValue((java.io.OutputStream) out, record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run record " + path + ": " + e.getMessage(), e);
        }
    }
}
