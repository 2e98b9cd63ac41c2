package io.churnlens.clv;

import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.ModelFit;
import io.churnlens.schema.ClvColumns;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code clv_params} table from fits, one row per parameter, with the fit's {@link FitState} and verdict. Only
 * an identified fit has value and standard error; otherwise they are null and the last iterate goes into the note,
 * never into the value column. The log-likelihood is written for identified and boundary fits (at a boundary it is
 * the supremum the likelihood approaches, which the no-drop-out comparison uses), null for failed ones.
 */
public final class ClvParamsTable {
    private ClvParamsTable() {}

    public static Dataset<Row> of(SparkSession spark, List<ModelFit> fits) {
        List<Row> rows = new ArrayList<>();
        for (ModelFit f : fits) {
            Double ll = f.state() == FitState.FAILED ? null : finite(f.logLikelihood());
            for (int i = 0; i < f.values().length; i++) {
                String parameter = f.parameterNames().get(i);
                if (f.converged()) {
                    rows.add(RowFactory.create(f.model(), parameter, f.values()[i], finite(f.standardErrors()[i]),
                            ll, (long) f.customers(), true, f.note(), f.state().label(), f.verdict()));
                } else {
                    rows.add(RowFactory.create(f.model(), parameter, null, null, ll, (long) f.customers(), false,
                            f.note() + String.format("; last iterate %s=%.6g (not an estimate)", parameter, f.values()[i]),
                            f.state().label(), f.verdict()));
                }
            }
        }
        return spark.createDataFrame(rows, ClvColumns.PARAMS_SCHEMA);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
