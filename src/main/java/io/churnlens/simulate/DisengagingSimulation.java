package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.schema.SimulationColumns.Messy;
import io.churnlens.schema.SimulationColumns.Raw;
import io.churnlens.schema.SimulationColumns.Truth;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disengaging world's Datasets, built like {@link Simulation}'s (customers 0 .. n−1 simulated on the executors
 * from the seed and their number, lazily, once per Dataset) with the same export and messy rows; the truth has the
 * extended schema {@code Truth.DISENGAGING_SCHEMA}.
 */
final class DisengagingSimulation {
    private static final Logger LOG = LoggerFactory.getLogger(DisengagingSimulation.class);
    private static final long CUSTOMERS_PER_PARTITION = 50_000;

    private DisengagingSimulation() {}

    static SimulationResult run(SparkSession spark, Simulate settings, DisengagingParameters params) {
        SimulationPlan plan = new SimulationPlan(settings);
        DisengagingWorld world = new DisengagingWorld(plan, params);
        ExportRows exportRows = new ExportRows(plan);
        DisengagingTruth groundTruth = new DisengagingTruth(plan, exportRows, params);

        int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(),
                (settings.customers() + CUSTOMERS_PER_PARTITION - 1) / CUSTOMERS_PER_PARTITION);
        Dataset<Long> customers = spark.range(0, settings.customers(), 1, partitions);
        LOG.info("simulating the disengaging world: {} customers from {} to {} in {} partitions (seed {}); {}; "
                        + "ground truth as of {} from {} Monte-Carlo futures per customer, horizon {} days",
                settings.customers(), settings.startDate(), settings.endDate(), partitions, settings.seed(), params,
                settings.truthAsOf(), params.futures(), settings.horizonDays());

        Dataset<Row> transactions = customers.flatMap(
                (FlatMapFunction<Long, Row>) i -> exportRows.export(world.simulate(i).life()).rows().iterator(),
                Encoders.row(Raw.SCHEMA));
        Dataset<Row> messyRows = customers.flatMap(
                (FlatMapFunction<Long, Row>) i -> exportRows.export(world.simulate(i).life()).messy().iterator(),
                Encoders.row(Messy.SCHEMA));
        StructType truthWithDayNumbers = Simulation.withDatesAsDayNumbers(Truth.DISENGAGING_SCHEMA);
        Dataset<Row> truth = customers
                .map((MapFunction<Long, Row>) i -> groundTruth.row(world.simulate(i)), Encoders.row(truthWithDayNumbers))
                .select(Simulation.datesFromDayNumbers(Truth.DISENGAGING_SCHEMA));
        return new SimulationResult(transactions, truth, messyRows);
    }
}
