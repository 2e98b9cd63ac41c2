package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link NbdModel} (two parameters) on a compressed {@link RfmTable}, in log(r, alpha)
 * with time rescaled so the mean T is 1 ({@link ScaledFit}). Starts: the moment rate r/alpha = mean x / mean T with
 * r = 1, 0.3, 3.
 */
public final class NbdFitter {
    private NbdFitter() {}

    public static Fitted<NbdModel> fit(StatisticChunks<RfmTable> table, FitBudget budget) {
        return ScaledFit.maximise(table, budget, SPEC);
    }

    private static final ScaledFit.Spec<NbdModel, RfmTable> SPEC = new ScaledFit.Spec<>(NbdModel.NAME,
            NbdModel.PARAMETERS,
            rate -> List.of(ScaledFit.logs(1, 1 / rate), ScaledFit.logs(0.3, 0.3 / rate), ScaledFit.logs(3, 3 / rate)),
            scaled -> scaled, NbdModel::logLikelihood,
            (lp, scale) -> new NbdModel(Math.exp(lp[0]), Math.exp(lp[1]) * scale),
            m -> new double[] {m.r(), m.alpha()});
}
