package io.churnlens.clv;

import io.churnlens.schema.ClvColumns;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code clv_params} table from fits. A fit that did not converge is written with null value, standard error and
 * log-likelihood and {@code converged = false}; its last iterate goes into the note, never into the value column.
 */
public final class ClvParamsTable {
    private ClvParamsTable() {}

    public static Dataset<Row> of(SparkSession spark, List<ModelFit> fits) {
        List<Row> rows = new ArrayList<>();
        for (ModelFit f : fits) {
            for (int i = 0; i < f.values().length; i++) {
                String parameter = f.parameterNames().get(i);
                if (f.converged()) {
                    rows.add(RowFactory.create(f.model(), parameter, f.values()[i], finite(f.standardErrors()[i]),
                            f.logLikelihood(), (long) f.customers(), true, f.note()));
                } else {
                    rows.add(RowFactory.create(f.model(), parameter, null, null, null, (long) f.customers(), false,
                            f.note() + String.format("; last iterate %s=%.6g (not an estimate)", parameter, f.values()[i])));
                }
            }
        }
        return spark.createDataFrame(rows, ClvColumns.PARAMS_SCHEMA);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
