package io.churnlens.interop;

import io.churnlens.schema.ColumnDoc;
import io.churnlens.schema.DataDictionary;
import io.churnlens.schema.TableDoc;
import io.churnlens.testing.SmallPipelineRun;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table of a small real run read with DuckDB (JDBC, hive partitioning from the folder names) equals what Spark
 * reads: same columns in the same order, plain types, the same rows, dates as dates and timestamps as the same
 * instant. The same run checks the data dictionary against what was written: every report folder is a described
 * table and every column has its described name and type.
 */
class DuckDbInteropTest extends SparkTestBase {
    /** DuckDB's names for the plain Parquet types the dictionary promises. */
    private static final Set<String> PLAIN = Set.of("VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL(18,2)", "DATE",
            "BOOLEAN", "TIMESTAMP WITH TIME ZONE");
    private static Path root;

    @BeforeAll
    static void run() {
        root = SmallPipelineRun.output();
    }

    @Test
    void everyReportTableReadsTheSameInDuckDbAndSpark() throws Exception {
        List<String> tables = reportTables();
        assertThat(tables).contains("customer_scores", "model_metrics", "churn_impact", "data_quality", "segment_risk");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String table : tables) {
                assertSame(duck, table, root.resolve("reports").resolve(table));
            }
            assertSame(duck, "transactions", root.resolve("transactions"));
            assertSame(duck, "quarantine", root.resolve("quarantine"));
        }
    }

    @Test
    void everyPublishedFolderIsADescribedTableWithItsColumnsAndTypes() throws IOException {
        Map<String, TableDoc> described = new LinkedHashMap<>();
        DataDictionary.TABLES.forEach(t -> described.put(t.name(), t));
        List<String> published = new ArrayList<>(reportTables());
        published.add("transactions");
        published.add("quarantine");
        for (String table : published) {
            assertThat(described).as("reports/%s has no description in schema/DataDictionary.java", table)
                    .containsKey(table);
            String folder = table.equals("transactions") || table.equals("quarantine") ? table : "reports/" + table;
            assertColumnsAsDescribed(described.get(table), spark.read().parquet(root.resolve(folder).toString()));
        }
        assertThat(described.values().stream().filter(t -> t.location().startsWith("reports/")).map(TableDoc::name))
                .as("described report tables the run did not publish").containsExactlyInAnyOrderElementsOf(reportTables());
        // model_backtest: model_metrics' file columns first, then its own
        assertThat(DataDictionary.MODEL_BACKTEST.fileSchema().fieldNames())
                .startsWith(DataDictionary.MODEL_METRICS.fileSchema().fieldNames());
    }

    @Test
    void keyFiguresCsvHasTheDescribedHeader() throws IOException {
        Path csv = root.resolve("management/2026-Q3/key_figures.csv");
        String header = Files.readAllLines(csv).get(0);
        assertThat(List.of(header.split(","))).containsExactlyElementsOf(
                DataDictionary.KEY_FIGURES.columns().stream().map(ColumnDoc::name).toList());
    }

    private static void assertSame(Connection duck, String table, Path folder) throws SQLException {
        Dataset<Row> fromSpark = spark.read().parquet(folder.toString());
        List<String> sparkColumns = List.of(fromSpark.columns());
        List<List<Object>> sparkRows = sorted(fromSpark.collectAsList().stream().map(DuckDbInteropTest::values).toList());
        String sql = "SELECT * FROM read_parquet('" + folder + "/**/*.parquet', hive_partitioning = true)";
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> duckColumns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                duckColumns.add(meta.getColumnName(i));
                assertThat(meta.getColumnTypeName(i)).as("%s.%s", table, meta.getColumnName(i)).isIn(PLAIN);
                assertThat(duckType(fromSpark.schema().fields()[i - 1])).as("%s.%s", table, meta.getColumnName(i))
                        .isEqualTo(meta.getColumnTypeName(i));
            }
            assertThat(duckColumns).as(table).containsExactlyElementsOf(sparkColumns);
            List<List<Object>> duckRows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= duckColumns.size(); i++) row.add(normal(rs.getObject(i)));
                duckRows.add(row);
            }
            assertThat(sparkRows).as("%s: %d rows from Spark", table, sparkRows.size()).isNotEmpty();
            assertThat(sorted(duckRows)).as(table).containsExactlyElementsOf(sparkRows);
        }
    }

    /** What DuckDB should call the Spark type (a Spark-only or nested type has no entry and fails the test). */
    private static String duckType(StructField f) {
        return switch (f.dataType().simpleString()) {
            case "string" -> "VARCHAR";
            case "int" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "double" -> "DOUBLE";
            case "decimal(18,2)" -> "DECIMAL(18,2)";
            case "date" -> "DATE";
            case "boolean" -> "BOOLEAN";
            case "timestamp" -> "TIMESTAMP WITH TIME ZONE";
            default -> "not plain: " + f.dataType().simpleString();
        };
    }

    private static List<Object> values(Row r) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) out.add(normal(r.get(i)));
        return out;
    }

    /** One representation per value: dates as LocalDate, timestamps as Instant, decimals without trailing scale. */
    private static Object normal(Object v) {
        if (v instanceof java.sql.Timestamp t) return t.toInstant();
        if (v instanceof OffsetDateTime o) return o.toInstant();
        if (v instanceof Instant i) return i;
        if (v instanceof java.sql.Date d) return d.toLocalDate();
        if (v instanceof LocalDate d) return d;
        if (v instanceof BigDecimal b) return b.setScale(2, java.math.RoundingMode.UNNECESSARY);
        return v;
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        return rows.stream().sorted(java.util.Comparator.comparing(Object::toString)).toList();
    }

    private static void assertColumnsAsDescribed(TableDoc doc, Dataset<Row> read) {
        Map<String, String> actual = new LinkedHashMap<>();
        for (StructField f : read.schema().fields()) actual.put(template(f.name()), f.dataType().simpleString());
        Map<String, String> expected = new LinkedHashMap<>();
        for (ColumnDoc c : doc.columns()) expected.put(c.name(), c.type().simpleString());
        assertThat(actual).as("columns and types of %s as read vs schema/DataDictionary.java", doc.name())
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** spend_30d -> spend_{N}d: the window columns are described once per pattern. */
    private static String template(String column) {
        return column.replaceAll("^(spend|purchase_days)_\\d+d$", "$1_{N}d");
    }

    private static List<String> reportTables() {
        try (Stream<Path> list = Files.list(root.resolve("reports"))) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.startsWith("_")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
