package io.churnlens.model;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.TrainingSet;
import io.churnlens.ingest.Ingestion;
import io.churnlens.io.RawRows;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.SimulationColumns.Raw;
import io.churnlens.schema.SimulationColumns.Truth;
import io.churnlens.simulate.Simulation;
import io.churnlens.simulate.SimulationResult;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A generated customer base taken through ingest and features as the pipeline does, with the generator's truth:
 * the labelled set as of T = simulate.end-date (features as of T − H, labels from (T − H, T]) and each customer's
 * true probability of no purchase in (T − H, T] (the generator's truth snapshot is T − H by default).
 */
public record GeneratedChurnData(ChurnlensConfig config, LocalDate asOf, Dataset<Row> transactions,
                                 Dataset<Row> labelled, Dataset<Row> truth) {

    public static GeneratedChurnData generate(SparkSession spark, int customers, long seed, String... overrides) {
        List<String> settings = new ArrayList<>(List.of("simulate.customers=" + customers, "simulate.seed=" + seed,
                "mapping.country=country", "mapping.channel=channel"));
        settings.addAll(Arrays.asList(overrides));
        ChurnlensConfig config = ConfigLoader.load(null, settings);
        SimulationResult sim = Simulation.run(spark, config.simulate());
        LocalDate asOf = config.simulate().endDate();
        RawRows raw = RawRows.clean(sim.transactions().withColumn(RawRows.SOURCE_FILE, lit("generated")),
                Arrays.asList(Raw.SCHEMA.fieldNames()));
        Dataset<Row> transactions = new Ingestion(config, asOf, "generated").apply(raw, null).accepted().cache();
        Dataset<Row> labelled = new TrainingSet(new CustomerFeatures(FeatureSpec.from(config)))
                .build(transactions, asOf, config.churn().horizonDays()).cache();
        Dataset<Row> truth = sim.groundTruth().where(col(Truth.P_NO_PURCHASE).isNotNull())
                .select(col(Truth.CUSTOMER_ID), col(Truth.P_NO_PURCHASE)).cache();
        return new GeneratedChurnData(config, asOf, transactions, labelled, truth);
    }

    /**
     * The bundled sample (data-samples/transactions.csv, as of 2026-09-30) with its ground truth as of 2026-07-02
     * (data-samples/ground_truth.csv), taken through the same ingest and features.
     */
    public static GeneratedChurnData sample(SparkSession spark, java.nio.file.Path dataSamples, String... overrides) {
        List<String> settings = new ArrayList<>(List.of("input.path=" + dataSamples.resolve("transactions.csv"),
                "mapping.transaction-id=transaction_id", "mapping.country=country", "mapping.channel=channel",
                "mapping.product-id=product_id", "mapping.category=category"));
        settings.addAll(Arrays.asList(overrides));
        ChurnlensConfig config = ConfigLoader.load(null, settings);
        LocalDate asOf = config.simulate().endDate();
        RawRows raw = io.churnlens.io.RawSource.read(spark, config);
        Dataset<Row> transactions = new Ingestion(config, asOf, "sample").apply(raw, null).accepted().cache();
        Dataset<Row> labelled = new TrainingSet(new CustomerFeatures(FeatureSpec.from(config)))
                .build(transactions, asOf, config.churn().horizonDays()).cache();
        Dataset<Row> truth = spark.read().option("header", "true").csv(dataSamples.resolve("ground_truth.csv").toString())
                .select(col(Truth.CUSTOMER_ID), col(Truth.P_NO_PURCHASE).try_cast("double").as(Truth.P_NO_PURCHASE))
                .where(col(Truth.P_NO_PURCHASE).isNotNull()).cache();
        return new GeneratedChurnData(config, asOf, transactions, labelled, truth);
    }

    /**
     * Champion and oracle on the same holdout customers: ROC AUC, and the calibration error of each (the oracle's
     * own calibration error is the sampling noise floor of that figure on this many customers).
     */
    public record OracleComparison(double championAuc, double oracleAuc, long customers,
                                   double championCalibrationError, double oracleCalibrationError) {
        public double ratio() {
            return championAuc / oracleAuc;
        }
    }

    /** The champion's holdout probabilities against the truth's p_no_purchase, both scored on the observed labels. */
    public OracleComparison compare(ChurnTrainer trainer, TrainingResult result) {
        Dataset<Row> holdout = result.champion().probabilities(trainer.split(labelled), ScoreColumns.CHURN_PROBABILITY)
                .where(col(ModelFrame.SPLIT).equalTo(ModelFrame.HOLDOUT))
                .join(truth, FeatureColumns.CUSTOMER_ID).cache();
        try {
            BinaryMetrics model = BinaryMetrics.of(holdout, ScoreColumns.CHURN_PROBABILITY, FeatureColumns.CHURNED);
            BinaryMetrics oracle = BinaryMetrics.of(holdout, Truth.P_NO_PURCHASE, FeatureColumns.CHURNED);
            return new OracleComparison(model.rocAuc(), oracle.rocAuc(), holdout.count(), model.calibrationError(),
                    oracle.calibrationError());
        } finally {
            holdout.unpersist();
        }
    }
}
