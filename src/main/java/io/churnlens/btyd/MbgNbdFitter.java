package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link MbgNbdModel} on a compressed {@link RfmTable}, in the frame BG/NBD's fit uses
 * ({@link ScaledFit}: time scaled to a mean T of 1, log-parameters, the same three moment-based starts), judged by
 * {@link io.churnlens.btyd.fit.MaximumLikelihood} and against the nested no-drop-out NBD ({@link NoDropOutCheck}:
 * MBG/NBD tends to the NBD as p -> 0, i.e. a -> 0 or b -> infinity), so it ends identified, boundary (with the NBD
 * as fallback when no drop-out is identified) or failed within the {@link FitBudget}.
 */
public final class MbgNbdFitter {
    private MbgNbdFitter() {}

    public static Fitted<MbgNbdModel> fit(RfmTable table) {
        return fit(StatisticChunks.onDriver(table), FitBudget.DEFAULT);
    }

    public static Fitted<MbgNbdModel> fit(StatisticChunks<RfmTable> table, FitBudget budget) {
        return NoDropOutCheck.judge(ScaledFit.maximise(table, budget, SPEC), table, budget);
    }

    private static final ScaledFit.Spec<MbgNbdModel, RfmTable> SPEC = new ScaledFit.Spec<>(MbgNbdModel.NAME,
            MbgNbdModel.PARAMETERS,
            rate -> List.of(ScaledFit.logs(1, 1 / rate, 1, 1), ScaledFit.logs(0.3, 0.3 / rate, 0.5, 3),
                    ScaledFit.logs(3, 3 / rate, 2, 10)),
            scaled -> scaled, MbgNbdModel::logLikelihood,
            (lp, scale) -> new MbgNbdModel(Math.exp(lp[0]), Math.exp(lp[1]) * scale, Math.exp(lp[2]), Math.exp(lp[3])),
            m -> new double[] {m.r(), m.alpha(), m.a(), m.b()});
}
