package io.churnlens.ingest;

import io.churnlens.schema.DataQualityColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.Map;

/** The {@code data_quality} report rows of one ingest run, in long form (see {@link DataQualityColumns}). */
public final class DataQualityReport {
    public static final StructType SCHEMA = new StructType()
            .add(DataQualityColumns.INGEST_RUN, DataTypes.StringType, false)
            .add(DataQualityColumns.SOURCE, DataTypes.StringType, false)
            .add(DataQualityColumns.METRIC, DataTypes.StringType, false)
            .add(DataQualityColumns.ROWS, DataTypes.LongType, false);

    private DataQualityReport() {}

    public static Dataset<Row> rows(SparkSession spark, String runId, String source, Map<String, Long> counts) {
        List<Row> rows = counts.entrySet().stream()
                .map(e -> RowFactory.create(runId, source, e.getKey(), e.getValue()))
                .toList();
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** True when every row read is accounted for exactly once. */
    public static boolean reconciles(Map<String, Long> counts) {
        long read = counts.get(DataQualityColumns.ROWS_READ);
        long outcomes = counts.get(DataQualityColumns.ACCEPTED) + counts.get(DataQualityColumns.QUARANTINED)
                + counts.get(DataQualityColumns.DUPLICATES_IN_INPUT)
                + counts.get(DataQualityColumns.DUPLICATES_ALREADY_INGESTED)
                + counts.getOrDefault(DataQualityColumns.CONFLICTS_NOT_ADDED, 0L);
        long byReason = counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(DataQualityColumns.QUARANTINED_PREFIX))
                .mapToLong(Map.Entry::getValue).sum();
        return read == outcomes && byReason == counts.get(DataQualityColumns.QUARANTINED);
    }
}
