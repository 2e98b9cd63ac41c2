package io.churnlens.clv;

import io.churnlens.btyd.BgNbdFitter;
import io.churnlens.btyd.BtydStatistics;
import io.churnlens.btyd.CovariateModel;
import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.GammaGammaFitter;
import io.churnlens.btyd.GammaGammaModel;
import io.churnlens.btyd.MbgNbdFitter;
import io.churnlens.btyd.ParetoNbdFitter;
import io.churnlens.btyd.PurchaseModel;
import io.churnlens.btyd.RfmTable;
import io.churnlens.btyd.StatisticChunks;
import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.ModelFit;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ChurnlensConfig.PurchaseModelChoice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLV stage in one call: compress the features on Spark, fit the purchase model (BG/NBD or Pareto/NBD), the
 * optional Pareto/NBD for one-time buyers' P(alive), and Gamma-Gamma on the driver, each within the fit budget
 * ({@code clv.fit-max-evaluations}, {@code clv.fit-max-seconds}), then score every customer on the executors. No
 * I/O: the caller writes the returned tables.
 *
 * <p>Input: a features Dataset with {@code customer_id, x, t_x, t_cal, repeat_spend_mean} (FeatureColumns), times in
 * {@code time.unit}.
 *
 * <p>Fallback, by the purchase model's {@link FitState} ({@link PurchaseModelSelection}): identified, its values;
 * boundary at no drop-out, the NBD limit (P(alive) = 1, expected purchases from the NBD; its parameters are written
 * to clv_params as model {@code nbd}); otherwise (failed, or a boundary without a limit model) the other purchase
 * model when it is identified or at the NBD limit; otherwise {@link Result#customerValue()} is empty and the params
 * table says why. When only Gamma-Gamma is not identified, customers are scored with null spend and CLV
 * (spend_flag SPEND_MODEL_UNAVAILABLE).
 */
public final class ClvAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(ClvAnalysis.class);
    private final ChurnlensConfig.Clv settings;
    private final ChurnlensConfig.Time time;

    public ClvAnalysis(ChurnlensConfig config) {
        this(config.clv(), config.time());
    }

    public ClvAnalysis(ChurnlensConfig.Clv settings, ChurnlensConfig.Time time) {
        this.settings = settings;
        this.time = time;
    }

    /**
     * The fitted models, the report tables {@code clv_params} and {@code customer_value}, and {@code verdicts}: one
     * sentence per fit and one saying what customer_value was computed from (for the log and the run summary).
     */
    public record Result(Dataset<Row> params, Optional<Dataset<Row>> customerValue, List<ModelFit> fits,
                         Optional<CustomerValuation> valuation, List<String> verdicts) {}

    public FitBudget budget() {
        return new FitBudget(settings.fitMaxEvaluations(), settings.fitMaxSeconds());
    }

    public Result run(Dataset<Row> features) {
        StatisticChunks<RfmTable> rfm = BtydStatistics.compress(features, settings.maxDistinctStatistics());
        PurchaseModelSelection purchase = PurchaseModelSelection.choose(settings.purchaseModel(),
                settings.fitParetoNbd(), choice -> fit(choice, rfm));
        Fitted<GammaGammaModel> spend = GammaGammaFitter.fit(
                BtydStatistics.compressSpend(features, settings.maxDistinctStatistics()), budget());
        List<ModelFit> fits = new ArrayList<>(purchase.fits());
        CovariateSelection covariates = CovariateSelection.choose(settings.covariates(), features, purchase.model(),
                purchase.fits(), settings.maxDistinctStatistics(), budget());
        covariates.fit().ifPresent(fits::add);
        fits.add(spend.fit());
        List<String> verdicts = new ArrayList<>();
        fits.forEach(f -> {
            LOG.info("CLV fit {}; details: {}", f.summary(), f);
            verdicts.add(f.summary());
        });
        verdicts.add(purchase.explanation());
        if (covariates.explanation() != null) verdicts.add(covariates.explanation());
        Dataset<Row> params = ClvParamsTable.of(features.sparkSession(), fits);
        if (purchase.model().isEmpty()) {
            LOG.warn("no customer values: {}", purchase.explanation());
            return new Result(params, Optional.empty(), fits, Optional.empty(), verdicts);
        }
        LOG.info("customer values: {}{}", purchase.explanation(),
                covariates.explanation() == null ? "" : "; " + covariates.explanation());
        CustomerValuation valuation = new CustomerValuation(purchase.model().get(), purchase.aliveModel().orElse(null),
                spend.converged() ? spend.model() : null, calculator(), covariates.model().orElse(null));
        return new Result(params, Optional.of(CustomerValueScorer.score(features, valuation)), fits,
                Optional.of(valuation), verdicts);
    }

    /**
     * Fits the configured purchase model on calibration features (as of T - H) and compares its predictions with the
     * actual purchases in the holdout; {@code holdoutPurchases} holds customer_id and x_holdout. The model follows
     * the same verdict as the main fit ({@link Fitted#purchaseModelToUse()}): identified, or the NBD limit at the
     * no-drop-out boundary; empty (and logged) otherwise. With {@code clv.covariates}, the covariate model fitted on
     * the same calibration features predicts when it would value the customers ({@link CovariateSelection}).
     */
    public Optional<Dataset<Row>> holdout(Dataset<Row> calibrationFeatures, Dataset<Row> holdoutPurchases, int holdoutDays) {
        Fitted<? extends PurchaseModel> fitted = fit(settings.purchaseModel(),
                BtydStatistics.compress(calibrationFeatures, settings.maxDistinctStatistics()));
        Optional<PurchaseModel> model = fitted.purchaseModelToUse();
        if (model.isEmpty()) {
            // No predictions from a model without an estimate: the check is skipped, not faked.
            LOG.warn("holdout check skipped: the calibration fit is {}", fitted.fit().summary());
            return Optional.empty();
        }
        LOG.info("holdout check with {}: calibration fit {}", model.get().name(), fitted.fit().summary());
        double length = (double) holdoutDays / time.unit().days;
        CovariateSelection selection = CovariateSelection.choose(settings.covariates(), calibrationFeatures, model,
                List.of(fitted.fit()), settings.maxDistinctStatistics(), budget());
        if (selection.explanation() != null) {
            LOG.info("holdout check: {}{}", selection.explanation(), selection.fit().map(f -> "; " + f).orElse(""));
        }
        Optional<CovariateModel> covariates = selection.model();
        return Optional.of(covariates.isPresent()
                ? HoldoutCheck.compare(calibrationFeatures, holdoutPurchases, covariates.get(), length)
                : HoldoutCheck.compare(calibrationFeatures, holdoutPurchases, model.get(), length));
    }

    public ClvCalculator calculator() {
        return new ClvCalculator(settings.horizonMonths(), settings.monthlyDiscountRate(), settings.margin(),
                time.daysPerMonth() / time.unit().days);
    }

    private Fitted<? extends PurchaseModel> fit(PurchaseModelChoice choice, StatisticChunks<RfmTable> rfm) {
        return switch (choice) {
            case BG_NBD -> BgNbdFitter.fit(rfm, budget());
            case PARETO_NBD -> ParetoNbdFitter.fit(rfm, budget());
            case MBG_NBD -> MbgNbdFitter.fit(rfm, budget());
        };
    }
}
