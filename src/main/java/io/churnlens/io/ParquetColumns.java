package io.churnlens.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parquet files grouped by their top-level column names, read from each file's footer (no data is read). */
final class ParquetColumns {
    private ParquetColumns() {}

    static Map<List<String>, List<String>> groups(SparkSession spark, List<String> files) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<List<String>> names = DriverThreads.map(files, file -> names(conf, file));
        Map<List<String>, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            groups.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(files.get(i));
        }
        return groups;
    }

    private static List<String> names(Configuration conf, String file) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            return reader.getFooter().getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList();
        } catch (IOException | RuntimeException e) {
            throw new InputException("input file " + file + " is not a readable Parquet file (" + e.getMessage()
                    + "); remove it from input.path or set input.format");
        }
    }
}
