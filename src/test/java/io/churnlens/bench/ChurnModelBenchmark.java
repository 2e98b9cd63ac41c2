package io.churnlens.bench;

import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.model.BinaryMetrics;
import io.churnlens.model.ChurnModel;
import io.churnlens.model.ChurnTrainer;
import io.churnlens.model.CustomerScoring;
import io.churnlens.model.EvaluatedScorer;
import io.churnlens.model.GeneratedChurnData;
import io.churnlens.model.TrainingResult;
import io.churnlens.simulate.World;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Not a test: the churn model's quality bar on a generated customer base (default 100,000 customers, the
 * generator's default population with its country and channel groups). Generates, ingests and builds the training
 * set as the pipeline does, trains with the default model settings, and prints every scorer's holdout metrics, the
 * champion's ROC AUC as a ratio of the oracle's (the generator's true P(no purchase in the horizon), scored on the
 * same holdout customers), its calibration error, and the timings. Args: [customers | sample] [bgnbd | disengaging]
 * [key=value overrides...]; {@code sample} runs the bundled data-samples/ (3,000 customers) against
 * data-samples/ground_truth.csv; the world (default bgnbd) is the generator's {@code --world}. In the disengaging
 * world the oracle sees each customer's hidden state (P(no purchase) from Monte-Carlo futures of it), so the ratio
 * measures how much of the hidden state the export reveals, not only the model.
 *
 * <pre>
 * java -Xmx6g &lt;spark.jvm.flags&gt; -cp target/classes:target/test-classes:&lt;test classpath&gt; \
 *      io.churnlens.bench.ChurnModelBenchmark 30000 disengaging
 * </pre>
 */
public final class ChurnModelBenchmark {
    public static void main(String[] args) {
        boolean sample = args.length > 0 && args[0].equals("sample");
        int customers = sample ? 3000 : args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean worldGiven = args.length > 1 && !args[1].contains("=");
        World world = worldGiven ? World.parse(args[1]) : World.BGNBD;
        int firstOverride = worldGiven ? 2 : 1;
        String[] overrides = args.length > firstOverride ? Arrays.copyOfRange(args, firstOverride, args.length) : new String[0];
        SparkSession spark = SparkSession.builder().appName("churn-model-benchmark")
                .master(System.getProperty("spark.master", "local[*]"))
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            GeneratedChurnData data = sample
                    ? GeneratedChurnData.sample(spark, java.nio.file.Path.of("data-samples"), overrides)
                    : WorldChurnData.generate(spark, world, customers, 20261123L, overrides);
            long labelled = data.labelled().count();
            long t1 = System.nanoTime();
            ChurnTrainer trainer = new ChurnTrainer(data.config());
            TrainingResult result = trainer.train(data.labelled());
            long t2 = System.nanoTime();
            GeneratedChurnData.OracleComparison oracle = data.compare(trainer, result);
            long t3 = System.nanoTime();
            ChurnModel model = ChurnModel.of(result, data.asOf(), data.config().churn().horizonDays(),
                    data.config().model(), spark.version());
            long scored = CustomerScoring.score(model, new CustomerFeatures(FeatureSpec.from(data.config()))
                            .asOf(data.transactions(), data.asOf()), Optional.empty(), Optional.empty(),
                    data.config().model(), 12).count();
            long t4 = System.nanoTime();

            long cpuEnd = cpuNanos();
            BenchmarkTable.print(sample ? "sample" : world.label(), customers, labelled, result, oracle, data.config().model(),
                    new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t4 - t3) / 1e9, (t4 - t0) / 1e9, (cpuEnd - cpu0) / 1e9},
                    scored);
            if (!sample && world == World.DISENGAGING) {
                DisengagementSignals.print(spark, data);
            }
        } finally {
            spark.stop();
        }
    }

    /** CPU time of this JVM (driver and local executors alike), all threads. */
    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
