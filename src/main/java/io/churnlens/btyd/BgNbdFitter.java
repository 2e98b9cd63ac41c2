package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitState;

import java.util.List;

/**
 * Maximum-likelihood fit of {@link BgNbdModel} on a compressed {@link RfmTable}.
 *
 * <p>Time is rescaled internally so that the mean T is 1 (alpha is then of order 1 whatever the unit or the length
 * of the observation window), and the optimiser works on log(r, alpha, a, b). Starts: moment-based
 * (mean purchase rate r/alpha = mean x / mean T) with three shapes of the drop-out distribution, tried in turn until
 * one converges. The reported log-likelihood is recomputed on the original, unscaled data.
 */
public final class BgNbdFitter {
    private BgNbdFitter() {}

    /** Mean drop-out probability a/(a+b) above which a boundary is named "drop-out at the first repeat purchase". */
    static final double CERTAIN_DROP_OUT = 0.99;

    public static Fitted<BgNbdModel> fit(RfmTable table) {
        return fit(StatisticChunks.onDriver(table), FitBudget.DEFAULT);
    }

    public static Fitted<BgNbdModel> fit(StatisticChunks<RfmTable> table) {
        return fit(table, FitBudget.DEFAULT);
    }

    /**
     * Fits ({@link ScaledFit}), judges ({@link io.churnlens.btyd.fit.MaximumLikelihood}) and compares with the nested no-drop-out NBD
     * ({@link NoDropOutCheck}); the returned fit carries the final {@link FitState}.
     */
    public static Fitted<BgNbdModel> fit(StatisticChunks<RfmTable> table, FitBudget budget) {
        return nameOtherLimit(NoDropOutCheck.judge(ScaledFit.maximise(table, budget, SPEC), table, budget));
    }

    /** At a boundary that is not the NBD, says which limit when it is the other end: p -> 1. */
    private static Fitted<BgNbdModel> nameOtherLimit(Fitted<BgNbdModel> f) {
        BgNbdModel m = f.model();
        if (f.state() != FitState.BOUNDARY || f.noDropOutLimit() != null
                || !(m.a() / (m.a() + m.b()) > CERTAIN_DROP_OUT)) {
            return f;
        }
        return new Fitted<>(m, f.fit().withVerdict(FitState.BOUNDARY, String.format(java.util.Locale.ROOT,
                "drop-out at the first repeat purchase (mean drop-out probability a/(a+b) = %.4f, p -> 1): "
                        + "customers with a repeat purchase are gone, BG/NBD has no interior estimate; %s",
                m.a() / (m.a() + m.b()), f.fit().verdict())));
    }

    /** Moment-based starts (r/alpha = the mean purchase rate) with three shapes of the drop-out distribution. */
    private static final ScaledFit.Spec<BgNbdModel, RfmTable> SPEC = new ScaledFit.Spec<>(BgNbdModel.NAME,
            BgNbdModel.PARAMETERS,
            rate -> List.of(ScaledFit.logs(1, 1 / rate, 1, 1), ScaledFit.logs(0.3, 0.3 / rate, 0.5, 3),
                    ScaledFit.logs(3, 3 / rate, 2, 10)),
            scaled -> scaled, BgNbdModel::logLikelihood,
            (lp, scale) -> new BgNbdModel(Math.exp(lp[0]), Math.exp(lp[1]) * scale, Math.exp(lp[2]), Math.exp(lp[3])),
            m -> new double[] {m.r(), m.alpha(), m.a(), m.b()});
}
