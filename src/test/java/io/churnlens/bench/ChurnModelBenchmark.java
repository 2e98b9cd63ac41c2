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
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Not a test: the churn model's quality bar on a generated customer base (default 100,000 customers, the
 * generator's default population with its country and channel groups). Generates, ingests and builds the training
 * set as the pipeline does, trains with the default model settings, and prints every scorer's holdout metrics, the
 * champion's ROC AUC as a ratio of the oracle's (the generator's true P(no purchase in the horizon), scored on the
 * same holdout customers), its calibration error, and the timings. Args: [customers | sample] [key=value overrides...];
 * {@code sample} runs the bundled data-samples/ (3,000 customers) against data-samples/ground_truth.csv.
 *
 * <pre>
 * java -Xmx6g &lt;spark.jvm.flags&gt; -cp target/classes:target/test-classes:&lt;test classpath&gt; \
 *      io.churnlens.bench.ChurnModelBenchmark 100000
 * </pre>
 */
public final class ChurnModelBenchmark {
    public static void main(String[] args) {
        boolean sample = args.length > 0 && args[0].equals("sample");
        int customers = sample ? 3000 : args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String[] overrides = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
        SparkSession spark = SparkSession.builder().appName("churn-model-benchmark")
                .master(System.getProperty("spark.master", "local[*]"))
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            long t0 = System.nanoTime();
            GeneratedChurnData data = sample
                    ? GeneratedChurnData.sample(spark, java.nio.file.Path.of("data-samples"), overrides)
                    : GeneratedChurnData.generate(spark, customers, 20261123L, overrides);
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

            System.out.printf(Locale.ROOT, "customers generated %,d; labelled at the cutoff %,d (generate + ingest + features %.1f s)%n",
                    customers, labelled, (t1 - t0) / 1e9);
            result.classBalance().forEach((split, c) -> System.out.printf(Locale.ROOT, "  %-10s %,8d customers, churn rate %.3f%n",
                    split, c[0], (double) c[1] / c[0]));
            System.out.printf(Locale.ROOT, "%-12s %8s %8s %8s %8s %8s %8s %9s%n", "holdout", "roc_auc", "pr_auc", "brier",
                    "log_loss", "lift@10", "capt@10", "cal_error");
            for (EvaluatedScorer e : result.evaluated()) {
                BinaryMetrics m = e.holdout();
                System.out.printf(Locale.ROOT, "%-12s %8.4f %8.4f %8.4f %8.4f %8.3f %8.3f %9.4f  %s%n", e.name(), m.rocAuc(),
                        m.prAuc(), m.brier(), m.logLoss(), m.topDecileLift(), m.topDecileCapture(), m.calibrationError(),
                        e.scorer().selection());
            }
            System.out.println("champion: " + result.championReason());
            System.out.printf(Locale.ROOT, "RESULT %s customers=%d champion=%s roc_auc=%.4f oracle_roc_auc=%.4f ratio=%.4f (bar 0.98) "
                            + "calibration_error=%.4f (bar 0.03; the oracle's own on these customers %.4f) holdout=%d "
                            + "train=%.1fs score_all=%.1fs (%d customers) total=%.1fs%n",
                    sample ? "sample" : "generated", customers, result.champion().name(), oracle.championAuc(),
                    oracle.oracleAuc(), oracle.ratio(), oracle.championCalibrationError(), oracle.oracleCalibrationError(),
                    oracle.customers(), (t2 - t1) / 1e9, (t4 - t3) / 1e9, scored, (t4 - t0) / 1e9);
        } finally {
            spark.stop();
        }
    }
}
