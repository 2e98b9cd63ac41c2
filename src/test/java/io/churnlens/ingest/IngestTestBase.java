package io.churnlens.ingest;

import io.churnlens.testing.SparkTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The start every ingest test shares: a temp folder and a new {@link IngestFixture} on it for each test. */
abstract class IngestTestBase extends SparkTestBase {
    @TempDir
    Path dir;
    IngestFixture fx;

    @BeforeEach
    void newFixture() {
        fx = new IngestFixture(spark, dir);
    }
}
