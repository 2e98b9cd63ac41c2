package io.churnlens.impact;

import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.BtydStatistics;
import io.churnlens.btyd.RfmTable;
import io.churnlens.btyd.StatisticChunks;
import io.churnlens.btyd.fit.FitState;
import io.churnlens.schema.ClvColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * The BG/NBD fit behind customer_value, with the covariance of its log-parameters, or why there is none: no
 * customer_value, a purchase model other than BG/NBD, no clv_params, a fit that is not identified (boundary or
 * failed: its standard errors are null), no customer_features to recompute the information, or an information that
 * is not positive definite at the published estimate.
 *
 * @param model      the published estimate (null with a reason)
 * @param covariance of log(r, alpha, a, b) (null with a reason)
 * @param note       why there is no covariance, or a warning about it; null when none is needed
 */
record ParameterFit(BgNbdModel model, double[][] covariance, String note) {
    private static final String PREFIX = "parameter and prediction intervals: ";
    /** Relative difference of a recomputed standard error from clv_params' above which the note says so. */
    static final double SE_TOLERANCE = 0.05;

    static ParameterFit none(String why) {
        return new ParameterFit(null, null, PREFIX + why);
    }

    boolean available() {
        return covariance != null;
    }

    static ParameterFit of(Optional<Dataset<Row>> value, Optional<Dataset<Row>> params, Optional<Dataset<Row>> features,
                           int maxDistinct, LocalDate asOf) {
        if (value.isEmpty()) return none("no customer_value as of " + asOf);
        Row models = value.get().agg(min(ClvColumns.PURCHASE_MODEL), max(ClvColumns.PURCHASE_MODEL)).first();
        if (models.isNullAt(0)) return none("customer_value is empty");
        if (!BgNbdModel.NAME.equals(models.getString(0)) || !BgNbdModel.NAME.equals(models.getString(1))) {
            return none("the purchase model is " + models.getString(0) + (models.getString(0).equals(models.getString(1))
                    ? "" : " / " + models.getString(1)) + ", not BG/NBD only (the draws are implemented for BG/NBD)");
        }
        if (params.isEmpty()) return none("no clv_params as of " + asOf);
        List<Row> rows = params.get().filter(col(ClvColumns.MODEL).equalTo(BgNbdModel.NAME))
                .select(ClvColumns.PARAMETER, ClvColumns.VALUE, ClvColumns.STD_ERROR, ClvColumns.FIT_STATE).collectAsList();
        Map<String, Row> byName = new HashMap<>();
        rows.forEach(r -> byName.put(r.getString(0), r));
        if (!byName.keySet().containsAll(BgNbdModel.PARAMETERS)) return none("clv_params has no BG/NBD fit");
        String state = byName.get("r").getString(3);
        if (!FitState.IDENTIFIED.label().equals(state) || byName.values().stream().anyMatch(r -> r.isNullAt(1))) {
            return none("the BG/NBD fit is " + state + ", so it has no covariance (standard errors are null)");
        }
        BgNbdModel model = new BgNbdModel(byName.get("r").getDouble(1), byName.get("alpha").getDouble(1),
                byName.get("a").getDouble(1), byName.get("b").getDouble(1));
        if (features.isEmpty()) return none("no customer_features as of " + asOf + " to recompute the fit's information");
        return withCovariance(model, BtydStatistics.compress(features.get(), maxDistinct), byName);
    }

    private static ParameterFit withCovariance(BgNbdModel model, StatisticChunks<RfmTable> table, Map<String, Row> published) {
        double[][] cov = ParameterDraws.covariance(model, m -> table.sum(m::logLikelihood));
        if (cov == null) return none("the observed information at the published BG/NBD estimate is not positive definite");
        double[] se = ParameterDraws.standardErrors(model, cov);
        StringBuilder off = new StringBuilder();
        for (int i = 0; i < se.length; i++) {
            Row p = published.get(BgNbdModel.PARAMETERS.get(i));
            if (p.isNullAt(2)) continue;
            double rel = Math.abs(se[i] - p.getDouble(2)) / p.getDouble(2);
            if (rel > SE_TOLERANCE) {
                off.append(String.format(Locale.ROOT, "%s%s se %.4g recomputed vs %.4g in clv_params",
                        off.length() == 0 ? "" : ", ", BgNbdModel.PARAMETERS.get(i), se[i], p.getDouble(2)));
            }
        }
        return new ParameterFit(model, cov, off.length() == 0 ? null : PREFIX + "standard errors differ by over 5%: " + off);
    }
}
