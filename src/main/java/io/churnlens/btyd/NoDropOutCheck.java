package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitBudget;
import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.ModelFit;

import java.util.Locale;

/**
 * The second half of a purchase model's verdict: does the drop-out process explain anything the NBD without
 * drop-out does not? The NBD ({@link NbdModel}) is nested in BG/NBD and Pareto/NBD (their limit as drop-out
 * vanishes), so the likelihood-ratio statistic LR = 2 (LL_model - LL_nbd) is >= 0 at the two maxima.
 *
 * <p>Rule: LR below {@value #CRITICAL_VALUE} (the 95% point of chi-square with 2 degrees of freedom, for the two
 * extra parameters) means the NBD explains the data as well: state {@link FitState#BOUNDARY}, limit named, and the
 * NBD attached as the fallback. Under the null the extra parameters sit on the boundary and are not identified,
 * where the true null distribution is stochastically smaller than chi-square(2) (a mixture of chi-squares with
 * fewer degrees of freedom); chi-square(2) is the conservative choice: drop-out is called identified only on clear
 * evidence. A failed fit is left as it is (its last iterate is no maximum to compare). The NBD's own fit may reach
 * its boundary (r -> infinity: the Poisson limit, every customer buying at one rate); its supremum still serves
 * the comparison, but only an identified NBD is attached as the fallback.
 */
public final class NoDropOutCheck {
    static final double CRITICAL_VALUE = 5.991;
    public static final String NO_DROP_OUT =
            "no drop-out identified in this window: P(alive) = 1, expected purchases from the NBD";

    private NoDropOutCheck() {}

    static <M extends PurchaseModel> Fitted<M> judge(Fitted<M> full, StatisticChunks<RfmTable> table, FitBudget budget) {
        ModelFit fit = full.fit();
        if (fit.state() == FitState.FAILED) return full;
        Fitted<NbdModel> nbd = NbdFitter.fit(table, budget);
        if (nbd.state() == FitState.FAILED || !Double.isFinite(nbd.fit().logLikelihood())) {
            return new Fitted<>(full.model(), fit.withVerdict(fit.state(), fit.verdict()
                    + "; no comparison with the no-drop-out NBD (" + nbd.fit().summary() + ")"));
        }
        double lr = 2 * (fit.logLikelihood() - nbd.fit().logLikelihood());
        String test = String.format(Locale.ROOT, "likelihood-ratio statistic %.2f against the no-drop-out NBD "
                + "(LL %.2f), critical value %.2f", lr, nbd.fit().logLikelihood(), CRITICAL_VALUE);
        if (!(lr >= CRITICAL_VALUE) && !nbd.converged()) {
            return new Fitted<>(full.model(), fit.withVerdict(FitState.BOUNDARY, String.format(Locale.ROOT,
                    "no drop-out identified in this window, and the NBD without drop-out is itself at a boundary "
                            + "(%s): no fallback; %s; %s", nbd.fit().verdict(), test, fit.verdict())));
        }
        if (!(lr >= CRITICAL_VALUE)) {
            String verdict = String.format(Locale.ROOT, "%s (r = %.4g, alpha = %.4g); %s; %s", NO_DROP_OUT,
                    nbd.model().r(), nbd.model().alpha(), test, fit.verdict());
            ModelFit limitFit = nbd.fit().withVerdict(FitState.IDENTIFIED,
                    "limit of " + fit.model() + " at the no-drop-out boundary, used in its place; " + nbd.fit().verdict());
            return new Fitted<>(full.model(), fit.withVerdict(FitState.BOUNDARY, verdict),
                    new Fitted<>(nbd.model(), limitFit));
        }
        String verdict = fit.state() == FitState.IDENTIFIED
                ? fit.verdict() + "; drop-out identified: " + test
                : fit.verdict() + "; not the no-drop-out limit (" + test + "): no fallback from this model";
        return new Fitted<>(full.model(), fit.withVerdict(fit.state(), verdict));
    }
}
