package io.churnlens.clv;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.churnlens.btyd.BtydStatistics;
import io.churnlens.btyd.CovariateModel;
import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.PurchaseModel;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.FeatureColumns;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Calibration/holdout validation of a purchase model: fitted on features as of T - H, it predicts each customer's
 * purchases in (T - H, T]; predicted and actual totals are compared per calibration frequency x = 0, 1, ..., 6, 7+
 * and in total (the table analysts expect from these models, cf. FHL 2005 fig. 3).
 */
public final class HoldoutCheck {
    static final int TOP_BUCKET = 7;
    private static final String BUCKET_ORDER = "bucket_order";

    private HoldoutCheck() {}

    /**
     * @param calibrationFeatures features as of T - H (the ones the model was fitted on)
     * @param holdoutPurchases    customer_id and {@link ClvColumns#X_HOLDOUT}; customers absent made no purchase
     * @param model               a purchase model the fit's verdict allows ({@link Fitted#purchaseModelToUse()})
     * @param holdoutLength       H in model time units
     */
    public static Dataset<Row> compare(Dataset<Row> calibrationFeatures, Dataset<Row> holdoutPurchases,
                                       PurchaseModel model, double holdoutLength) {
        return compare(calibrationFeatures, holdoutPurchases, model.name(), List.of(), levels -> model, holdoutLength);
    }

    /** The same check with each customer's cell model of a covariate fit (model column: its clv_params name). */
    public static Dataset<Row> compare(Dataset<Row> calibrationFeatures, Dataset<Row> holdoutPurchases,
                                       CovariateModel model, double holdoutLength) {
        return compare(calibrationFeatures, holdoutPurchases, model.family().modelName(), model.design().columns(),
                model::forCustomer, holdoutLength);
    }

    /** A customer's purchase model from their raw covariate values (shipped to the executors). */
    private interface ModelFor extends java.io.Serializable {
        PurchaseModel of(String[] covariateValues);
    }

    private static Dataset<Row> compare(Dataset<Row> calibrationFeatures, Dataset<Row> holdoutPurchases, String name,
                                        List<String> covariates, ModelFor models, double holdoutLength) {
        List<Column> columns = new ArrayList<>(List.of(col(FeatureColumns.X).cast("int"),
                col(FeatureColumns.T_X).cast("double"), col(FeatureColumns.T_CAL).cast("double"),
                coalesce(col(ClvColumns.X_HOLDOUT).cast("double"), lit(0.0))));
        covariates.forEach(c -> columns.add(col(c).cast("string")));
        Dataset<Row> joined = calibrationFeatures.where(BtydStatistics.validPurchaseStatistics())
                // A join on the column name: both sides often derive from the same transactions, where column
                // references would be ambiguous (a trivially true predicate).
                .join(holdoutPurchases.select(FeatureColumns.CUSTOMER_ID, ClvColumns.X_HOLDOUT),
                        new String[]{FeatureColumns.CUSTOMER_ID}, "left")
                .select(columns.toArray(Column[]::new));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(calibrationFeatures.sparkSession().sparkContext());
        Broadcast<ModelFor> shared = jsc.broadcast(models);
        StructType perCustomer = new StructType()
                .add(BUCKET_ORDER, DataTypes.IntegerType, false)
                .add(ClvColumns.ACTUAL_PURCHASES, DataTypes.DoubleType, false)
                .add(ClvColumns.PREDICTED_PURCHASES, DataTypes.DoubleType, false);
        MapPartitionsFunction<Row, Row> predict = rows -> {
            ModelFor m = shared.value();
            return new Iterator<Row>() {
                @Override public boolean hasNext() { return rows.hasNext(); }
                @Override public Row next() {
                    Row r = rows.next();
                    int x = r.getInt(0);
                    String[] levels = new String[r.size() - 4];
                    for (int i = 0; i < levels.length; i++) levels[i] = r.getString(4 + i);
                    return RowFactory.create(Math.min(x, TOP_BUCKET), r.getDouble(3),
                            m.of(levels).expectedPurchases(holdoutLength, x, r.getDouble(1), r.getDouble(2)));
                }
            };
        };
        return table(calibrationFeatures, name, joined.mapPartitions(predict, Encoders.row(perCustomer)));
    }

    /** Predicted and actual totals per frequency bucket, then the total row. */
    private static Dataset<Row> table(Dataset<Row> calibrationFeatures, String name, Dataset<Row> perCustomer) {
        List<Row> buckets = perCustomer
                .groupBy(BUCKET_ORDER)
                .agg(count(lit(1)), sum(ClvColumns.ACTUAL_PURCHASES), sum(ClvColumns.PREDICTED_PURCHASES))
                .orderBy(BUCKET_ORDER)
                .collectAsList();
        List<Row> table = new ArrayList<>();
        long customers = 0;
        double actual = 0, predicted = 0;
        for (Row b : buckets) {
            int order = b.getInt(0);
            table.add(row(name, order == TOP_BUCKET ? TOP_BUCKET + "+" : Integer.toString(order),
                    b.getLong(1), b.getDouble(2), b.getDouble(3)));
            customers += b.getLong(1);
            actual += b.getDouble(2);
            predicted += b.getDouble(3);
        }
        table.add(row(name, "total", customers, actual, predicted));
        return calibrationFeatures.sparkSession().createDataFrame(table, ClvColumns.HOLDOUT_SCHEMA);
    }

    private static Row row(String model, String bucket, long customers, double actual, double predicted) {
        return RowFactory.create(model, bucket, customers, actual, predicted,
                customers == 0 ? 0.0 : actual / customers, customers == 0 ? 0.0 : predicted / customers);
    }
}
