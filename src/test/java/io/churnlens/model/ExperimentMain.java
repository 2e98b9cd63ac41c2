package io.churnlens.model;

import io.churnlens.testing.SparkTestBase;

/** Scratch: quality on a generated set (deleted before commit). */
public final class ExperimentMain {
    public static void main(String[] args) {
        var spark = SparkTestBase.shared();
        spark.sparkContext().setLogLevel("WARN"); org.apache.logging.log4j.core.config.Configurator.setLevel("io.churnlens", org.apache.logging.log4j.Level.INFO);
        int n = Integer.parseInt(args[0]);
        long t0 = System.nanoTime();
        GeneratedChurnData data = GeneratedChurnData.generate(spark, n, 11, args.length > 1 ? args[1].split(",") : new String[0]);
        System.out.println("labelled " + data.labelled().count() + " in " + (System.nanoTime() - t0) / 1e9);
        ChurnTrainer trainer = new ChurnTrainer(data.config());
        TrainingResult r = trainer.train(data.labelled());
        for (EvaluatedScorer e : r.evaluated()) {
            System.out.printf("%-12s auc %.4f pr %.4f brier %.4f ll %.4f lift %.2f cap %.3f calerr %.4f sel %s%n", e.name(), e.holdout().rocAuc(),
                    e.holdout().prAuc(), e.holdout().brier(), e.holdout().logLoss(), e.holdout().topDecileLift(), e.holdout().topDecileCapture(),
                    e.holdout().calibrationError(), e.scorer().selection());
        }
        System.out.println(r.championReason());
        var cmp = data.compare(trainer, r);
        System.out.printf("oracle %.4f champion %.4f ratio %.4f n=%d total %.1f s%n", cmp.oracleAuc(), cmp.championAuc(), cmp.ratio(), cmp.customers(), (System.nanoTime() - t0) / 1e9);
    }
}
