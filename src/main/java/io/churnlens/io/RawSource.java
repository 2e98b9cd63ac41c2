package io.churnlens.io;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.QuarantineReason;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.*;

/**
 * Reads raw transaction exports (CSV, whitespace-delimited text, JSON lines, Parquet) into {@link RawRows}: every
 * column a string, nothing cast, each file mapped by its own header. Rows the reader cannot take as they are keep
 * their raw values and get a reader verdict (MISSING_COLUMN, MALFORMED_ROW, ENCODING) for ingest to quarantine.
 *
 * <p>CSV and whitespace-delimited text is read as ISO-8859-1 (byte for byte) and decoded strictly per field by
 * {@link StrictText}, so no byte is ever replaced by U+FFFD (with Spark expressions; Java runs only to show the bad
 * bytes of invalid fields, and on non-ASCII fields of charsets other than UTF-8 and ISO-8859-1). Files are grouped by
 * header ({@link HeaderGroups}) and each group is one Spark read with its own all-string schema (two when
 * {@link CsvSplits} splits some of its files and streams others); the groups are aligned by name onto the union of
 * all headers. JSON lines map keys by name themselves; Parquet is read by {@link ParquetSource} the same grouped way.
 */
public final class RawSource {
    private static final Logger LOG = LoggerFactory.getLogger(RawSource.class);
    private static final String CORRUPT = "_corrupt_record";
    private static final String LATIN1 = "ISO-8859-1";
    /** The quarantine shows at most this much of an unparsed row. */
    private static final int DETAIL_CHARS = 200;

    private RawSource() {}

    public static RawRows read(SparkSession spark, ChurnlensConfig config) {
        return read(spark, config.input(), config.mapping().inputColumns());
    }

    /**
     * @param required the input columns the mapping reads: a file whose header lacks one that other files have is
     *                 refused, its rows quarantined as MISSING_COLUMN (see {@link RawRows#requireNoRefusedFiles()})
     */
    public static RawRows read(SparkSession spark, ChurnlensConfig.Input input, List<String> required) {
        List<String> files = InputFiles.list(spark, input.path());
        RawRows raw = switch (input.format()) {
            case CSV -> readDelimited(spark, input, required, files);
            case JSON -> readJson(spark, input, required, files);
            case PARQUET -> ParquetSource.read(spark, input, required, files);
        };
        raw.warnings().forEach(w -> LOG.warn("{}", w));
        return raw;
    }

    static String separator(ChurnlensConfig.Input input) {
        return input.delimiter().equals("\\t") ? "\t" : input.delimiter();
    }

    private static RawRows readDelimited(SparkSession spark, ChurnlensConfig.Input input, List<String> required,
                                         List<String> files) {
        HeaderGroups groups = input.header() ? HeaderGroups.of(FileHeaders.probe(spark, files), input)
                : HeaderGroups.single(requireColumns(input), files);
        List<String> known = groups.known();
        Set<String> lineByLine = input.whitespaceDelimited() ? Set.of() : CsvSplits.lineByLine(spark, input, files);
        Dataset<Row> all = null;
        List<String> refused = new ArrayList<>();
        for (Map.Entry<List<String>, List<String>> group : groups.groups().entrySet()) {
            List<String> header = group.getKey();
            List<String> missing = groups.missing(header, required);
            if (!missing.isEmpty()) {
                group.getValue().forEach(f -> refused.add(f + " lacks " + missing + " (its header: " + header + ")"));
            }
            Dataset<Row> split = input.whitespaceDelimited()
                    ? splitWhitespace(spark, input, header, group.getValue())
                    : splitCsv(spark, input, header, group.getValue(), lineByLine);
            Dataset<Row> part = decoded(split, header, known, missing, input);
            all = all == null ? part : all.union(part);
        }
        return new RawRows(all, known, Map.of(), refused, groups.warnings());
    }

    /** One group of CSV files with the same header: one read of the files read line by line, one of the others. */
    private static Dataset<Row> splitCsv(SparkSession spark, ChurnlensConfig.Input input, List<String> header,
                                         List<String> files, Set<String> lineByLine) {
        Map<Boolean, List<String>> byMode = files.stream().collect(Collectors.partitioningBy(lineByLine::contains));
        Dataset<Row> read = null;
        for (Map.Entry<Boolean, List<String>> mode : byMode.entrySet()) {
            if (!mode.getValue().isEmpty()) {
                Dataset<Row> part = readCsv(spark, input, header, mode.getValue(), !mode.getKey());
                read = read == null ? part : read.union(part);
            }
        }
        return read;
    }

    /**
     * Column pruning is off for this read only: with it the parser tokenises only the columns a query reads, so
     * whether a row is malformed would depend on the query.
     */
    private static Dataset<Row> readCsv(SparkSession spark, ChurnlensConfig.Input input, List<String> header,
                                        List<String> files, boolean multiLine) {
        return spark.read()
                .schema(stringSchema(header).add(CORRUPT, DataTypes.StringType))
                .option("header", String.valueOf(input.header()))
                .option("sep", separator(input))
                .option("encoding", LATIN1)
                .option("quote", "\"")
                .option("escape", input.escape())
                .option("multiLine", String.valueOf(multiLine))
                .option("columnPruning", "false")
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .option("ignoreLeadingWhiteSpace", "true")
                .option("ignoreTrailingWhiteSpace", "true")
                .csv(literal(files))
                .withColumn(RawRows.SOURCE_FILE, input_file_name());
    }

    /** Runs of spaces or tabs separate the columns; blank lines are skipped; a UTF-8 byte order mark is dropped. */
    private static Dataset<Row> splitWhitespace(SparkSession spark, ChurnlensConfig.Input input, List<String> header,
                                                List<String> files) {
        Column bytes = decode(col("value").cast(DataTypes.BinaryType), LATIN1);
        Dataset<Row> lines = spark.read().text(literal(files))
                .select(regexp_replace(bytes, "^(\u00EF\u00BB\u00BF)?\\s+|\\s+$|^\u00EF\u00BB\u00BF", "").as("_line"),
                        input_file_name().as(RawRows.SOURCE_FILE))
                .filter(length(col("_line")).gt(0));
        if (input.header()) {
            String headerBytes = new String(String.join(" ", header).getBytes(input.charset()),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            lines = lines.filter(regexp_replace(col("_line"), "\\s+", " ").notEqual(lit(headerBytes)));
        }
        Column parts = split(col("_line"), "\\s+");
        Column wellFormed = size(parts).equalTo(header.size());
        List<Column> select = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            select.add(when(wellFormed, element_at(parts, i + 1)).as(header.get(i)));
        }
        select.add(when(not(wellFormed), col("_line")).as(CORRUPT));
        select.add(col(RawRows.SOURCE_FILE));
        return lines.select(select.toArray(Column[]::new));
    }

    /**
     * The group's fields decoded strictly and aligned onto the known columns, with the reader's verdict. A field whose
     * bytes are not valid in input.encoding is kept with each bad byte written {@code \xNN}, and its row is ENCODING.
     */
    private static Dataset<Row> decoded(Dataset<Row> split, List<String> header, List<String> known,
                                        List<String> missing, ChurnlensConfig.Input input) {
        var shown = StrictText.escapedUdf(input.encoding());
        List<Column> first = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            first.add(col(quoted(header.get(i))).as("_r" + i));
            first.add(StrictText.decoded(col(quoted(header.get(i))), input.encoding()).as("_d" + i));
        }
        first.add(col(CORRUPT));
        first.add(col(RawRows.SOURCE_FILE));
        Dataset<Row> rows = split.select(first.toArray(Column[]::new));

        Map<String, Column> values = new HashMap<>();
        List<Column> bad = new ArrayList<>();
        List<Column> badDetail = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            Column raw = col("_r" + i);
            Column isBad = raw.isNotNull().and(col("_d" + i).isNull());
            Column value = when(isBad, shown.apply(raw)).otherwise(col("_d" + i));
            // Without a header line, a UTF-8 byte order mark ends up at the start of the first field.
            values.put(header.get(i), i == 0 && !input.header() ? regexp_replace(value, "^\uFEFF", "") : value);
            bad.add(isBad);
            badDetail.add(when(isBad, concat(lit("column '" + header.get(i) + "' holds bytes that are not valid "
                    + input.encoding() + ": '"), substring(shown.apply(raw), 1, DETAIL_CHARS), lit("'"))));
        }
        Column corrupt = col(CORRUPT);
        Column malformedDetail = concat(lit("unparsed row: "), substring(shown.apply(corrupt), 1, DETAIL_CHARS));
        return aligned(rows, known, values, missing, header, corrupt.isNotNull(), malformedDetail, bad, badDetail);
    }

    private static Dataset<Row> aligned(Dataset<Row> rows, List<String> known, Map<String, Column> values,
                                        List<String> missing, List<String> header, Column malformed,
                                        Column malformedDetail, List<Column> bad, List<Column> badDetail) {
        Column reason;
        Column detail;
        if (!missing.isEmpty()) {
            reason = lit(QuarantineReason.MISSING_COLUMN.name());
            detail = lit("the file's header lacks the mapped column(s) " + missing + "; its columns are " + header);
        } else {
            Column anyBad = bad.stream().reduce(lit(false), Column::or);
            reason = when(malformed, lit(QuarantineReason.MALFORMED_ROW.name()))
                    .when(anyBad, lit(QuarantineReason.ENCODING.name()));
            detail = when(malformed, malformedDetail)
                    .when(anyBad, badDetail.isEmpty() ? lit(null) : coalesce(badDetail.toArray(Column[]::new)));
        }
        List<Column> select = new ArrayList<>();
        for (String c : known) {
            select.add(values.getOrDefault(c, lit(null).cast(DataTypes.StringType)).as(c));
        }
        select.add(col(RawRows.SOURCE_FILE));
        select.add(reason.as(RawRows.READER_REASON));
        select.add(detail.as(RawRows.READER_DETAIL));
        return rows.select(select.toArray(Column[]::new));
    }

    /**
     * JSON lines map keys by name. Files are grouped by the keys they hold (each file's own inferred schema; a key
     * whose value is always null is still held), so a file that lacks a mapped key other files have is refused as
     * MISSING_COLUMN, as a CSV file lacking a column is, instead of reading as nulls. A file with no key at all (only
     * unparsable lines, or no lines) is not refused: its lines are MALFORMED_ROW.
     */
    private static RawRows readJson(SparkSession spark, ChurnlensConfig.Input input, List<String> required,
                                    List<String> files) {
        List<List<String>> keys = DriverThreads.map(files, file -> jsonKeys(spark, input, file));
        Map<List<String>, List<String>> byKeys = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            byKeys.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(files.get(i));
        }
        HeaderGroups groups = HeaderGroups.ofColumns(byKeys);
        List<String> known = groups.known();
        Dataset<Row> all = null;
        List<String> refused = new ArrayList<>();
        for (Map.Entry<List<String>, List<String>> group : groups.groups().entrySet()) {
            List<String> header = group.getKey();
            List<String> missing = header.isEmpty() ? List.of() : groups.missing(header, required);
            if (!missing.isEmpty()) {
                group.getValue().forEach(f -> refused.add(f + " lacks the key(s) " + missing + " (its keys: " + header + ")"));
            }
            Dataset<Row> part = jsonPart(spark, input, header, known, missing, group.getValue());
            all = all == null ? part : all.union(part);
        }
        return new RawRows(all, known, Map.of(), refused, List.of());
    }

    private static List<String> jsonKeys(SparkSession spark, ChurnlensConfig.Input input, String file) {
        return Arrays.stream(spark.read().option("encoding", input.encoding()).json(literal(List.of(file)))
                .schema().fieldNames()).filter(c -> !c.equals(CORRUPT)).toList();
    }

    /**
     * One group of JSON files. Their text cannot be read byte for byte like CSV (a {@code \u00e9} escape and a raw
     * 0xE9 byte would look alike), so Spark decodes it: invalid UTF-8 makes the line unparsable, other charsets
     * replace invalid bytes by U+FFFD. A row whose line or values hold U+FFFD is therefore ENCODING.
     */
    private static Dataset<Row> jsonPart(SparkSession spark, ChurnlensConfig.Input input, List<String> header,
                                         List<String> known, List<String> missing, List<String> files) {
        Dataset<Row> rows = spark.read()
                .schema(stringSchema(header).add(CORRUPT, DataTypes.StringType))
                .option("encoding", input.encoding())
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .json(literal(files))
                .withColumn(RawRows.SOURCE_FILE, input_file_name());
        Map<String, Column> values = new HashMap<>();
        List<Column> bad = new ArrayList<>();
        List<Column> badDetail = new ArrayList<>();
        for (String c : header) {
            Column value = col(quoted(c));
            Column isBad = coalesce(instr(value, "\uFFFD").gt(0), lit(false));
            values.put(c, value);
            bad.add(isBad);
            badDetail.add(when(isBad, concat(lit("key '" + c + "' holds bytes that are not valid " + input.encoding()
                    + " (decoded as U+FFFD): '"), substring(value, 1, DETAIL_CHARS), lit("'"))));
        }
        Column corrupt = col(CORRUPT);
        // UTF-8 lines reach the corrupt column as their raw bytes; other charsets as text with U+FFFD.
        Column undecodable = coalesce(not(is_valid_utf8(corrupt)).or(instr(corrupt, "\uFFFD").gt(0)), lit(false));
        Column shownLine = StrictText.escapedUdf("UTF-8").apply(decode(corrupt.cast(DataTypes.BinaryType), LATIN1));
        bad.add(0, undecodable);
        badDetail.add(0, when(undecodable, concat(lit("the line holds bytes that are not valid " + input.encoding()
                + ": "), substring(shownLine, 1, DETAIL_CHARS))));
        Column malformedDetail = concat(lit("unparsed row: "), substring(corrupt, 1, DETAIL_CHARS));
        return aligned(rows, known, values, missing, header, corrupt.isNotNull().and(not(undecodable)),
                malformedDetail, bad, badDetail);
    }

    static String[] literal(List<String> files) {
        return files.stream().map(InputFiles::literal).toArray(String[]::new);
    }

    private static List<String> requireColumns(ChurnlensConfig.Input input) {
        if (input.columns().isEmpty()) {
            throw new InputException("input " + input.path() + " has no header line (input.header = false), so "
                    + "input.columns must list the column names in file order, e.g. input.columns = [customer_id, date, quantity, amount]");
        }
        return input.columns().stream().map(String::trim).toList();
    }

    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static StructType stringSchema(List<String> columns) {
        return new StructType(columns.stream()
                .map(c -> DataTypes.createStructField(c, DataTypes.StringType, true))
                .toArray(StructField[]::new));
    }
}
