package io.churnlens.report;

import io.churnlens.schema.BridgeColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.SensitivityColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the report shows of churn_sensitivity and revenue_lost_bridge (small tables, collected); either list is empty
 * when the impact stage of an older run did not publish it.
 */
public record DefinitionReport(List<Row> sensitivity, List<Row> bridge) {
    public static final DefinitionReport EMPTY = new DefinitionReport(List.of(), List.of());

    public static DefinitionReport collect(Optional<Dataset<Row>> sensitivity, Optional<Dataset<Row>> bridge) {
        return new DefinitionReport(
                sensitivity.map(s -> s.orderBy(SensitivityColumns.BASIS, SensitivityColumns.THRESHOLD,
                        SensitivityColumns.DIMENSION, SensitivityColumns.SEGMENT).collectAsList()).orElse(List.of()),
                bridge.map(b -> b.collectAsList()).orElse(List.of()));
    }

    /**
     * The bridge rows of one dimension (the first of rfm_segment, cluster_name, country, channel present), segments by
     * name and then the total.
     */
    List<Row> bridgeOfFirstDimension() {
        List<String> order = List.of(SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME, TransactionColumns.COUNTRY,
                TransactionColumns.CHANNEL);
        Optional<String> first = bridge.stream().map(r -> r.<String>getAs(BridgeColumns.DIMENSION)).distinct()
                .min(Comparator.comparingInt((String d) -> order.contains(d) ? order.indexOf(d) : order.size())
                        .thenComparing(Comparator.naturalOrder()));
        return bridge.stream().filter(r -> first.get().equals(r.getAs(BridgeColumns.DIMENSION)))
                .sorted(Comparator.comparing((Row r) -> BridgeColumns.ALL.equals(r.getAs(BridgeColumns.SEGMENT)))
                        .thenComparing(r -> r.<String>getAs(BridgeColumns.SEGMENT)))
                .toList();
    }
}
