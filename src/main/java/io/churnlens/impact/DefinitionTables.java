package io.churnlens.impact;

import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.BridgeColumns;
import io.churnlens.schema.SensitivityColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The two tables that ask how the quarter's figures depend on how they are defined and what changed since the
 * previous quarter: {@code churn_sensitivity} ({@link ChurnSensitivity}) and {@code revenue_lost_bridge}
 * ({@link RevenueLostBridge}), both from the impact stage's cached grid.
 */
public record DefinitionTables(Dataset<Row> sensitivity, Dataset<Row> bridge, int sensitivityRows, int bridgeRows) {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionTables.class);

    /** What both tables read besides the grid: the segments at the two quarter starts, P(alive), the features. */
    record Context(QuarterCalendar calendar, LocalDate firstDay, int inactivityDays, ImpactSettings settings,
                   Optional<Dataset<Row>> customerValue, Optional<Dataset<Row>> segmentsAtStart, LocalDate segmentsAsOf,
                   BridgeSegmentation.Sources bridgeSources) {}

    static DefinitionTables of(Dataset<Row> grid, Dataset<Row> current, Context c) {
        long started = System.nanoTime();
        List<Row> sensitivity = ChurnSensitivity.of(new ChurnSensitivity.Inputs(current, c.calendar(), c.firstDay(),
                c.inactivityDays(), c.customerValue(), c.segmentsAtStart(), c.segmentsAsOf()), c.settings().sensitivity());
        List<Row> bridge = RevenueLostBridge.of(new RevenueLostBridge.Inputs(grid, c.calendar(), c.firstDay(),
                c.inactivityDays(), c.bridgeSources()));
        LOG.info("churn_sensitivity: {}; revenue_lost_bridge: {} ({} + {} rows in {} ms)", churnRange(sensitivity),
                bridgeSummary(bridge), sensitivity.size(), bridge.size(), (System.nanoTime() - started) / 1_000_000);
        SparkSession spark = grid.sparkSession();
        return new DefinitionTables(spark.createDataFrame(sensitivity, SensitivityColumns.SCHEMA),
                spark.createDataFrame(bridge, BridgeColumns.SCHEMA), sensitivity.size(), bridge.size());
    }

    /** The total churn rates in words, e.g. "churn 9.1%-46.1% across 6 definitions (headline 24.2%)". */
    private static String churnRange(List<Row> rows) {
        java.util.DoubleSummaryStatistics rates = new java.util.DoubleSummaryStatistics();
        String headline = "n/a";
        for (Row r : rows) {
            Double rate = (Double) sensitivity(r, SensitivityColumns.CHURN_RATE);
            if (!SensitivityColumns.ALL.equals(sensitivity(r, SensitivityColumns.DIMENSION)) || rate == null) continue;
            rates.accept(rate);
            if (Boolean.TRUE.equals(sensitivity(r, SensitivityColumns.HEADLINE))) headline = percent(rate);
        }
        return rates.getCount() == 0 ? "no churn rate (nobody active at the quarter start)"
                : "churn " + percent(rates.getMin()) + "-" + percent(rates.getMax()) + " across " + rates.getCount()
                + " definitions (headline " + headline + ")";
    }

    /** The total row of the first dimension in words. */
    private static String bridgeSummary(List<Row> rows) {
        Row t = rows.stream().filter(r -> BridgeColumns.ALL.equals(bridge(r, BridgeColumns.SEGMENT))).findFirst().orElseThrow();
        if (bridge(t, BridgeColumns.REVENUE_LOST_CHANGE) == null) return (String) bridge(t, BridgeColumns.NOTE);
        return bridge(t, BridgeColumns.DIMENSION) + ": change " + bridge(t, BridgeColumns.REVENUE_LOST_CHANGE) + " = volume "
                + bridge(t, BridgeColumns.VOLUME_EFFECT) + " + mix " + bridge(t, BridgeColumns.MIX_EFFECT) + " + value "
                + bridge(t, BridgeColumns.VALUE_EFFECT) + "; segments: " + bridge(t, BridgeColumns.SEGMENTATION);
    }

    /** The rows are built without a schema (NamedRow): fields by their index in the table's schema. */
    private static Object sensitivity(Row r, String column) {
        return r.get(SensitivityColumns.SCHEMA.fieldIndex(column));
    }

    private static Object bridge(Row r, String column) {
        return r.get(BridgeColumns.SCHEMA.fieldIndex(column));
    }

    private static String percent(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", v * 100);
    }
}
