package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitReport;
import io.churnlens.btyd.fit.MaximumLikelihood;
import io.churnlens.btyd.fit.ModelFit;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link NbdModel} (two parameters) on a compressed {@link RfmTable}, in log(r, alpha)
 * with time rescaled so the mean T is 1. Starts: the moment rate r/alpha = mean x / mean T with r = 1, 0.3, 3.
 */
public final class NbdFitter {
    private NbdFitter() {}

    public static Fitted<NbdModel> fit(StatisticChunks<RfmTable> table, FitBudget budget) {
        TimeScaledStatistics stats = TimeScaledStatistics.of(table);
        double rate = stats.meanRate();
        List<double[]> starts = List.of(BgNbdFitter.logs(1, 1 / rate), BgNbdFitter.logs(0.3, 0.3 / rate),
                BgNbdFitter.logs(3, 3 / rate));
        MaximumLikelihood.Result result = MaximumLikelihood.maximize(lp -> {
            NbdModel candidate = model(lp, 1);
            return stats.scaled().sum(candidate::logLikelihood);
        }, starts, budget);
        NbdModel model = model(result.logParameters(), stats.scale());
        ModelFit fit = FitReport.of(NbdModel.NAME, NbdModel.PARAMETERS, result, new double[] {model.r(), model.alpha()},
                table.sum(model::logLikelihood), stats.customers());
        return new Fitted<>(model, fit);
    }

    private static NbdModel model(double[] lp, double timeScale) {
        return new NbdModel(Math.exp(lp[0]), Math.exp(lp[1]) * timeScale);
    }
}
