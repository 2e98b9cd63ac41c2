package io.churnlens.segment;

import io.churnlens.features.FeaturesStage;
import io.churnlens.io.Quarters;
import io.churnlens.schema.Tables;
import io.churnlens.stage.DeclaredStage;
import io.churnlens.stage.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFM segments and k-means clusters of {@code customer_features} as of T ({@link CustomerSegmentation}); with
 * segment.quarter-start, also as of the previous quarter end when that snapshot is missing.
 */
public final class SegmentStage extends DeclaredStage {
    public SegmentStage() {
        super("segment",
                List.of(Tables.CUSTOMER_FEATURES),
                List.of(Tables.CUSTOMER_SEGMENTS, Tables.SEGMENT_SUMMARY, Tables.CLUSTER_K_SELECTION));
    }

    @Override
    public Map<String, Long> run(StageContext ctx) {
        Map<String, Long> counts = segmentAsOf(ctx);
        if (ctx.config().segment().quarterStart()) {
            segmentQuarterStart(ctx).ifPresent(n -> counts.put("customers_at_quarter_start", n));
        }
        return counts;
    }

    /**
     * segment.quarter-start: also the features and segments as of the previous quarter end when none are published,
     * so that impact groups the quarter's departures by the segment customers had when it began (a scheduled run
     * finds them from the quarter before; a first run or the bundled sample does not).
     */
    private Optional<Long> segmentQuarterStart(StageContext ctx) {
        LocalDate start = Quarters.previousEnd(ctx.asOf());
        if (ctx.store().report(Tables.CUSTOMER_SEGMENTS, start).isPresent()) return Optional.empty();
        StageContext atStart = ctx.forAsOf(start);
        long customers = new FeaturesStage().run(atStart).getOrDefault("customers", 0L);
        if (customers < ctx.config().segment().kMax()) {
            ctx.out("    no segments as of the quarter start %s: %d customers then (fewer than segment.k-max)", start,
                    customers);
            return Optional.empty();
        }
        ctx.out("    segments as of the quarter start %s too (segment.quarter-start)", start);
        return Optional.of(segmentAsOf(atStart).get("customers"));
    }

    private Map<String, Long> segmentAsOf(StageContext ctx) {
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
