package io.churnlens.io;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code input.multiline = auto}: a file whose every line is plain is split across tasks and reads exactly as the
 * RFC 4180 stream parser reads it; a file with a quoted line break (or anything the check cannot vouch for) is
 * streamed as before. Files here are made large enough to split by lowering Spark's split size for the test.
 */
class RawSourceSplitTest extends SparkTestBase {
    private static final String HEADER = "transaction_id,customer_id,order_ts,amount,category\n";
    private static final String[] SIZE_KEYS = {"spark.sql.files.maxPartitionBytes", "spark.sql.files.openCostInBytes"};
    private final List<String> saved = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void smallSplits() {
        for (String key : SIZE_KEYS) {
            saved.add(spark.conf().get(key));
            spark.conf().set(key, "2048");
        }
    }

    @AfterEach
    void restoreSplits() {
        for (int i = 0; i < SIZE_KEYS.length; i++) {
            spark.conf().set(SIZE_KEYS[i], saved.get(i));
        }
    }

    @Test
    void aLargeFileWithoutQuotedLineBreaksIsSplitAndReadsAsTheStreamParserReadsIt() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 400; i++) {
            csv.append("T").append(i).append(",c").append(i % 37).append(",2026-01-01 10:00:00,")
                    .append(i % 7 == 0 ? "\"1,5.00\"" : "5.00").append(",")
                    .append(i % 5 == 0 ? " \"say \"\"hi\"\", a\" " : "plain").append(i % 11 == 0 ? ",extra" : "")
                    .append("\n");
        }
        Path file = write("plain.csv", csv.toString());
        RawRows auto = RawSource.read(spark, config(file, "auto"));

        assertThat(CsvSplits.lineByLine(spark, config(file, "auto").input(), List.of(file.toUri().toString())))
                .hasSize(1);
        assertThat(auto.rows().rdd().getNumPartitions()).isGreaterThan(1);
        assertThat(sorted(auto)).isEqualTo(sorted(RawSource.read(spark, config(file, "true"))));
        assertThat(auto.rows().filter(col(RawRows.READER_REASON).isNotNull()).count()).isEqualTo(37);
    }

    @Test
    void aLargeFileWithAQuotedLineBreakIsStreamedAndReadsExactlyAsBefore() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 400; i++) {
            csv.append("T").append(i).append(",c1,2026-01-01 10:00:00,5.00,")
                    .append(i == 300 ? "\"line one\nline two\"" : "plain").append("\n");
        }
        Path file = write("quoted.csv", csv.toString());
        RawRows auto = RawSource.read(spark, config(file, "auto"));

        assertThat(CsvSplits.lineByLine(spark, config(file, "auto").input(), List.of(file.toUri().toString())))
                .isEmpty();
        List<String> rows = sorted(auto);
        assertThat(rows).hasSize(400).isEqualTo(sorted(RawSource.read(spark, config(file, "true"))));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("line one\nline two"));
        assertThat(auto.rows().filter(col(RawRows.READER_REASON).isNotNull()).count()).isZero();
        // What auto avoids: split line by line, the quoted line break breaks the row.
        assertThat(sorted(RawSource.read(spark, config(file, "false")))).isNotEqualTo(rows);
    }

    /** Random files of hostile fields: whatever the check lets through to be split reads as the stream reads it. */
    @Test
    void everyFileTheCheckSplitsReadsAsTheStreamParserReadsIt() throws Exception {
        String[] fields = {"x", "", " y ", "\"a,b\"", " \"q\"\"q\" ", "\"\"", "Jos\u00e9", "\u00a0z", "\"\t\"", "1,2",
                "\"two\nlines\"", "b\"c", "\"x\"y", "\"\\\"\""};
        java.util.Random random = new java.util.Random(13);
        int split = 0;
        for (int f = 0; f < 12; f++) {
            String end = f % 3 == 0 ? "\r\n" : "\n";
            StringBuilder csv = new StringBuilder(HEADER.replace("\n", end));
            for (int line = 0; line < 120; line++) {
                List<String> row = new ArrayList<>();
                int width = 3 + random.nextInt(4);
                for (int i = 0; i < width; i++) {
                    // Mostly fields that keep a line plain, now and then one that does not.
                    row.add(fields[random.nextInt(f % 2 == 0 ? 10 : fields.length)]);
                }
                csv.append(String.join(",", row)).append(random.nextInt(30) == 0 ? end + end : end);
            }
            Path file = write("random-" + f + ".csv", f == 4 ? csv.toString().stripTrailing() : csv.toString());
            RawRows auto = RawSource.read(spark, config(file, "auto"));
            boolean lineByLine = !CsvSplits.lineByLine(spark, config(file, "auto").input(),
                    List.of(file.toString())).isEmpty();
            split += lineByLine ? 1 : 0;
            assertThat(sorted(auto)).as("file %d, split %s", f, lineByLine)
                    .isEqualTo(sorted(RawSource.read(spark, config(file, "true"))));
        }
        assertThat(split).as("files split").isBetween(1, 11);
    }

    @Test
    void linesTheCheckCannotVouchForKeepTheFileOnTheStreamParser() {
        String[] notPlain = {"a,\"open\n", "a,b\"c,d\n", "a,\"x\"y,b\n", "a,b\r,c\n", "a,b\r\nc,d\n", "   \n",
                "a,\"x\\\\\",b\n", "a,\"x\\\n"};
        for (String text : notPlain) {
            assertThat(plain(text, '\\')).as(text).isFalse();
        }
        String[] plain = {"a,b,c\n", "a,\"b,c\",d\n", " \"a\" , \"b\"\"c\" \n", "\n\na,b\n", "a,b\r\nc,d\r\n",
                "a,\"x\\\"y\",b\n", ",,,\n", "a,b"};
        for (String text : plain) {
            assertThat(plain(text, text.contains("\\") ? '\\' : '"')).as(text).isTrue();
        }
        assertThat(plain("a,\"x\\\"y\n", '"')).isFalse();
    }

    private static boolean plain(String text, char escape) {
        CsvLineCheck check = new CsvLineCheck('"', escape, ',');
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // In two pieces fed one after the other, as a buffer boundary would cut them.
        int half = bytes.length / 2;
        return check.accept(bytes, 0, half) && check.accept(bytes, half, bytes.length - half) && check.plainAtEnd();
    }

    private static List<String> sorted(RawRows raw) {
        return raw.rows().drop(RawRows.SOURCE_FILE).collectAsList().stream().map(Row::toString)
                .sorted(Comparator.naturalOrder()).toList();
    }

    private ChurnlensConfig config(Path file, String multiline) {
        return ConfigLoader.load(null, List.of("input.path=" + file, "input.multiline=" + multiline,
                "mapping.transaction-id=transaction_id", "mapping.category=category"));
    }

    private Path write(String name, String text) throws Exception {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }
}
