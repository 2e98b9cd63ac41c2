package io.churnlens.clv;

import io.churnlens.config.ChurnlensConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLV stage in one call: compress the features on Spark, fit the purchase model (BG/NBD or Pareto/NBD), the
 * optional Pareto/NBD for one-time buyers' P(alive), and Gamma-Gamma on the driver, then score every customer on
 * the executors. No I/O: the caller writes the returned tables.
 *
 * <p>Input: a features Dataset with {@code customer_id, x, t_x, t_cal, repeat_spend_mean} (FeatureColumns), times in
 * {@code time.unit}. When the purchase model does not converge, {@link Result#customerValue()} is empty and the
 * params table says why; when only Gamma-Gamma fails, customers are scored with null spend and CLV
 * (spend_flag SPEND_MODEL_UNAVAILABLE).
 */
public final class ClvStage {
    private static final Logger LOG = LoggerFactory.getLogger(ClvStage.class);
    private final ChurnlensConfig.Clv settings;
    private final ChurnlensConfig.Time time;

    public ClvStage(ChurnlensConfig config) {
        this(config.clv(), config.time());
    }

    public ClvStage(ChurnlensConfig.Clv settings, ChurnlensConfig.Time time) {
        this.settings = settings;
        this.time = time;
    }

    /** The fitted models and the report tables {@code clv_params} and {@code customer_value}. */
    public record Result(Dataset<Row> params, Optional<Dataset<Row>> customerValue, List<ModelFit> fits,
                         Optional<CustomerValuation> valuation) {}

    public Result run(Dataset<Row> features) {
        StatisticChunks<RfmTable> rfm = BtydStatistics.compress(features, settings.maxDistinctStatistics());
        List<ModelFit> fits = new ArrayList<>();
        Fitted<? extends PurchaseModel> purchase = fitPurchaseModel(rfm);
        fits.add(purchase.fit());
        ParetoNbdModel pareto = null;
        if (purchase.model() instanceof ParetoNbdModel p) {
            pareto = p;
        } else if (settings.fitParetoNbd()) {
            Fitted<ParetoNbdModel> p = ParetoNbdFitter.fit(rfm);
            fits.add(p.fit());
            pareto = p.converged() ? p.model() : null;
        }
        Fitted<GammaGammaModel> spend = GammaGammaFitter.fit(
                BtydStatistics.compressSpend(features, settings.maxDistinctStatistics()));
        fits.add(spend.fit());
        fits.forEach(f -> LOG.info("CLV fit: {}", f));
        Dataset<Row> params = ClvParamsTable.of(features.sparkSession(), fits);
        if (!purchase.converged()) {
            LOG.warn("purchase model {} did not converge; no customer values: {}", purchase.fit().model(),
                    purchase.fit().note());
            return new Result(params, Optional.empty(), fits, Optional.empty());
        }
        CustomerValuation valuation = new CustomerValuation(purchase.model(), pareto,
                spend.converged() ? spend.model() : null, calculator());
        return new Result(params, Optional.of(CustomerValueScorer.score(features, valuation)), fits,
                Optional.of(valuation));
    }

    /**
     * Fits the configured purchase model on calibration features (as of T - H) and compares its predictions with the
     * actual purchases in the holdout; {@code holdoutPurchases} holds customer_id and x_holdout. Empty when the
     * calibration fit does not converge.
     */
    public Optional<Dataset<Row>> holdout(Dataset<Row> calibrationFeatures, Dataset<Row> holdoutPurchases, int holdoutDays) {
        Fitted<? extends PurchaseModel> fitted =
                fitPurchaseModel(BtydStatistics.compress(calibrationFeatures, settings.maxDistinctStatistics()));
        if (!fitted.converged()) {
            // No predictions from a model that did not converge: the check is skipped, not faked.
            LOG.warn("holdout check skipped: the calibration fit did not converge: {}", fitted.fit().note());
            return Optional.empty();
        }
        return Optional.of(HoldoutCheck.compare(calibrationFeatures, holdoutPurchases, fitted.usableModel(),
                (double) holdoutDays / time.unit().days));
    }

    public ClvCalculator calculator() {
        return new ClvCalculator(settings.horizonMonths(), settings.monthlyDiscountRate(), settings.margin(),
                time.daysPerMonth() / time.unit().days);
    }

    private Fitted<? extends PurchaseModel> fitPurchaseModel(StatisticChunks<RfmTable> rfm) {
        return switch (settings.purchaseModel()) {
            case BG_NBD -> BgNbdFitter.fit(rfm);
            case PARETO_NBD -> ParetoNbdFitter.fit(rfm);
        };
    }
}
