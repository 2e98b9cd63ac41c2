package io.churnlens.segment;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outputs of the segment stage.
 *
 * @param customerSegments {@code customer_segments}: as_of, customer_id, r/f/m scores, rfm_cell, rfm_segment,
 *                         cluster_id, cluster_name
 * @param segmentSummary   {@code segment_summary}: one row per RFM segment and per cluster
 * @param kSelection       {@code cluster_k_selection}: as_of, k, silhouette, chosen (one row per candidate k)
 * @param clusters         the fitted clusters: chosen k, silhouette, profiles, the pipeline model
 */
public record SegmentTables(Dataset<Row> customerSegments, Dataset<Row> segmentSummary, Dataset<Row> kSelection,
                            BehaviouralClusters.Result clusters) {}
