package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.schema.SimulationColumns.Messy;
import io.churnlens.schema.SimulationColumns.Raw;
import io.churnlens.schema.SimulationColumns.Truth;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * The synthetic data generator: customers of a retail business simulated under BG/NBD with Gamma-Gamma spend,
 * written as a raw export with messy rows, plus the ground truth per customer (see {@link GroundTruth}).
 *
 * <p>Runs in parallel: customers are the numbers 0 .. n−1 of {@code spark.range}, and each executor simulates its
 * slice from the seed and the customer number alone (no driver loop, no shuffle). The three Datasets are lazy and
 * each simulates the customers again when it is computed, which is cheaper than caching them; they agree because
 * the simulation is deterministic. No file is read or written here.
 */
public final class Simulation {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    /** Customers per partition, at most; a partition of this size simulates in a few seconds. */
    private static final long CUSTOMERS_PER_PARTITION = 100_000;

    private Simulation() {}

    /**
     * The Datasets of the given world: {@link World#BGNBD} is {@link #run(SparkSession, Simulate)} itself,
     * {@link World#DISENGAGING} the second world with its default parameters.
     */
    public static SimulationResult run(SparkSession spark, Simulate settings, World world) {
        return run(spark, settings, world, DisengagingParameters.defaults());
    }

    /** As {@link #run(SparkSession, Simulate, World)}, with the disengaging world's parameters given. */
    public static SimulationResult run(SparkSession spark, Simulate settings, World world,
                                       DisengagingParameters params) {
        return switch (world) {
            case BGNBD -> run(spark, settings);
            case DISENGAGING -> DisengagingSimulation.run(spark, settings, params);
        };
    }

    /** Builds the BG/NBD world's Datasets for the given settings (nothing is computed until they are used). */
    public static SimulationResult run(SparkSession spark, Simulate settings) {
        SimulationPlan plan = new SimulationPlan(settings);
        CustomerSimulator simulator = new CustomerSimulator(plan);
        ExportRows exportRows = new ExportRows(plan);
        GroundTruth groundTruth = new GroundTruth(plan, exportRows);

        int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(),
                (settings.customers() + CUSTOMERS_PER_PARTITION - 1) / CUSTOMERS_PER_PARTITION);
        Dataset<Long> customers = spark.range(0, settings.customers(), 1, partitions);
        LOG.info("simulating {} customers from {} to {} in {} partitions (seed {}); ground truth as of {}, horizon {} days",
                settings.customers(), settings.startDate(), settings.endDate(), partitions, settings.seed(),
                settings.truthAsOf(), settings.horizonDays());

        Dataset<Row> transactions = customers.flatMap(
                (FlatMapFunction<Long, Row>) i -> exportRows.export(simulator.simulate(i)).rows().iterator(),
                Encoders.row(Raw.SCHEMA));
        Dataset<Row> messyRows = customers.flatMap(
                (FlatMapFunction<Long, Row>) i -> exportRows.export(simulator.simulate(i)).messy().iterator(),
                Encoders.row(Messy.SCHEMA));
        StructType truthWithDayNumbers = withDatesAsDayNumbers(Truth.SCHEMA);
        Dataset<Row> truth = customers
                .map((MapFunction<Long, Row>) i -> groundTruth.row(simulator.simulate(i)), Encoders.row(truthWithDayNumbers))
                .select(datesFromDayNumbers(Truth.SCHEMA));
        return new SimulationResult(transactions, truth, messyRows);
    }

    static StructType withDatesAsDayNumbers(StructType schema) {
        return new StructType(Arrays.stream(schema.fields())
                .map(f -> f.dataType().equals(DataTypes.DateType)
                        ? new StructField(f.name(), DataTypes.IntegerType, f.nullable(), f.metadata())
                        : f)
                .toArray(StructField[]::new));
    }

    static Column[] datesFromDayNumbers(StructType schema) {
        return Arrays.stream(schema.fields())
                .map(f -> f.dataType().equals(DataTypes.DateType)
                        ? functions.date_from_unix_date(functions.col(f.name())).as(f.name())
                        : functions.col(f.name()))
                .toArray(Column[]::new);
    }
}
