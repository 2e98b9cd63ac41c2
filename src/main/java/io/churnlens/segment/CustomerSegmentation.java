package io.churnlens.segment;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.SegmentColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The segment stage: RFM scores and named segments ({@link RfmScorer}), behavioural clusters
 * ({@link BehaviouralClusters}) and their summary ({@link SegmentSummary}), from one snapshot of
 * {@code customer_features}.
 *
 * <p>Brings to the driver only aggregated values (quintile breakpoints, scaling statistics, one profile row per
 * cluster) and the bounded k-selection sample of {@link SelectionSample}. Cache or read back the features before
 * calling: they are scanned several times.
 */
public final class CustomerSegmentation {
    private static final StructType K_SELECTION_SCHEMA = new StructType()
            .add(SegmentColumns.AS_OF, DataTypes.DateType, false)
            .add(SegmentColumns.K, DataTypes.IntegerType, false)
            .add(SegmentColumns.SILHOUETTE, DataTypes.DoubleType, false)
            .add(SegmentColumns.CHOSEN, DataTypes.BooleanType, false);

    private final ChurnlensConfig.Segment spec;

    public CustomerSegmentation(ChurnlensConfig.Segment spec) {
        this.spec = spec;
    }

    /** @param customerFeatures one snapshot of {@code customer_features} (a single as_of) */
    public SegmentTables run(Dataset<Row> customerFeatures) {
        // One job gives both the snapshot check and the customer count.
        List<Row> snapshots = customerFeatures.groupBy(FeatureColumns.AS_OF).count().limit(2).collectAsList();
        if (snapshots.size() > 1) {
            throw new IllegalArgumentException("customer_features holds several snapshots (as_of " + snapshots.get(0).get(0)
                    + ", " + snapshots.get(1).get(0) + ", ...); segment one as_of at a time");
        }
        long customers = snapshots.isEmpty() ? 0 : snapshots.get(0).getLong(1);
        BehaviouralClusters.Result clusters = new BehaviouralClusters(spec).fit(customerFeatures, customers);
        // The clusters are a projection over the same rows as the RFM scores: no join, no second pass.
        Dataset<Row> scored = clusters.withClusters(RfmScorer.score(customerFeatures));

        Dataset<Row> customerSegments = scored.select(col(SegmentColumns.AS_OF), col(SegmentColumns.CUSTOMER_ID),
                col(SegmentColumns.R_SCORE), col(SegmentColumns.F_SCORE), col(SegmentColumns.M_SCORE),
                col(SegmentColumns.RFM_CELL), col(SegmentColumns.RFM_SEGMENT), col(SegmentColumns.CLUSTER_ID),
                col(SegmentColumns.CLUSTER_NAME));
        List<Row> kRows = new ArrayList<>();
        if (!snapshots.isEmpty()) {
            Date asOf = snapshots.get(0).getDate(0);
            for (Map.Entry<Integer, Double> e : clusters.silhouetteByK().entrySet()) {
                kRows.add(RowFactory.create(asOf, e.getKey(), e.getValue(), e.getKey() == clusters.k()));
            }
        }
        Dataset<Row> kSelection = customerFeatures.sparkSession().createDataFrame(kRows, K_SELECTION_SCHEMA);
        return new SegmentTables(customerSegments, SegmentSummary.of(scored), kSelection, clusters);
    }
}
