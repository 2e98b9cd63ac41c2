package io.churnlens.io;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.ingest.RawRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Reads raw transaction exports (CSV, whitespace-delimited text, JSON lines, Parquet) with an explicit all-string
 * schema: no type inference, nothing cast here. Rows that cannot be split into columns are kept, with their raw
 * text, for ingest to quarantine as {@code MALFORMED_ROW}.
 */
public final class RawSource {
    private static final String CORRUPT = "_corrupt_record";

    private RawSource() {}

    public static RawRows read(SparkSession spark, ChurnlensConfig.Input input) {
        InputFiles.requireExists(spark, input.path());
        return switch (input.format()) {
            case CSV -> input.whitespaceDelimited() ? readWhitespace(spark, input) : readCsv(spark, input);
            case JSON -> readJson(spark, input);
            case PARQUET -> readParquet(spark, input);
        };
    }

    private static RawRows readCsv(SparkSession spark, ChurnlensConfig.Input input) {
        // With column pruning the CSV parser only tokenises the columns a query reads, so a row with too many or
        // too few fields would be flagged malformed or not depending on the query. Ingest must judge every row
        // the same way in every query (counts, quarantine, accepted), so parse whole rows.
        spark.conf().set("spark.sql.csv.parser.columnPruning.enabled", "false");
        String sep = input.delimiter().equals("\\t") ? "\t" : input.delimiter();
        List<String> columns = input.header()
                ? Arrays.asList(spark.read().option("header", "true").option("sep", sep)
                        .option("inferSchema", "false").csv(input.path()).schema().fieldNames())
                : requireColumns(input);
        columns = trimmed(columns);
        Dataset<Row> rows = spark.read()
                .schema(stringSchema(columns).add(CORRUPT, DataTypes.StringType))
                .option("header", String.valueOf(input.header()))
                .option("sep", sep)
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .option("ignoreLeadingWhiteSpace", "true")
                .option("ignoreTrailingWhiteSpace", "true")
                .csv(input.path());
        return new RawRows(withSource(rows.withColumnRenamed(CORRUPT, RawRows.MALFORMED)), columns);
    }

    /** Runs of spaces or tabs separate the columns; CRLF endings leave a trailing \r that the trim removes. */
    private static RawRows readWhitespace(SparkSession spark, ChurnlensConfig.Input input) {
        Dataset<Row> lines = spark.read().text(input.path())
                .withColumn("_line", trim(regexp_replace(col("value"), "[\\r\\n]+$", "")))
                .filter(length(col("_line")).gt(0));
        List<String> columns;
        if (input.header()) {
            String headerLine = lines.select("_line").first().getString(0);
            columns = Arrays.asList(headerLine.split("\\s+"));
            lines = lines.filter(col("_line").notEqual(lit(headerLine)));
        } else {
            columns = requireColumns(input);
        }
        Column parts = split(col("_line"), "\\s+");
        List<Column> select = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            select.add(when(size(parts).equalTo(columns.size()), element_at(parts, i + 1)).as(columns.get(i)));
        }
        select.add(when(size(parts).notEqual(columns.size()), col("_line")).as(RawRows.MALFORMED));
        return new RawRows(withSource(lines.select(select.toArray(Column[]::new))), columns);
    }

    private static RawRows readJson(SparkSession spark, ChurnlensConfig.Input input) {
        List<String> columns = Arrays.asList(spark.read().json(input.path()).schema().fieldNames());
        columns = columns.stream().filter(c -> !c.equals(CORRUPT)).toList();
        Dataset<Row> rows = spark.read()
                .schema(stringSchema(columns).add(CORRUPT, DataTypes.StringType))
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .json(input.path());
        return new RawRows(withSource(rows.withColumnRenamed(CORRUPT, RawRows.MALFORMED)), columns);
    }

    private static RawRows readParquet(SparkSession spark, ChurnlensConfig.Input input) {
        Dataset<Row> rows = spark.read().parquet(input.path());
        List<String> columns = Arrays.asList(rows.columns());
        List<Column> select = new ArrayList<>();
        for (String c : columns) {
            select.add(col("`" + c + "`").cast(DataTypes.StringType).as(c));
        }
        select.add(lit(null).cast(DataTypes.StringType).as(RawRows.MALFORMED));
        return new RawRows(withSource(rows.select(select.toArray(Column[]::new))), columns);
    }

    private static Dataset<Row> withSource(Dataset<Row> rows) {
        return rows.withColumn(RawRows.SOURCE_FILE, input_file_name());
    }

    private static List<String> requireColumns(ChurnlensConfig.Input input) {
        if (input.columns().isEmpty()) {
            throw new InputException("input " + input.path() + " has no header line (input.header = false), so "
                    + "input.columns must list the column names in file order, e.g. input.columns = [customer_id, date, quantity, amount]");
        }
        return input.columns();
    }

    private static List<String> trimmed(List<String> columns) {
        return columns.stream().map(String::trim).toList();
    }

    private static StructType stringSchema(List<String> columns) {
        return new StructType(columns.stream()
                .map(c -> DataTypes.createStructField(c, DataTypes.StringType, true))
                .toArray(StructField[]::new));
    }
}
