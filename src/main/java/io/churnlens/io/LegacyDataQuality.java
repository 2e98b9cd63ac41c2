package io.churnlens.io;

import io.churnlens.schema.DataQualityColumns;
import io.churnlens.schema.Tables;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Moves data_quality written before it kept one partition per ingest run ({@code as_of=T/} holding one run's
 * files) to {@code as_of=T/ingest_run=<that run>/}, so an output root from an earlier version stays readable and
 * keeps its counts. Repeatable: the new partition is published first (replacing any half-done one), then the old
 * {@code _SUCCESS} is deleted, then the old files; plain files left without {@code _SUCCESS} are leftovers.
 */
final class LegacyDataQuality {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyDataQuality.class);

    private LegacyDataQuality() {}

    static void migrate(SparkSession spark, FileSystem fs, OutputLayout layout, TableStore store) throws IOException {
        Path table = new Path(layout.reportTable(Tables.DATA_QUALITY));
        if (!fs.exists(table)) {
            return;
        }
        for (FileStatus asOf : fs.listStatus(table, p -> p.getName().startsWith(Tables.AS_OF + "="))) {
            FileStatus[] plain = Arrays.stream(fs.listStatus(asOf.getPath())).filter(FileStatus::isFile)
                    .toArray(FileStatus[]::new);
            if (plain.length == 0) {
                continue;
            }
            if (fs.exists(new Path(asOf.getPath(), "_SUCCESS"))) {
                republishByRun(spark, asOf.getPath(), plain, store);
                fs.delete(new Path(asOf.getPath(), "_SUCCESS"), false);
            }
            for (FileStatus file : plain) {
                fs.delete(file.getPath(), false);
            }
        }
    }

    private static void republishByRun(SparkSession spark, Path asOf, FileStatus[] plain, TableStore store) {
        String[] parquet = Arrays.stream(plain).map(s -> s.getPath().toString()).filter(p -> p.endsWith(".parquet"))
                .toArray(String[]::new);
        if (parquet.length == 0) {
            return;
        }
        Dataset<Row> rows = spark.read().parquet(parquet); // the files alone: the folder now mixes two layouts
        List<String> runs = rows.select(DataQualityColumns.INGEST_RUN).distinct().as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        for (String run : runs) {
            String target = asOf + "/" + DataQualityColumns.INGEST_RUN + "=" + run;
            LOG.info("moving data_quality of ingest run {} to its own partition {}", run, target);
            store.publish(rows.filter(col(DataQualityColumns.INGEST_RUN).equalTo(run)).drop(DataQualityColumns.INGEST_RUN),
                    target, null);
        }
    }
}
