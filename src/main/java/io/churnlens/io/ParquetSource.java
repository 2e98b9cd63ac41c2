package io.churnlens.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.QuarantineReason;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * Reads Parquet inputs into {@link RawRows}: files grouped by the top-level column names of their footers (no data is
 * read to group them), each group one Spark read, aligned by name onto the union of the columns.
 */
final class ParquetSource {
    private ParquetSource() {}

    /**
     * Parquet files are grouped by their column names (from the footers) and aligned by name like CSV, so a file that
     * lacks a mapped column is refused the same way, and a column typed differently in different files reads as the
     * same text. Values become text for the raw columns; timestamp and date columns also travel typed, as the
     * instant of the event, so no text is re-parsed (fractional seconds and all).
     */
    static RawRows read(SparkSession spark, ChurnlensConfig.Input input, List<String> required,
                                       List<String> files) {
        HeaderGroups groups = HeaderGroups.ofColumns(groups(spark, files));
        List<String> known = groups.known();
        List<Dataset<Row>> parts = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        boolean[] temporal = new boolean[known.size()];
        for (Map.Entry<List<String>, List<String>> group : groups.groups().entrySet()) {
            Dataset<Row> rows = spark.read().option("mergeSchema", "true").parquet(RawSource.literal(group.getValue()));
            for (StructField field : rows.schema().fields()) {
                temporal[known.indexOf(field.name())] |= instant(col(RawSource.quoted(field.name())), field.dataType(), input) != null;
            }
            parts.add(rows);
        }
        Map<String, String> instants = new HashMap<>();
        for (int i = 0; i < known.size(); i++) {
            if (temporal[i]) {
                instants.put(known.get(i), "_instant_" + i);
            }
        }
        Dataset<Row> all = null;
        int g = 0;
        for (Map.Entry<List<String>, List<String>> group : groups.groups().entrySet()) {
            List<String> missing = groups.missing(group.getKey(), required);
            if (!missing.isEmpty()) {
                group.getValue().forEach(f -> refused.add(f + " lacks " + missing + " (its columns: " + group.getKey() + ")"));
            }
            Dataset<Row> part = parquetPart(parts.get(g++), group.getKey(), known, instants, missing, input);
            all = all == null ? part : all.union(part);
        }
        return new RawRows(all, known, instants, refused, List.of());
    }

    private static Dataset<Row> parquetPart(Dataset<Row> rows, List<String> header, List<String> known,
                                            Map<String, String> instants, List<String> missing,
                                            ChurnlensConfig.Input input) {
        Map<String, DataType> types = new HashMap<>();
        for (StructField field : rows.schema().fields()) {
            types.put(field.name(), field.dataType());
        }
        List<Column> select = new ArrayList<>();
        for (String c : known) {
            select.add(types.containsKey(c) ? col(RawSource.quoted(c)).cast(DataTypes.StringType).as(c)
                    : lit(null).cast(DataTypes.StringType).as(c));
        }
        for (String c : known) {
            if (instants.containsKey(c)) {
                Column instant = types.containsKey(c) ? instant(col(RawSource.quoted(c)), types.get(c), input) : null;
                select.add((instant == null ? lit(null).cast(DataTypes.TimestampType) : instant).as(instants.get(c)));
            }
        }
        select.add(input_file_name().as(RawRows.SOURCE_FILE));
        Column reason = missing.isEmpty() ? lit(null) : lit(QuarantineReason.MISSING_COLUMN.name());
        Column detail = missing.isEmpty() ? lit(null)
                : lit("the file lacks the mapped column(s) " + missing + "; its columns are " + header);
        select.add(reason.cast(DataTypes.StringType).as(RawRows.READER_REASON));
        select.add(detail.cast(DataTypes.StringType).as(RawRows.READER_DETAIL));
        return rows.select(select.toArray(Column[]::new));
    }

    /**
     * A TIMESTAMP is an instant already; a TIMESTAMP_NTZ or DATE is a wall-clock time in input.timezone, converted
     * the same way as event times written as text. Null for other types.
     */
    private static Column instant(Column c, DataType type, ChurnlensConfig.Input input) {
        if (type.equals(DataTypes.TimestampType)) {
            return c;
        }
        if (type.equals(DataTypes.TimestampNTZType) || type.equals(DataTypes.DateType)) {
            return to_utc_timestamp(c.cast(DataTypes.TimestampType), input.timezone().getId());
        }
        return null;
    }

    private static Map<List<String>, List<String>> groups(SparkSession spark, List<String> files) {
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
