package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitReport;
import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.MaximumLikelihood;
import io.churnlens.btyd.fit.ModelFit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Maximum-likelihood fit of a {@link CovariateModel} on {@link CellStatistics}, in the frame of the other purchase
 * fitters: time scaled to a mean T of 1, log(r, alpha, a, b) and the coefficients gamma as they are, judged by
 * {@link MaximumLikelihood} (identified / boundary / failed within the {@link FitBudget}). Starts: the model
 * without covariates (its estimate, gamma = 0), then a moment-based start.
 *
 * <p>Standard errors from the inverse observed information: delta method for r, alpha, a, b (value times the
 * log-scale SE), directly for gamma. The verdict adds the likelihood-ratio test against the model without
 * covariates (nested at gamma = 0; chi-square with 2K degrees of freedom for K coefficients per process).
 */
public final class CovariateFitter {
    /** The covariates are used only when the likelihood-ratio test rejects gamma = 0 at this level. */
    public static final double SIGNIFICANCE = 0.05;

    private CovariateFitter() {}

    /**
     * @param plainLogLikelihood log-likelihood of the model without covariates on the same customers (NaN when
     *                           unknown: no test then)
     * @param plainStart         r, alpha, a, b of that model in the original time unit (null: moment start only)
     */
    public static Fitted<CovariateModel> fit(CellStatistics cells, CovariateModel.Family family, double[] plainStart,
                                             double plainLogLikelihood, FitBudget budget) {
        RfmTable pooled = cells.pooled();
        double customers = pooled.customers();
        double scale = pooled.weightedMean(pooled::t);
        double rate = Math.max(pooled.weightedMean(pooled::x) / pooled.weightedMean(pooled::t) * scale, 0.05);
        CellStatistics scaled = cells.rescaled(scale);
        List<ParetoNbdRows> prepared = family == CovariateModel.Family.PARETO_NBD
                ? scaled.cells().stream().map(c -> ParetoNbdRows.of(c.table())).toList() : null;
        int k = cells.design().size();
        List<double[]> starts = new ArrayList<>();
        if (plainStart != null) {
            double fourth = plainStart[3] / (family == CovariateModel.Family.PARETO_NBD ? scale : 1);
            starts.add(start(k, plainStart[0], plainStart[1] / scale, plainStart[2], fourth));
        }
        starts.add(start(k, 1, 1 / rate, 1, 1));
        MaximumLikelihood.Result result = MaximumLikelihood.maximize(
                lp -> model(family, cells.design(), lp, 1.0).logLikelihood(scaled, prepared), starts, budget);
        CovariateModel model = model(family, cells.design(), result.logParameters(), scale);
        List<String> names = CovariateModel.parameterNames(family, cells.design());
        double[] values = model.values();
        double[] se = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double s = result.covariance() == null ? Double.NaN : Math.sqrt(result.covariance()[i][i]);
            se[i] = i < 4 ? values[i] * s : s;
        }
        double ll = model.logLikelihood(cells);
        String verdict = FitReport.named(result.verdict(), names) + test(ll, plainLogLikelihood, k, result.state());
        ModelFit fit = new ModelFit(family.modelName(), names, values, se, ll, customers, result.state(), verdict,
                FitReport.named(result.note(), names) + "; " + cells.design().describe() + "; "
                        + cells.cells().size() + " cells");
        return new Fitted<>(model, fit);
    }

    /** True when the fit is identified and the covariates improve the likelihood significantly. */
    public static boolean significant(ModelFit covariateFit, double plainLogLikelihood) {
        if (!covariateFit.converged() || !Double.isFinite(plainLogLikelihood)) return false;
        int df = covariateFit.values().length - 4;
        return 2 * (covariateFit.logLikelihood() - plainLogLikelihood) > critical(df);
    }

    private static double critical(int df) {
        return new ChiSquaredDistribution(null, df).inverseCumulativeProbability(1 - SIGNIFICANCE);
    }

    private static String test(double ll, double plain, int k, FitState state) {
        if (!Double.isFinite(plain) || state == FitState.FAILED) return "";
        double lr = 2 * (ll - plain);
        double p = lr <= 0 ? 1 : 1 - new ChiSquaredDistribution(null, 2 * k).cumulativeProbability(lr);
        return String.format(Locale.ROOT, "; against the model without covariates (LL %.2f): likelihood-ratio "
                + "statistic %.2f on %d degrees of freedom, p = %.3g (critical value %.2f at %.0f%%)",
                plain, lr, 2 * k, p, critical(2 * k), 100 * SIGNIFICANCE);
    }

    private static double[] start(int k, double r, double alpha, double a, double b) {
        double[] s = new double[4 + 2 * k];
        s[0] = Math.log(r);
        s[1] = Math.log(alpha);
        s[2] = Math.log(a);
        s[3] = Math.log(b);
        return s;
    }

    /** The model from the optimiser's vector, alpha multiplied by the time scale. */
    private static CovariateModel model(CovariateModel.Family family, CovariateDesign design, double[] p, double scale) {
        int k = design.size();
        double[] trans = java.util.Arrays.copyOfRange(p, 4, 4 + k);
        double[] life = java.util.Arrays.copyOfRange(p, 4 + k, 4 + 2 * k);
        // Pareto/NBD's beta is a rate in time units too: scaled like alpha.
        double fourth = Math.exp(p[3]) * (family == CovariateModel.Family.PARETO_NBD ? scale : 1);
        return new CovariateModel(family, Math.exp(p[0]), Math.exp(p[1]) * scale, Math.exp(p[2]), fourth,
                design, trans, life);
    }
}
