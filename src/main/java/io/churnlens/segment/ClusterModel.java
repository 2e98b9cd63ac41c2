package io.churnlens.segment;

import org.apache.spark.sql.Column;

import java.io.Serializable;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.lit;

/**
 * A fitted clustering: the space ({@link ClusterSpace}) and the k-means centres in it. {@link #index()} assigns a
 * customer row to its nearest centre inside a Spark projection (no UDF, no vectors, no extra job).
 */
public record ClusterModel(ClusterSpace space, double[][] centres) implements Serializable {
    public int k() {
        return centres.length;
    }

    /** 0-based index of the nearest centre, the lower index on a tie (as {@link LocalKMeans#nearest}). */
    public Column index() {
        Column[] coordinates = new Column[space.dimensions()];
        for (int j = 0; j < coordinates.length; j++) coordinates[j] = space.coordinate(j);
        Column[] distances = new Column[centres.length];
        for (int c = 0; c < centres.length; c++) {
            Column sum = null;
            for (int j = 0; j < coordinates.length; j++) {
                Column diff = coordinates[j].minus(lit(centres[c][j]));
                sum = sum == null ? diff.multiply(diff) : sum.plus(diff.multiply(diff));
            }
            distances[c] = sum;
        }
        Column all = array(distances);
        return array_position(all, array_min(all)).minus(1).cast("int");
    }
}
