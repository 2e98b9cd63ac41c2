package io.churnlens.cli;

import io.churnlens.testing.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** backfill computes each quarter once, skips published quarters, and recomputes them with --force. */
class BackfillTest extends SparkTestBase {
    @TempDir
    Path dir;

    @Test
    void publishedQuartersAreSkippedUnlessForced() throws Exception {
        Path input = dir.resolve("tx.csv");
        StringBuilder csv = new StringBuilder("customer_id,order_ts,amount\n");
        for (int c = 0; c < 12; c++) {
            for (int k = 0; k <= c % 4; k++) {
                LocalDate day = LocalDate.of(2025, 7, 1).plusDays(17L * c + 41L * k);
                csv.append("c").append(c).append(',').append(day).append(" 10:00:00,").append(10 + c + k).append('\n');
            }
        }
        Files.writeString(input, csv);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("backfill", "--from", "2025-Q4", "--to", "2026-Q1",
                "--input", input.toString(), "--output", out.toString(), "--set", "clv.fit-pareto-nbd=false",
                "--set", "segment.k-max=3"));

        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        String q4 = marker(out, "2025-12-31");
        String q1 = marker(out, "2026-03-31");
        assertThat(out.resolve("reports/customer_features/as_of=2025-12-31/_SUCCESS")).exists();

        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        assertThat(marker(out, "2025-12-31")).isEqualTo(q4);
        assertThat(marker(out, "2026-03-31")).isEqualTo(q1);

        args.add("--force");
        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        assertThat(marker(out, "2025-12-31")).isNotEqualTo(q4);
        assertThat(marker(out, "2026-03-31")).isNotEqualTo(q1);

        assertThat(Main.run("backfill", "--from", "2026-Q2", "--to", "2025-Q1", "--output", out.toString()))
                .isEqualTo(ExitCodes.USAGE);
    }

    /** The run id recorded in a snapshot's completion marker. */
    private String marker(Path out, String asOf) {
        return spark.read().parquet(out.resolve("_snapshots/as_of=" + asOf).toString()).first().getAs("run_id");
    }
}
