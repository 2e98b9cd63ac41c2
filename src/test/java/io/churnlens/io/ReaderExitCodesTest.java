package io.churnlens.io;

import io.churnlens.cli.ExitCodes;
import io.churnlens.cli.Main;
import io.churnlens.schema.QuarantineColumns;
import io.churnlens.schema.TransactionColumns;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader's refusals as the user meets them: through {@code ingest}, with its exit code and what was published. */
class ReaderExitCodesTest extends SparkTestBase {
    @TempDir
    Path dir;

    @Test
    void aFileLackingAMappedColumnExitsThreeAfterTheOtherFilesAreIngested() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("exports"));
        Files.writeString(folder.resolve("good.csv"), "amount,order_ts,customer_id\n60.00,2025-08-06 10:00:00,906\n"
                + "7.50,2025-08-07 10:00:00,907\n");
        Files.writeString(folder.resolve("short.csv"), "customer_id,order_ts\n908,2025-08-08 10:00:00\n");
        Path out = dir.resolve("out");

        int exit = Main.run("ingest", "--input", folder.toString(), "--output", out.toString(), "--as-of", "2025-09-30");

        assertThat(exit).isEqualTo(ExitCodes.INPUT);
        assertThat(spark.read().parquet(out.resolve("transactions").toString())
                .select(TransactionColumns.CUSTOMER_ID).as(Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrder("906", "907");
        assertThat(spark.read().parquet(out.resolve("quarantine").toString())
                .select(QuarantineColumns.REASON_CODE).as(Encoders.STRING()).collectAsList())
                .containsExactly("MISSING_COLUMN");
    }

    @Test
    void anEmptyInputFolderExitsThree() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("nothing"));
        assertThat(Main.run("ingest", "--input", folder.toString(), "--output", dir.resolve("out").toString(),
                "--as-of", "2025-09-30")).isEqualTo(ExitCodes.INPUT);
    }
}
