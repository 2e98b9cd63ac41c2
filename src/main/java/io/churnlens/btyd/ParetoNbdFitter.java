package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitReport;
import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.MaximumLikelihood;
import io.churnlens.btyd.fit.ModelFit;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link ParetoNbdModel} on a compressed {@link RfmTable}, in log(r, alpha, s, beta) with
 * time rescaled so the mean T is 1. Starts: moment-based purchase rate with mean lifetimes of one and of ten
 * observation windows, then a heavier-tailed guess.
 *
 * <p>Cost: the table is prepared once ({@link ParetoNbdRows}); an evaluation then needs one bounded-cost 2F1 per
 * distinct (x, time) pair and a few exp/log per row, about 2.5 times BG/NBD's CPU per evaluation at 1M customers.
 */
public final class ParetoNbdFitter {
    /** A gamma shape s beyond this leaves drop-out rates varying by under 1% (coefficient of variation 1/sqrt(s)). */
    private static final double HOMOGENEOUS_SHAPE = 1e4;
    private ParetoNbdFitter() {}

    public static Fitted<ParetoNbdModel> fit(RfmTable table) {
        return fit(StatisticChunks.onDriver(table), FitBudget.DEFAULT);
    }

    public static Fitted<ParetoNbdModel> fit(StatisticChunks<RfmTable> table) {
        return fit(table, FitBudget.DEFAULT);
    }

    public static Fitted<ParetoNbdModel> fit(StatisticChunks<RfmTable> table, FitBudget budget) {
        TimeScaledStatistics stats = TimeScaledStatistics.of(table);
        List<double[]> starts = starts(stats);
        StatisticChunks<ParetoNbdRows> rows = stats.scaled().map(ParetoNbdRows::of);
        MaximumLikelihood.Result result = MaximumLikelihood.maximize(lp -> {
            ParetoNbdModel candidate = model(lp, 1);
            return rows.sum(candidate::logLikelihood);
        }, starts, budget);
        ParetoNbdModel model = model(result.logParameters(), stats.scale());
        double[] values = {model.r(), model.alpha(), model.s(), model.beta()};
        ModelFit fit = FitReport.of(ParetoNbdModel.NAME, ParetoNbdModel.PARAMETERS, result, values,
                table.sum(model::logLikelihood), stats.customers());
        return NoDropOutCheck.judge(new Fitted<>(model, namedLimit(model, fit)), table, budget);
    }

    /** s and beta running off together is the limit without drop-out heterogeneity: say so, with its one rate. */
    private static ModelFit namedLimit(ParetoNbdModel model, ModelFit fit) {
        if (fit.state() != FitState.BOUNDARY || model.s() < HOMOGENEOUS_SHAPE) return fit;
        return fit.withVerdict(FitState.BOUNDARY, String.format(java.util.Locale.ROOT, "%s; the limit is a drop-out "
                + "rate the same for every customer (mu = s/beta = %.4g per time unit; the variation of mu across "
                + "customers, 1/sqrt(s), is below %.0f%%)", fit.verdict(), model.s() / model.beta(),
                100 / Math.sqrt(HOMOGENEOUS_SHAPE)));
    }

    static List<double[]> starts(TimeScaledStatistics stats) {
        double rate = stats.meanRate();
        return List.of(
                BgNbdFitter.logs(1, 1 / rate, 1, 1),
                BgNbdFitter.logs(0.5, 0.5 / rate, 0.5, 5),
                BgNbdFitter.logs(2, 2 / rate, 2, 0.5));
    }

    private static ParetoNbdModel model(double[] lp, double timeScale) {
        return new ParetoNbdModel(Math.exp(lp[0]), Math.exp(lp[1]) * timeScale, Math.exp(lp[2]),
                Math.exp(lp[3]) * timeScale);
    }
}
