package io.churnlens.bench;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigLoader;
import io.churnlens.features.CustomerFeatures;
import io.churnlens.features.FeatureSpec;
import io.churnlens.features.TrainingSet;
import io.churnlens.ingest.Ingestion;
import io.churnlens.io.RawRows;
import io.churnlens.model.GeneratedChurnData;
import io.churnlens.schema.SimulationColumns.Raw;
import io.churnlens.schema.SimulationColumns.Truth;
import io.churnlens.simulate.Simulation;
import io.churnlens.simulate.SimulationResult;
import io.churnlens.simulate.World;
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
 * {@link GeneratedChurnData} for either generated world. The BG/NBD world is {@code GeneratedChurnData.generate}
 * itself; the disengaging world follows the same steps (settings, ingest as of simulate.end-date, the training set,
 * the truth's p_no_purchase) on {@code Simulation.run(.., World.DISENGAGING)}, and fails if its labelled set's
 * columns differ from the BG/NBD path's (so a new model input added there is not silently missing here).
 */
final class WorldChurnData {
    private WorldChurnData() {}

    static GeneratedChurnData generate(SparkSession spark, World world, int customers, long seed, String... overrides) {
        if (world == World.BGNBD) {
            return GeneratedChurnData.generate(spark, customers, seed, overrides);
        }
        // 50 customers are enough for the BG/NBD path's columns.
        GeneratedChurnData reference = GeneratedChurnData.generate(spark, 50, seed, overrides);
        List<String> settings = new ArrayList<>(List.of("simulate.customers=" + customers, "simulate.seed=" + seed,
                "mapping.country=country", "mapping.channel=channel"));
        settings.addAll(Arrays.asList(overrides));
        ChurnlensConfig config = ConfigLoader.load(null, settings);
        SimulationResult sim = Simulation.run(spark, config.simulate(), world);
        LocalDate asOf = config.simulate().endDate();
        RawRows raw = RawRows.clean(sim.transactions().withColumn(RawRows.SOURCE_FILE, lit("generated")),
                Arrays.asList(Raw.SCHEMA.fieldNames()));
        Dataset<Row> transactions = new Ingestion(config, asOf, "generated").apply(raw, null).accepted().cache();
        Dataset<Row> labelled = new TrainingSet(new CustomerFeatures(FeatureSpec.from(config)))
                .build(transactions, asOf, config.churn().horizonDays()).cache();
        if (!Arrays.equals(labelled.columns(), reference.labelled().columns())) {
            throw new IllegalStateException("the " + world.label() + " world's labelled set has columns "
                    + Arrays.toString(labelled.columns()) + ", GeneratedChurnData's "
                    + Arrays.toString(reference.labelled().columns()) + ": mirror its change here");
        }
        reference.transactions().unpersist();
        reference.labelled().unpersist();
        reference.truth().unpersist();
        Dataset<Row> truth = sim.groundTruth().where(col(Truth.P_NO_PURCHASE).isNotNull())
                .select(col(Truth.CUSTOMER_ID), col(Truth.P_NO_PURCHASE)).cache();
        return new GeneratedChurnData(config, asOf, transactions, labelled, truth);
    }
}
