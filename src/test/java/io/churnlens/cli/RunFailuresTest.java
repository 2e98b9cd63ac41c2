package io.churnlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnlens.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input Spark cannot read (its checked exceptions) exits 3 and ends the run record as failed with stage and
 * reason; an output root that cannot be written exits 3 with one line, no stack trace.
 */
class RunFailuresTest extends SparkTestBase {
    @TempDir
    Path dir;

    @Test
    void anEmptyInputFolderIsAnInputProblemAndTheRunRecordSaysFailed() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("out");

        assertThat(ingest(out, "--input", empty.toString())).isEqualTo(ExitCodes.INPUT);

        JsonNode record = onlyRunRecord(out);
        assertThat(record.get("status").asText()).isEqualTo("failed");
        assertThat(record.get("failed_stage").asText()).isEqualTo("ingest");
        assertThat(record.get("error").asText())
                .startsWith("input path " + empty).contains("holds no data files");
        assertThat(record.get("ended_at").isNull()).isFalse();
    }

    @Test
    void parquetFilesWithConflictingColumnTypesAreAnInputProblem() throws Exception {
        Path input = dir.resolve("pq");
        spark.sql("SELECT 'c1' AS customer_id, '2026-01-01 10:00:00' AS order_ts, 10.5D AS amount")
                .write().parquet(input.resolve("a").toString());
        spark.sql("SELECT 'c2' AS customer_id, '2026-01-02 10:00:00' AS order_ts, '7.25' AS amount")
                .write().parquet(input.resolve("b").toString());
        Path out = dir.resolve("out");

        assertThat(ingest(out, "--input", input + "/*/*.parquet", "--set", "input.format=parquet"))
                .isEqualTo(ExitCodes.INPUT);

        JsonNode record = onlyRunRecord(out);
        assertThat(record.get("status").asText()).isEqualTo("failed");
        assertThat(record.get("failed_stage").asText()).isEqualTo("ingest");
        assertThat(record.get("error").asText())
                .startsWith("input unreadable: the input files disagree on a column's type")
                .contains("CANNOT_MERGE_SCHEMAS");
        assertThat(out.resolve("transactions")).doesNotExist();
    }

    @Test
    void jsonKeysThatDifferOnlyByCaseAreAnInputProblem() throws Exception {
        Path input = dir.resolve("tx.json");
        Files.writeString(input, "{\"customer_id\":\"c1\",\"order_ts\":\"2026-01-01 10:00:00\",\"amount\":\"1.00\",\"Amount\":\"2.00\"}\n");
        Path out = dir.resolve("out");

        assertThat(ingest(out, "--input", input.toString(), "--set", "input.format=json")).isEqualTo(ExitCodes.INPUT);

        JsonNode record = onlyRunRecord(out);
        assertThat(record.get("status").asText()).isEqualTo("failed");
        assertThat(record.get("failed_stage").asText()).isEqualTo("ingest");
        assertThat(record.get("error").asText())
                .startsWith("input unreadable: two input columns have the same name (Spark compares names ignoring case)")
                .contains("COLUMN_ALREADY_EXISTS").contains("`amount`");
    }

    @Test
    void aColumnErrorOfOurOwnIsNotBlamedOnTheInput() {
        // The same Spark condition raised outside a file source is a bug of a stage: exit 1.
        Throwable ownBug = org.assertj.core.api.Assertions.catchThrowable(() -> spark.range(1).toDF("a")
                .select(org.apache.spark.sql.functions.col("a"), org.apache.spark.sql.functions.col("a").as("A"))
                .write().parquet(dir.resolve("own").toString()));
        assertThat(ownBug).isInstanceOf(org.apache.spark.SparkThrowable.class);
        assertThat(((org.apache.spark.SparkThrowable) ownBug).getCondition()).isEqualTo("COLUMN_ALREADY_EXISTS");
        assertThat(ExitCodes.of(ownBug)).isEqualTo(ExitCodes.STAGE_FAILED);
        assertThat(InputFailures.explain(new RuntimeException("wrapped", ownBug))).isEmpty();
    }

    @Test
    void anUnwritableOutputRootGivesOneLineNamingThePathAndExits3() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path out = file.resolve("out"); // under a regular file: no user can create it, not even root

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = ingest(out, "--input", "data-samples/transactions.csv");
        } finally {
            System.setErr(original);
        }

        assertThat(code).isEqualTo(ExitCodes.INPUT);
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("churnlens ingest failed: cannot write to the output root " + out)
                .contains("choose a writable folder with --output DIR (or output.root)");
        assertThat(lines.get(0)).doesNotContain("Exception");
    }

    private static int ingest(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("ingest", "--as-of", "2026-09-30", "--output", out.toString()));
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new));
    }

    private static JsonNode onlyRunRecord(Path out) throws Exception {
        try (Stream<Path> records = Files.list(out.resolve("_runs"))) {
            List<Path> json = records.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(json).hasSize(1);
            return new ObjectMapper().readTree(json.get(0).toFile());
        }
    }
}
