package io.churnlens.segment;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The {@code segment_summary} table: one row per RFM segment and one per behavioural cluster, with size, revenue
 * (sum of monetary_total: net revenue to date as of T) and mean recency / frequency / monetary. Segments with no
 * customer have no row.
 */
public final class SegmentSummary {
    private static final String TOTAL_CUSTOMERS = "_total_customers";
    private static final String TOTAL_REVENUE = "_total_revenue";

    private SegmentSummary() {}

    /**
     * @param scored one row per customer with as_of, recency_days, purchase_days, monetary_total, rfm_segment,
     *               cluster_id and cluster_name
     */
    public static Dataset<Row> of(Dataset<Row> scored) {
        Column segment = col(SegmentColumns.RFM_SEGMENT);
        Dataset<Row> byRfm = scored.groupBy(col(FeatureColumns.AS_OF), segment.as(SegmentColumns.SEGMENT))
                .agg(first(measures()), rest(measures()))
                .withColumn(SegmentColumns.GROUPING, lit(SegmentColumns.GROUPING_RFM))
                .withColumn(SegmentColumns.SEGMENT_ORDER, RfmSegmentMap.order(col(SegmentColumns.SEGMENT)));
        Dataset<Row> byCluster = scored.groupBy(col(FeatureColumns.AS_OF), col(SegmentColumns.CLUSTER_NAME).as(SegmentColumns.SEGMENT),
                        col(SegmentColumns.CLUSTER_ID).as(SegmentColumns.SEGMENT_ORDER))
                .agg(first(measures()), rest(measures()))
                .withColumn(SegmentColumns.GROUPING, lit(SegmentColumns.GROUPING_CLUSTER));
        Dataset<Row> groups = byRfm.unionByName(byCluster);
        // Totals from the (small) RFM rows: every customer is in exactly one RFM segment.
        Dataset<Row> totals = byRfm.groupBy(FeatureColumns.AS_OF).agg(
                sum(SegmentColumns.CUSTOMERS).as(TOTAL_CUSTOMERS), sum(SegmentColumns.REVENUE).as(TOTAL_REVENUE));
        Column revenue = col(SegmentColumns.REVENUE);
        Column totalRevenue = col(TOTAL_REVENUE);
        return groups.join(totals, FeatureColumns.AS_OF).select(
                col(FeatureColumns.AS_OF),
                col(SegmentColumns.GROUPING),
                col(SegmentColumns.SEGMENT),
                col(SegmentColumns.SEGMENT_ORDER),
                col(SegmentColumns.CUSTOMERS),
                col(SegmentColumns.CUSTOMERS).cast(DataTypes.DoubleType).divide(col(TOTAL_CUSTOMERS)).as(SegmentColumns.CUSTOMER_SHARE),
                revenue,
                when(totalRevenue.notEqual(0), revenue.cast(DataTypes.DoubleType).divide(totalRevenue.cast(DataTypes.DoubleType)))
                        .as(SegmentColumns.REVENUE_SHARE),
                col(SegmentColumns.MEAN_RECENCY_DAYS),
                col(SegmentColumns.MEAN_FREQUENCY),
                col(SegmentColumns.MEAN_MONETARY));
    }

    private static Column first(Column[] columns) {
        return columns[0];
    }

    private static Column[] rest(Column[] columns) {
        return java.util.Arrays.copyOfRange(columns, 1, columns.length);
    }

    private static Column[] measures() {
        return new Column[]{
                count(lit(1)).as(SegmentColumns.CUSTOMERS),
                sum(FeatureColumns.MONETARY_TOTAL).cast(TransactionColumns.MONEY).as(SegmentColumns.REVENUE),
                avg(col(FeatureColumns.RECENCY_DAYS).cast(DataTypes.DoubleType)).as(SegmentColumns.MEAN_RECENCY_DAYS),
                avg(col(FeatureColumns.PURCHASE_DAYS).cast(DataTypes.DoubleType)).as(SegmentColumns.MEAN_FREQUENCY),
                avg(col(FeatureColumns.MONETARY_TOTAL).cast(DataTypes.DoubleType)).as(SegmentColumns.MEAN_MONETARY)};
    }
}
