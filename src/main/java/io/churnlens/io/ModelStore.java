package io.churnlens.io;

import io.churnlens.schema.Tables;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of one stored churn model, in its folder ({@code <root>/models/churn/as_of=T/}, given by
 * {@link TableStore}, which publishes the folder atomically): {@code metadata.json} (text made by the model stage)
 * and, for a learned model, the MLlib pipeline in {@code pipeline/}. It deals in the JSON text and the
 * {@link PipelineModel} only, so {@code io} needs nothing from the model package: the stage that trains hands both
 * over, the stage that scores turns them back into a model.
 */
public final class ModelStore {
    public static final String METADATA_FILE = "metadata.json";
    public static final String PIPELINE_DIR = "pipeline";

    private ModelStore() {}

    /** What a model folder holds. */
    public record Stored(String metadataJson, Optional<PipelineModel> pipeline) {}

    /** Writes the pipeline (when there is one), then the metadata, into {@code dir} (an empty temporary folder). */
    public static void write(SparkSession spark, String dir, String metadataJson, Optional<PipelineModel> pipeline) {
        pipeline.ifPresent(p -> {
            try {
                p.write().overwrite().save(new Path(dir, PIPELINE_DIR).toString());
            } catch (IOException e) {
                throw new UncheckedIOException("saving the model pipeline under " + dir + " failed: " + e.getMessage(), e);
            }
        });
        Path path = new Path(dir, METADATA_FILE);
        try (FSDataOutputStream out = path.getFileSystem(hadoop(spark)).create(path, true)) {
            out.write(metadataJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Reads the metadata text and, when the folder has one, the pipeline. */
    public static Stored read(SparkSession spark, String dir) {
        Path path = new Path(dir, METADATA_FILE);
        String json;
        try (FSDataInputStream in = path.getFileSystem(hadoop(spark)).open(path)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + " failed: " + e.getMessage(), e);
        }
        Path pipeline = new Path(dir, PIPELINE_DIR);
        try {
            FileSystem fs = pipeline.getFileSystem(hadoop(spark));
            return new Stored(json, fs.exists(pipeline) ? Optional.of(PipelineModel.load(pipeline.toString())) : Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + pipeline + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The snapshot dates of the model folders beside {@code dir} (a folder {@code .../as_of=T}), oldest first; a
     * folder whose name is no date (a publish in progress) is left out. Whether one is published is the caller's check
     * ({@link TableStore#model}).
     */
    public static List<LocalDate> asOfDatesBeside(SparkSession spark, String dir) {
        Path parent = new Path(dir).getParent();
        String prefix = Tables.AS_OF + "=";
        try {
            FileSystem fs = parent.getFileSystem(hadoop(spark));
            if (!fs.exists(parent)) return List.of();
            List<LocalDate> dates = new ArrayList<>();
            for (FileStatus s : fs.listStatus(parent, p -> p.getName().startsWith(prefix))) {
                try {
                    dates.add(LocalDate.parse(s.getPath().getName().substring(prefix.length())));
                } catch (DateTimeParseException notADate) {
                    // a temporary or damaged folder: not a published model
                }
            }
            dates.sort(null);
            return List.copyOf(dates);
        } catch (IOException e) {
            throw new UncheckedIOException("listing the models under " + parent + " failed: " + e.getMessage(), e);
        }
    }

    private static Configuration hadoop(SparkSession spark) {
        return spark.sparkContext().hadoopConfiguration();
    }
}
