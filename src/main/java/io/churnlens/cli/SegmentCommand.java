package io.churnlens.cli;

import io.churnlens.schema.Tables;
import io.churnlens.segment.CustomerSegmentation;
import io.churnlens.segment.SegmentTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Scores RFM quintiles, names the RFM segments and fits seeded k-means clusters (k chosen by",
                "silhouette) on customer_features as of --as-of; writes customer_segments, segment_summary and",
                "cluster_k_selection."})
public final class SegmentCommand extends JobCommand {
    @Override
    protected String jobName() {
        return "segment";
    }

    @Override
    protected void run(RunContext ctx) {
        segment(ctx);
    }

    static void segment(RunContext ctx) {
        ctx.stage("segment", () -> {
            Dataset<Row> features = ctx.store.requireReport(Tables.CUSTOMER_FEATURES, ctx.asOf, "features").cache();
            try {
                SegmentTables tables = new CustomerSegmentation(ctx.config.segment()).run(features);
                ctx.store.publishReport(Tables.CUSTOMER_SEGMENTS, ctx.asOf, tables.customerSegments());
                ctx.store.publishReport(Tables.SEGMENT_SUMMARY, ctx.asOf, tables.segmentSummary());
                ctx.store.publishReport(Tables.CLUSTER_K_SELECTION, ctx.asOf, tables.kSelection());
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put("customers", ctx.store.requireReport(Tables.CUSTOMER_SEGMENTS, ctx.asOf, "segment").count());
                counts.put("clusters", (long) tables.clusters().k());
                return counts;
            } finally {
                features.unpersist();
            }
        });
    }
}
