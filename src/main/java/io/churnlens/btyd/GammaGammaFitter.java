package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitReport;
import io.churnlens.btyd.fit.MaximumLikelihood;
import io.churnlens.btyd.fit.ModelFit;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link GammaGammaModel} on a compressed {@link SpendTable}, in log(p, q, gamma) with
 * money rescaled so the mean spend is 1. Starts: p = q = 3-ish moment guesses (mean spend p gamma/(q-1) = 1), then
 * a low-shape and a high-shape guess.
 */
public final class GammaGammaFitter {
    private GammaGammaFitter() {}

    public static Fitted<GammaGammaModel> fit(SpendTable table) {
        return fit(StatisticChunks.onDriver(table), FitBudget.DEFAULT);
    }

    public static Fitted<GammaGammaModel> fit(StatisticChunks<SpendTable> table) {
        return fit(table, FitBudget.DEFAULT);
    }

    public static Fitted<GammaGammaModel> fit(StatisticChunks<SpendTable> table, FitBudget budget) {
        double customers = table.sum(SpendTable::customers);
        double scale = table.sum(c -> c.weightedMeanSpend() * c.customers()) / customers;
        StatisticChunks<SpendTable> scaled = table.map(c -> c.rescaled(scale));
        List<double[]> starts = List.of(
                ScaledFit.logs(3, 3, 2.0 / 3),
                ScaledFit.logs(1, 2, 1),
                ScaledFit.logs(10, 10, 0.9));
        MaximumLikelihood.Result result = MaximumLikelihood.maximize(lp -> {
            GammaGammaModel candidate = model(lp, 1);
            return scaled.sum(candidate::logLikelihood);
        }, starts, budget);
        GammaGammaModel model = model(result.logParameters(), scale);
        double[] values = {model.p(), model.q(), model.gamma()};
        ModelFit fit = FitReport.of(GammaGammaModel.NAME, GammaGammaModel.PARAMETERS, result, values,
                table.sum(model::logLikelihood), customers);
        return new Fitted<>(model, fit);
    }

    private static GammaGammaModel model(double[] lp, double moneyScale) {
        return new GammaGammaModel(Math.exp(lp[0]), Math.exp(lp[1]), Math.exp(lp[2]) * moneyScale);
    }
}
