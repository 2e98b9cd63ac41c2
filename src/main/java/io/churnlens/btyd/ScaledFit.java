package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitReport;
import io.churnlens.btyd.fit.MaximumLikelihood;
import io.churnlens.btyd.fit.ModelFit;

import java.io.Serializable;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The maximum-likelihood frame the purchase-model fitters share: time rescaled so the mean T is 1 (the rate
 * parameters are then of order 1 whatever the unit or window), the optimiser in log-parameters from the model's
 * starts, and the log-likelihood reported on the original, unscaled data. Judging the fit against the nested NBD
 * and naming other limits stays with each fitter.
 */
final class ScaledFit {
    /**
     * What one model brings.
     *
     * @param starts     starting log-parameters on the scaled time axis, given the mean purchase rate x / T there
     * @param prepare    the scaled statistics as the evaluations read them (prepared once, before the first one)
     * @param likelihood the summed log-likelihood of one prepared chunk (shipped to the executors when the
     *                   statistics live there)
     * @param model      the model from log-parameters, its rate parameters multiplied by the time scale
     * @param values     the fitted parameters, in the order of {@code parameters}
     */
    record Spec<M, R extends Serializable>(String name, List<String> parameters, Function<Double, List<double[]>> starts,
                                           Function<StatisticChunks<RfmTable>, StatisticChunks<R>> prepare,
                                           Likelihood<M, R> likelihood, BiFunction<double[], Double, M> model,
                                           Function<M, double[]> values) {}

    /** The log-likelihood of a model on one prepared chunk. */
    interface Likelihood<M, R> extends Serializable {
        double of(M model, R chunk);
    }

    private ScaledFit() {}

    /** @param <R> what one chunk of statistics is prepared into: the table itself, or rows with precomputed pairs */
    static <M extends PurchaseModel, R extends Serializable> Fitted<M> maximise(StatisticChunks<RfmTable> table,
                                                                                 FitBudget budget, Spec<M, R> spec) {
        TimeScaledStatistics stats = TimeScaledStatistics.of(table);
        List<double[]> starts = spec.starts().apply(stats.meanRate());
        StatisticChunks<R> rows = spec.prepare().apply(stats.scaled());
        Likelihood<M, R> likelihood = spec.likelihood();
        MaximumLikelihood.Result result = MaximumLikelihood.maximize(lp -> {
            M candidate = spec.model().apply(lp, 1.0);
            return rows.sum(chunk -> likelihood.of(candidate, chunk));
        }, starts, budget);
        M model = spec.model().apply(result.logParameters(), stats.scale());
        ModelFit fit = FitReport.of(spec.name(), spec.parameters(), result, spec.values().apply(model),
                table.sum(model::logLikelihood), stats.customers());
        return new Fitted<>(model, fit);
    }

    /** Natural logarithms of the values: a start in log-parameters. */
    static double[] logs(double... v) {
        double[] l = new double[v.length];
        for (int i = 0; i < v.length; i++) l[i] = Math.log(v[i]);
        return l;
    }
}
