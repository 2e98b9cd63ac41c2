package io.churnlens.bench;

import io.churnlens.schema.DataQualityColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;

/**
 * Compares every report table under {@code <baseline>/reports} with the same table under {@code <candidate>/reports}:
 * same schema, and the same rows ({@code exceptAll} both ways) with doubles rounded to 6 decimals. Columns that
 * differ by construction between two runs are left out: the ingest run id (data_quality's partition folder), and
 * any {@code table.column} named in the optional third argument (comma-separated), e.g. {@code data_quality.source},
 * the absolute input path, which differs between two checkouts.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/runtime-classpath.txt) [spark.jvm.flags] \
 *     io.churnlens.bench.ReportDiff BASELINE_ROOT CANDIDATE_ROOT [table.column,...]</pre>
 * Exits 0 when every table is identical, 1 otherwise.
 */
public final class ReportDiff {
    private static final Set<String> RUN_COLUMNS = Set.of(DataQualityColumns.INGEST_RUN);

    private ReportDiff() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("report diff")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Set<String> ignored = args.length > 2 ? Set.of(args[2].split(",")) : Set.of();
        int different = 0;
        for (String table : tables(args[0], args[1])) {
            Set<String> skip = new TreeSet<>(RUN_COLUMNS);
            ignored.stream().filter(c -> c.startsWith(table + ".")).forEach(c -> skip.add(c.substring(table.length() + 1)));
            String verdict = compare(spark, args[0] + "/reports/" + table, args[1] + "/reports/" + table, skip);
            System.out.printf("%-22s %s%n", table, verdict);
            if (!verdict.startsWith("identical")) different++;
        }
        System.out.printf("%d table(s) differ%n", different);
        spark.stop();
        System.exit(different == 0 ? 0 : 1);
    }

    /** The table names under either root's reports/ (one missing on a side is a difference). */
    private static Set<String> tables(String baseline, String candidate) {
        Set<String> names = new TreeSet<>();
        for (String root : List.of(baseline, candidate)) {
            String[] found = new File(root, "reports").list((dir, name) -> !name.startsWith(".") && !name.startsWith("_"));
            if (found != null) names.addAll(Arrays.asList(found));
        }
        return names;
    }

    static String compare(SparkSession spark, String baselinePath, String candidatePath, Set<String> skip) {
        if (!new File(baselinePath).isDirectory() || !new File(candidatePath).isDirectory()) {
            return "DIFFERENT: missing in " + (new File(baselinePath).isDirectory() ? "candidate" : "baseline");
        }
        Dataset<Row> a = normalised(spark.read().parquet(baselinePath), skip);
        Dataset<Row> b = normalised(spark.read().parquet(candidatePath), skip);
        if (!a.schema().equals(b.schema())) {
            return "DIFFERENT schema: " + a.schema().simpleString() + " vs " + b.schema().simpleString();
        }
        long onlyBaseline = a.exceptAll(b).count();
        long onlyCandidate = b.exceptAll(a).count();
        if (onlyBaseline == 0 && onlyCandidate == 0) {
            return "identical (" + a.count() + " rows, " + a.columns().length + " columns"
                    + (skip.equals(RUN_COLUMNS) ? "" : "; without " + skip) + ")";
        }
        a.exceptAll(b).show(5, false);
        b.exceptAll(a).show(5, false);
        return "DIFFERENT: " + onlyBaseline + " rows only in baseline, " + onlyCandidate + " only in candidate";
    }

    /** Run-id columns dropped, doubles and floats rounded to 6 decimals. */
    private static Dataset<Row> normalised(Dataset<Row> rows, Set<String> skip) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            if (skip.contains(f.name())) continue;
            boolean floating = f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType);
            columns.add(floating ? round(col(f.name()), 6).as(f.name()) : col(f.name()));
        }
        return rows.select(columns.toArray(Column[]::new));
    }
}
