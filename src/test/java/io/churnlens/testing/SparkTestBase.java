package io.churnlens.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One {@code local[2]} SparkSession for the whole test JVM (surefire forks one JVM), bound to loopback, with few
 * shuffle partitions and no UI so tiny inline datasets run in milliseconds.
 *
 * <p>Adaptive query execution stays on, as in production: it may coalesce shuffle partitions and change join
 * strategies, so tests assert on named columns and sorted or keyed results, never on partition layout or the
 * order rows happen to arrive in.
 */
public abstract class SparkTestBase {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = shared();
    }

    @AfterAll
    static void keepSpark() {
        // The session is shared by every test class in this JVM; the JVM's exit stops it.
    }

    public static synchronized SparkSession shared() {
        return SparkSession.builder()
                .appName("churnlens-tests")
                .master("local[2]")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.adaptive.enabled", "true")
                .getOrCreate();
    }
}
