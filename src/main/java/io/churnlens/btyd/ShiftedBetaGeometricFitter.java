package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitReport;
import io.churnlens.btyd.fit.MaximumLikelihood;
import io.churnlens.btyd.fit.ModelFit;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link ShiftedBetaGeometricModel} on one cohort's survivors per period
 * ({@code survivors[0]} = cohort size, then the number still customers after each period), in log(alpha, beta).
 */
public final class ShiftedBetaGeometricFitter {
    private ShiftedBetaGeometricFitter() {}

    public static Fitted<ShiftedBetaGeometricModel> fit(long[] survivors) {
        return fit(survivors, FitBudget.DEFAULT);
    }

    public static Fitted<ShiftedBetaGeometricModel> fit(long[] survivors, FitBudget budget) {
        if (survivors.length < 2) {
            throw new IllegalArgumentException("sBG needs the cohort size and at least one later period, got "
                    + survivors.length + " values");
        }
        for (int t = 0; t < survivors.length; t++) {
            if (survivors[t] < 0 || (t > 0 && survivors[t] > survivors[t - 1]) || survivors[0] == 0) {
                throw new IllegalArgumentException("survivors must start positive and never increase; got "
                        + java.util.Arrays.toString(survivors));
            }
        }
        double firstChurn = 1 - (double) survivors[1] / survivors[0];
        double mean = Math.min(Math.max(firstChurn, 0.01), 0.99);
        List<double[]> starts = List.of(
                ScaledFit.logs(mean * 2, (1 - mean) * 2),
                ScaledFit.logs(1, 1),
                ScaledFit.logs(mean * 0.5, (1 - mean) * 0.5));
        MaximumLikelihood.Result result = MaximumLikelihood.maximize(
                lp -> new ShiftedBetaGeometricModel(Math.exp(lp[0]), Math.exp(lp[1])).logLikelihood(survivors), starts, budget);
        ShiftedBetaGeometricModel model = new ShiftedBetaGeometricModel(Math.exp(result.logParameters()[0]),
                Math.exp(result.logParameters()[1]));
        ModelFit fit = FitReport.of(ShiftedBetaGeometricModel.NAME, ShiftedBetaGeometricModel.PARAMETERS, result,
                new double[] {model.alpha(), model.beta()}, model.logLikelihood(survivors), survivors[0]);
        return new Fitted<>(model, fit);
    }
}
