package io.churnlens.model;

import io.churnlens.btyd.BgNbdFitter;
import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.BtydStatistics;
import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.GammaGammaFitter;
import io.churnlens.btyd.GammaGammaModel;
import io.churnlens.btyd.PurchaseModel;
import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.schema.FeatureColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

/**
 * The BTYD outputs as inputs of the learned models: BG/NBD (and Gamma-Gamma) fitted on the very rows being scored —
 * the features as of one snapshot, so as of T−H for training and as of T for scoring; no row after the snapshot is
 * read — then per customer P(alive), the expected purchase days in the horizon and their expected value. The fit
 * follows the CLV stage's rule ({@link Fitted#purchaseModelToUse()}: identified, or the NBD limit at the no-drop-out
 * boundary); when it gives no model the three columns are null, which the pipelines' imputer turns into the
 * training medians, and the log says so.
 */
final class BtydInputs {
    private static final Logger LOG = LoggerFactory.getLogger(BtydInputs.class);
    static final String P_ALIVE = "btyd_p_alive";
    static final String EXPECTED_PURCHASES = "btyd_expected_purchases_h";
    static final String EXPECTED_VALUE = "btyd_expected_value_h";
    static final List<String> NAMES = List.of(P_ALIVE, EXPECTED_PURCHASES, EXPECTED_VALUE);

    private BtydInputs() {}

    /** What the fits on one snapshot gave: the purchase model (null: none usable), the spend model (null: none) and why. */
    record Fit(PurchaseModel purchases, GammaGammaModel spend, String note) {}

    static Fit fit(Dataset<Row> features, int maxDistinctStatistics, FitBudget budget) {
        Fitted<BgNbdModel> bgNbd = BgNbdFitter.fit(BtydStatistics.compress(features, maxDistinctStatistics), budget);
        PurchaseModel purchases = bgNbd.purchaseModelToUse().orElse(null);
        Fitted<GammaGammaModel> gg = GammaGammaFitter.fit(BtydStatistics.compressSpend(features, maxDistinctStatistics), budget);
        GammaGammaModel spend = gg.converged() && gg.model().q() > 1 ? gg.model() : null;
        String note = "BG/NBD " + bgNbd.fit().summary() + (purchases == null ? " (no model: the inputs are the training medians)"
                : purchases == bgNbd.model() ? "" : " (its NBD limit used)")
                + "; Gamma-Gamma " + (spend != null ? "identified" : gg.fit().summary() + " (mean purchase-day value used)");
        LOG.info("btyd inputs: {}", note);
        return new Fit(purchases, spend, note);
    }

    /** {@code rows} plus {@link #NAMES} from {@code fit}; {@code horizon} is H in the features' time unit. */
    static Dataset<Row> addTo(Dataset<Row> rows, Fit fit, double horizon) {
        if (fit.purchases() == null) {
            Dataset<Row> out = rows;
            for (String n : NAMES) out = out.withColumn(n, lit(null).cast(DataTypes.DoubleType));
            return out;
        }
        PurchaseModel m = fit.purchases();
        GammaGammaModel spend = fit.spend();
        UserDefinedFunction alive = udf((UDF3<Integer, Double, Double, Double>) (x, tx, t) ->
                valid(x, tx, t) ? m.pAlive(x, tx, t) : null, DataTypes.DoubleType);
        UserDefinedFunction expected = udf((UDF3<Integer, Double, Double, Double>) (x, tx, t) ->
                valid(x, tx, t) ? m.expectedPurchases(horizon, x, tx, t) : null, DataTypes.DoubleType);
        UserDefinedFunction value = udf((UDF5<Integer, Double, Double, Double, Double, Double>) (x, tx, t, repeatMean, mean) -> {
            if (!valid(x, tx, t)) return null;
            Double perPurchase = spend != null && repeatMean != null && repeatMean > 0 ? spend.conditionalMeanSpend(x, repeatMean)
                    : spend != null && x == 0 ? spend.populationMeanSpend() : mean;
            return perPurchase == null ? null : m.expectedPurchases(horizon, x, tx, t) * perPurchase;
        }, DataTypes.DoubleType);
        Column x = col(FeatureColumns.X).cast("int"), tx = col(FeatureColumns.T_X).cast("double"),
                t = col(FeatureColumns.T_CAL).cast("double");
        return rows.withColumn(P_ALIVE, alive.apply(x, tx, t))
                .withColumn(EXPECTED_PURCHASES, expected.apply(x, tx, t))
                .withColumn(EXPECTED_VALUE, value.apply(x, tx, t, col(FeatureColumns.REPEAT_SPEND_MEAN).cast("double"),
                        col(FeatureColumns.MONETARY_MEAN).cast("double")));
    }

    /** The statistics the purchase models accept ({@link BtydStatistics#validPurchaseStatistics()}). */
    private static boolean valid(Integer x, Double tx, Double t) {
        return x != null && tx != null && t != null && x >= 0 && tx >= 0 && tx <= t && t > 0 && (x > 0 || tx == 0);
    }
}
