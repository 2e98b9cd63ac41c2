package io.churnlens.simulate;

import io.churnlens.schema.SimulationColumns.Messy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the generator produces, as lazy Datasets.
 *
 * @param transactions the raw export, schema {@code SimulationColumns.Raw}, messy rows included
 * @param groundTruth  one row per customer, schema {@code SimulationColumns.Truth}
 * @param messyRows    one row per spoiled export row, schema {@code SimulationColumns.Messy}
 */
public record SimulationResult(Dataset<Row> transactions, Dataset<Row> groundTruth, Dataset<Row> messyRows) {

    /** Spoiled rows per kind, every kind present (0 when none); one small aggregation job. */
    public Map<MessyKind, Long> messyRowCounts() {
        Map<MessyKind, Long> counts = new EnumMap<>(MessyKind.class);
        for (MessyKind kind : MessyKind.values()) counts.put(kind, 0L);
        for (Row row : messyRows.groupBy(Messy.KIND).count().collectAsList()) {
            counts.put(MessyKind.valueOf(row.getString(0)), row.getLong(1));
        }
        return Collections.unmodifiableMap(counts);
    }
}
