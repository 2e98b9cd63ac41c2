package io.churnlens.btyd;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;

import io.churnlens.schema.FeatureColumns;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compresses the customer features into the small tables the fitters need, on Spark: a group-by on the sufficient
 * statistics with counts, and only that histogram is collected to the driver (never the customers).
 *
 * <p>Rows that break the BTYD contract (null statistics, t_x > T, T <= 0, x = 0 with t_x > 0) are left out of the
 * fit and counted in the log; the scorer gives them null values.
 */
public final class BtydStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(BtydStatistics.class);
    private static final String COUNT = "n";

    private BtydStatistics() {}

    /** Rows usable by the purchase models. */
    public static Column validPurchaseStatistics() {
        Column x = col(FeatureColumns.X), tx = col(FeatureColumns.T_X), t = col(FeatureColumns.T_CAL);
        return x.isNotNull().and(tx.isNotNull()).and(t.isNotNull()).and(x.geq(0)).and(tx.geq(0))
                .and(tx.leq(t)).and(t.gt(0)).and(x.gt(0).or(tx.equalTo(0)));
    }

    /**
     * Groups {@code features} by identical (x, t_x, t_cal) with counts: on the driver when there are at most
     * {@code maxRows} groups, otherwise left on the executors in chunks (see {@link StatisticChunks}).
     */
    public static StatisticChunks<RfmTable> compress(Dataset<Row> features, int maxRows) {
        Dataset<Row> groups = features.where(validPurchaseStatistics())
                .groupBy(col(FeatureColumns.X).cast("int").as(FeatureColumns.X),
                        col(FeatureColumns.T_X).cast("double").as(FeatureColumns.T_X),
                        col(FeatureColumns.T_CAL).cast("double").as(FeatureColumns.T_CAL))
                .agg(count(lit(1)).as(COUNT));
        return chunks(groups, "(x, t_x, T)", maxRows, BtydStatistics::rfmTable);
    }

    /**
     * Groups the customers with x > 0 and a positive repeat spend mean (rounded to cents) by (x, mean) for the
     * Gamma-Gamma fit, on the driver or on the executors as {@link #compress}. Customers with a null or non-positive
     * mean are not in the fit (they get the population mean and a flag when scored).
     */
    public static StatisticChunks<SpendTable> compressSpend(Dataset<Row> features, int maxRows) {
        Column mean = round(col(FeatureColumns.REPEAT_SPEND_MEAN).cast("double"), 2);
        Dataset<Row> groups = features
                .where(validPurchaseStatistics().and(col(FeatureColumns.X).gt(0)).and(mean.gt(0)))
                .groupBy(col(FeatureColumns.X).cast("int").as(FeatureColumns.X), mean.as(FeatureColumns.REPEAT_SPEND_MEAN))
                .agg(count(lit(1)).as(COUNT));
        return chunks(groups, "(x, repeat_spend_mean)", maxRows, BtydStatistics::spendTable);
    }

    /**
     * The design of {@code columns} from their level counts (customers with valid statistics), then the statistics
     * grouped by (design levels, x, t_x, T) into {@link CellStatistics} on the driver. Empty, with the reason, when
     * there are more than {@code maxRows} groups (the covariate fit runs on the driver only) or no column keeps a
     * coefficient.
     */
    public static CellsOrReason compressByCell(Dataset<Row> features, List<String> columns, int maxRows) {
        Dataset<Row> valid = features.where(validPurchaseStatistics());
        // One job: customers per combination of raw values (few), summed per column on the driver.
        java.util.Map<String, java.util.Map<String, Long>> counts = new java.util.LinkedHashMap<>();
        columns.forEach(c -> counts.put(c, new java.util.HashMap<>()));
        Column[] raw = columns.stream().map(c -> col(c).cast("string")).toArray(Column[]::new);
        for (Row r : valid.groupBy(raw).agg(count(lit(1))).collectAsList()) {
            for (int i = 0; i < columns.size(); i++) {
                counts.get(columns.get(i)).merge(r.isNullAt(i) ? null : r.getString(i), r.getLong(columns.size()), Long::sum);
            }
        }
        CovariateDesign design = CovariateDesign.of(counts);
        if (design.isEmpty()) {
            return new CellsOrReason(null, "no covariate column has a level other than its reference with at least "
                    + Math.round(100 * CovariateDesign.MIN_SHARE) + "% of the customers");
        }
        List<Column> keys = new ArrayList<>();
        for (CovariateDesign.Covariate c : design.covariates()) keys.add(designLevel(c).as(c.column()));
        keys.add(col(FeatureColumns.X).cast("int").as(FeatureColumns.X));
        keys.add(col(FeatureColumns.T_X).cast("double").as(FeatureColumns.T_X));
        keys.add(col(FeatureColumns.T_CAL).cast("double").as(FeatureColumns.T_CAL));
        List<Row> rows = valid.groupBy(keys.toArray(Column[]::new)).agg(count(lit(1)).as(COUNT))
                .limit(maxRows + 1).collectAsList();
        if (rows.size() > maxRows) {
            return new CellsOrReason(null, "more than clv.max-distinct-statistics = " + maxRows + " distinct (cell, x, "
                    + "t_x, T) rows: the covariate fit runs on the driver only");
        }
        LOG.info("BTYD statistics by covariate cell: {} distinct (cell, x, t_x, T) rows", rows.size());
        return new CellsOrReason(cells(design, rows), null);
    }

    /** Cell statistics, or why there are none. */
    public record CellsOrReason(CellStatistics cells, String reason) {}

    /** The design level of a raw value, on Spark: itself when kept, else the bucket (or the reference). */
    private static Column designLevel(CovariateDesign.Covariate c) {
        Column raw = org.apache.spark.sql.functions.coalesce(col(c.column()).cast("string"), lit(CovariateDesign.MISSING));
        String otherwise = c.levels().contains(CovariateDesign.OTHER) ? CovariateDesign.OTHER : c.reference();
        return org.apache.spark.sql.functions.when(raw.isin(c.kept().toArray()), raw).otherwise(lit(otherwise));
    }

    private static CellStatistics cells(CovariateDesign design, List<Row> unsorted) {
        int k = design.covariates().size();
        List<Row> rows = new ArrayList<>(unsorted);
        rows.sort(java.util.Comparator.comparing((Row r) -> r.toString()));
        int n = rows.size();
        List<String[]> levels = new ArrayList<>();
        int[] x = new int[n];
        double[] tx = new double[n], t = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            String[] l = new String[k];
            for (int j = 0; j < k; j++) l[j] = r.getString(j);
            levels.add(l);
            x[i] = r.getInt(k);
            tx[i] = r.getDouble(k + 1);
            t[i] = r.getDouble(k + 2);
            w[i] = r.getLong(k + 3);
        }
        return CellStatistics.of(design, levels, x, tx, t, w);
    }

    private interface TableBuilder<T> extends java.io.Serializable {
        T build(Iterator<Row> rows);
    }

    /** At most {@code maxRows} groups: collected, sorted and built into one table on the driver; else left in chunks. */
    private static <T extends java.io.Serializable> StatisticChunks<T> chunks(Dataset<Row> groups, String key,
                                                                            int maxRows, TableBuilder<T> builder) {
        List<Row> rows = groups.limit(maxRows + 1).collectAsList();
        if (rows.size() > maxRows) {
            return onExecutors(groups, key, maxRows, builder);
        }
        LOG.info("BTYD statistics: {} distinct {} rows, fitted on the driver", rows.size(), key);
        return StatisticChunks.onDriver(builder.build(sorted(rows).iterator()));
    }

    /**
     * Too many groups for the driver: chunks of about {@code maxRows} groups (at least two chunks), the chunk count
     * and each chunk's order fixed by the data alone (hash of the key, sorted), so every run sums the same way.
     */
    private static <T extends java.io.Serializable> StatisticChunks<T> onExecutors(Dataset<Row> groups, String key,
                                                                                 int maxRows, TableBuilder<T> builder) {
        long distinct = groups.count();
        int partitions = (int) Math.max(2, Math.min(100_000, (distinct + maxRows - 1) / maxRows));
        LOG.warn("{} distinct {} rows, more than clv.max-distinct-statistics = {}: the likelihood is summed on the "
                + "executors in {} chunks (one Spark job per evaluation: slower, but the driver holds no rows)",
                distinct, key, maxRows, partitions);
        Column[] keys = java.util.Arrays.stream(groups.columns()).filter(c -> !c.equals(COUNT))
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        JavaRDD<T> chunks = groups.repartition(partitions, keys).sortWithinPartitions(keys).javaRDD()
                .mapPartitions(it -> it.hasNext() ? List.of(builder.build(it)).iterator()
                        : java.util.Collections.<T>emptyIterator());
        return StatisticChunks.onExecutors(chunks);
    }

    private static RfmTable rfmTable(Iterator<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        int n = list.size();
        int[] x = new int[n];
        double[] tx = new double[n], t = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = list.get(i);
            x[i] = r.getInt(0);
            tx[i] = r.getDouble(1);
            t[i] = r.getDouble(2);
            w[i] = r.getLong(3);
        }
        return new RfmTable(x, tx, t, w);
    }

    private static SpendTable spendTable(Iterator<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        int n = list.size();
        int[] x = new int[n];
        double[] m = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = list.get(i);
            x[i] = r.getInt(0);
            m[i] = r.getDouble(1);
            w[i] = r.getLong(2);
        }
        return new SpendTable(x, m, w);
    }

    /**
     * The groups in key order: they arrive in partition order, and the likelihood sums (and so the fitted digits)
     * depend on the order of the terms. Sorted, a fit gives the same numbers whatever the cluster's partitioning.
     */
    private static List<Row> sorted(List<Row> rows) {
        List<Row> copy = new ArrayList<>(rows);
        copy.sort((a, b) -> {
            for (int i = 0; i < a.size() - 1; i++) {
                int c = Double.compare(((Number) a.get(i)).doubleValue(), ((Number) b.get(i)).doubleValue());
                if (c != 0) return c;
            }
            return 0;
        });
        return copy;
    }
}
