package io.churnlens.clv;

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

/**
 * Adds P(alive), expected purchases, expected spend and CLV per customer, on the executors: the fitted
 * {@link CustomerValuation} is broadcast once and applied partition by partition. Output schema:
 * {@link ClvColumns#CUSTOMER_VALUE_SCHEMA}. Customers whose statistics break the BTYD contract get nulls.
 */
public final class CustomerValueScorer {
    /** Input position of the first covariate column (after id, x, t_x, T and the spend mean). */
    private static final int COVARIATES_FROM = 5;
    private CustomerValueScorer() {}

    public static Dataset<Row> score(Dataset<Row> features, CustomerValuation valuation) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(features.sparkSession().sparkContext());
        Broadcast<CustomerValuation> shared = jsc.broadcast(valuation);
        String modelName = valuation.purchaseModel().name();
        List<Column> columns = new ArrayList<>(List.of(
                features.col(FeatureColumns.CUSTOMER_ID).cast("string"),
                features.col(FeatureColumns.X).cast("int"),
                features.col(FeatureColumns.T_X).cast("double"),
                features.col(FeatureColumns.T_CAL).cast("double"),
                features.col(FeatureColumns.REPEAT_SPEND_MEAN).cast("double")));
        valuation.covariateColumns().forEach(c -> columns.add(features.col(c).cast("string")));
        Dataset<Row> input = features.select(columns.toArray(Column[]::new));
        MapPartitionsFunction<Row, Row> scoring = rows -> {
            CustomerValuation v = shared.value();
            return new Iterator<Row>() {     // lazy: a partition is never held in memory
                @Override public boolean hasNext() { return rows.hasNext(); }
                @Override public Row next() { return scoreRow(v, rows.next(), modelName); }
            };
        };
        return input.mapPartitions(scoring, Encoders.row(ClvColumns.CUSTOMER_VALUE_SCHEMA));
    }

    private static Row scoreRow(CustomerValuation v, Row r, String modelName) {
        String id = r.getString(0);
        if (r.isNullAt(1) || r.isNullAt(2) || r.isNullAt(3) || !valid(r.getInt(1), r.getDouble(2), r.getDouble(3))) {
            return RowFactory.create(id, null, null, null, null, SpendFlag.INVALID_STATISTICS.name(), null, modelName);
        }
        double spendMean = r.isNullAt(4) ? Double.NaN : r.getDouble(4);
        String[] covariates = new String[r.size() - COVARIATES_FROM];
        for (int i = 0; i < covariates.length; i++) covariates[i] = r.getString(COVARIATES_FROM + i);
        CustomerValuation.Value value = v.value(v.modelFor(covariates), r.getInt(1), r.getDouble(2), r.getDouble(3),
                spendMean);
        return RowFactory.create(id, nullIfNaN(value.pAlive()), nullIfNaN(value.pAliveParetoNbd()),
                nullIfNaN(value.expectedPurchases()), nullIfNaN(value.expectedSpend()), value.spendFlag().name(),
                nullIfNaN(value.clv()), modelName);
    }

    static boolean valid(int x, double tx, double t) {
        return x >= 0 && tx >= 0 && tx <= t && t > 0 && (x > 0 || tx == 0);
    }

    private static Double nullIfNaN(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
