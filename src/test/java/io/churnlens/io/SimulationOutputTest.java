package io.churnlens.io;

import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator's folders: one CSV file with a header for the export, Parquet beside it, a re-run replaces all. */
class SimulationOutputTest extends SparkTestBase {
    @TempDir
    Path root;

    @Test
    void writesOneHeaderedCsvAndReplacesItOnARerun() throws Exception {
        OutputLayout layout = new OutputLayout(root.toString());
        assertThat(output("run1").publish(export(5), export(2), export(1))).isEqualTo(5);
        assertThat(output("run2").publish(export(3), export(2), export(1))).isEqualTo(3);

        List<Path> csv = files(Path.of(layout.generatedExport()), ".csv");
        assertThat(csv).hasSize(1);
        assertThat(Files.readAllLines(csv.get(0))).first().isEqualTo("transaction_id,amount");
        assertThat(Files.readAllLines(csv.get(0))).hasSize(1 + 3);
        assertThat(spark.read().parquet(layout.generatedGroundTruth()).count()).isEqualTo(2);
        assertThat(spark.read().parquet(layout.generatedMessyRows()).count()).isEqualTo(1);
        try (Stream<Path> siblings = Files.list(Path.of(layout.generated()))) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("transactions", "ground_truth", "messy_rows");
        }
    }

    private SimulationOutput output(String runId) {
        return new SimulationOutput(new TableStore(spark, new OutputLayout(root.toString()), runId));
    }

    private static Dataset<Row> export(int rows) {
        return spark.range(rows).selectExpr("concat('t', id) AS transaction_id", "format_number(id * 1.5, 2) AS amount");
    }

    private static List<Path> files(Path folder, String suffix) throws Exception {
        try (Stream<Path> walk = Files.list(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
