package io.churnlens.impact;

import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.BridgeColumns;
import io.churnlens.schema.SensitivityColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The two tables that ask how the quarter's figures depend on how they are defined and what changed since the
 * previous quarter: {@code churn_sensitivity} ({@link ChurnSensitivity}) and {@code revenue_lost_bridge}
 * ({@link RevenueLostBridge}), both from the impact stage's cached grid.
 */
public record DefinitionTables(Dataset<Row> sensitivity, Dataset<Row> bridge, int sensitivityRows, int bridgeRows) {

    /** What both tables read besides the grid: the segments at the two quarter starts, P(alive), the features. */
    record Context(QuarterCalendar calendar, LocalDate firstDay, int inactivityDays, ImpactSettings settings,
                   Optional<Dataset<Row>> customerValue, Optional<Dataset<Row>> segmentsAtStart, LocalDate segmentsAsOf,
                   BridgeSegmentation.Sources bridgeSources) {}

    static DefinitionTables of(Dataset<Row> grid, Dataset<Row> current, Context c) {
        List<Row> sensitivity = ChurnSensitivity.of(new ChurnSensitivity.Inputs(current, c.calendar(), c.firstDay(),
                c.inactivityDays(), c.customerValue(), c.segmentsAtStart(), c.segmentsAsOf()), c.settings().sensitivity());
        List<Row> bridge = RevenueLostBridge.of(new RevenueLostBridge.Inputs(grid, c.calendar(), c.firstDay(),
                c.inactivityDays(), c.bridgeSources()));
        SparkSession spark = grid.sparkSession();
        return new DefinitionTables(spark.createDataFrame(sensitivity, SensitivityColumns.SCHEMA),
                spark.createDataFrame(bridge, BridgeColumns.SCHEMA), sensitivity.size(), bridge.size());
    }
}
