package io.churnlens.segment;

import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFM segments and k-means clusters of {@code customer_features} as of T ({@link CustomerSegmentation}). */
public final class SegmentStage extends DeclaredStage {
    public SegmentStage() {
        super("segment",
                List.of(Tables.CUSTOMER_FEATURES),
                List.of(Tables.CUSTOMER_SEGMENTS, Tables.SEGMENT_SUMMARY, Tables.CLUSTER_K_SELECTION));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        LocalDate asOf = ctx.asOf();
        // Cached: the RFM scores and every k of the cluster search read the features again.
        Dataset<Row> features = ctx.store().requireReport(Tables.CUSTOMER_FEATURES, asOf, "features").cache();
        try {
            SegmentTables tables = new CustomerSegmentation(ctx.config().segment()).run(features);
            ctx.store().publishReport(Tables.CUSTOMER_SEGMENTS, asOf, tables.customerSegments());
            ctx.store().publishReport(Tables.SEGMENT_SUMMARY, asOf, tables.segmentSummary());
            ctx.store().publishReport(Tables.CLUSTER_K_SELECTION, asOf, tables.kSelection());
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("customers", ctx.store().requireReport(Tables.CUSTOMER_SEGMENTS, asOf, name()).count());
            counts.put("clusters", (long) tables.clusters().k());
            return counts;
        } finally {
            features.unpersist();
        }
    }
}
