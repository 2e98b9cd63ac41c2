package io.churnlens.segment;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The customers k is chosen on, as {@link ClusterSpace#logged} values on the driver: every customer when there are
 * at most segment.max-rows-for-k-selection, else that many (about) chosen by a salted hash of customer_id, so the
 * same customers whatever the partitioning. Sorted by customer_id, so the order never depends on the partitioning
 * either.
 *
 * <p><b>Bound:</b> the one collect of the segment stage that grows with the data, capped at
 * max-rows-for-k-selection rows of (customer_id, one double per cluster feature).
 */
public final class SelectionSample {
    private static final long HASH_BUCKETS = 1_000_000L;

    private SelectionSample() {}

    /** One row per chosen customer (in customer_id order), one column per input. */
    public static double[][] logged(Dataset<Row> customers, long count, List<String> inputs,
                                    ChurnlensConfig.Segment spec) {
        Dataset<Row> chosen = customers;
        if (count > spec.maxRowsForKSelection()) {
            long keep = (long) Math.floor(HASH_BUCKETS * (double) spec.maxRowsForKSelection() / count);
            chosen = customers.where(pmod(xxhash64(col(FeatureColumns.CUSTOMER_ID), lit(spec.seed())),
                    lit(HASH_BUCKETS)).lt(keep));
        }
        Column[] columns = new Column[inputs.size() + 1];
        columns[0] = col(FeatureColumns.CUSTOMER_ID).cast("string");
        for (int j = 0; j < inputs.size(); j++) columns[j + 1] = ClusterSpace.logged(inputs.get(j));
        List<Row> rows = new ArrayList<>(chosen.select(columns).collectAsList());
        rows.sort(Comparator.comparing(r -> r.getString(0)));
        double[][] logged = new double[rows.size()][inputs.size()];
        for (int p = 0; p < logged.length; p++) {
            for (int j = 0; j < inputs.size(); j++) logged[p][j] = rows.get(p).getDouble(j + 1);
        }
        return logged;
    }
}
