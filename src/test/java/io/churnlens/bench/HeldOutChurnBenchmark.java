package io.churnlens.bench;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.TrainingSet;
import io.churnlens.ingest.Ingestion;
import io.churnlens.io.RawSource;
import io.churnlens.model.BinaryMetrics;
import io.churnlens.model.ChurnTrainer;
import io.churnlens.model.EvaluatedScorer;
import io.churnlens.model.TrainingResult;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: the churn model on a real export in a held-out setting. Trains as of T (features as of T−H, labels
 * (T−H, T]), scores every customer's features as of T and judges them on what they did in (T, T+H] — data no fit
 * saw — once with the added inputs (model.inputs.*, the defaults) and once without them (btyd off, no groups: the
 * models as before), on the same customers. Prints each scorer's in-time holdout ROC AUC and its held-out ROC AUC.
 * Args: CONFIG_FILE T [key=value overrides...], e.g. {@code jobs/conf/completejourney.conf 2017-09-30}.
 */
public final class HeldOutChurnBenchmark {
    public static void main(String[] args) {
        Path config = Path.of(args[0]);
        LocalDate asOf = LocalDate.parse(args[1]);
        List<String> overrides = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        SparkSession spark = SparkSession.builder().appName("held-out-churn-benchmark")
                .master(System.getProperty("spark.master", "local[*]"))
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            ChurnlensConfig base = ConfigLoader.load(config, overrides);
            int h = base.churn().horizonDays();
            Dataset<Row> transactions = new Ingestion(base, asOf.plusDays(h), "held-out")
                    .apply(RawSource.read(spark, base), null).accepted().cache();
            List<String> off = new ArrayList<>(overrides);
            off.addAll(List.of("model.inputs.btyd=false", "model.inputs.groups=[]"));
            run(spark, "without added inputs", ConfigLoader.load(config, off), transactions, asOf);
            run(spark, "with added inputs", base, transactions, asOf);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, String label, ChurnlensConfig config, Dataset<Row> transactions,
                            LocalDate asOf) {
        int h = config.churn().horizonDays();
        TrainingSet set = new TrainingSet(new CustomerFeatures(FeatureSpec.from(config)));
        Dataset<Row> labelled = set.build(transactions, asOf, h).cache();
        Dataset<Row> future = set.build(transactions, asOf.plusDays(h), h).cache();
        long t0 = System.nanoTime();
        TrainingResult result = new ChurnTrainer(config).train(labelled);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s: trained as of %s on %,d customers in %.1f s; judged on %,d customers as of %s "
                        + "against (%s, %s], churn rate %.3f%n", label, asOf, labelled.count(), (t1 - t0) / 1e9, future.count(),
                asOf, asOf, asOf.plusDays(h), future.agg(org.apache.spark.sql.functions.avg(FeatureColumns.CHURNED)).first().getDouble(0));
        for (EvaluatedScorer e : result.evaluated()) {
            BinaryMetrics m = BinaryMetrics.of(e.probabilities(future, ScoreColumns.CHURN_PROBABILITY),
                    ScoreColumns.CHURN_PROBABILITY, FeatureColumns.CHURNED);
            System.out.printf(Locale.ROOT, "RESULT %-22s %-12s holdout_roc_auc %.4f held_out_roc_auc %.4f held_out_mean_p %.3f%s%n",
                    label, e.name(), e.holdout().rocAuc(), m.rocAuc(), mean(m), e == result.champion() ? " champion" : "");
        }
        System.out.println("champion: " + result.championReason());
        labelled.unpersist();
        future.unpersist();
    }

    private static double mean(BinaryMetrics m) {
        return m.calibration().stream().mapToDouble(b -> b.predictedMean() * b.customers()).sum() / m.customers();
    }
}
