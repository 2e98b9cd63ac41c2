package io.churnlens.clv;

import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.NbdModel;
import io.churnlens.btyd.NoDropOutCheck;
import io.churnlens.btyd.ParetoNbdModel;
import io.churnlens.btyd.PurchaseModel;
import io.churnlens.btyd.fit.ModelFit;
import io.churnlens.config.ChurnlensConfig.PurchaseModelChoice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which purchase model values the customers, by the documented fallback:
 * <ol>
 *   <li>the configured model's {@link Fitted#purchaseModelToUse()}: the model when identified, the NBD limit at the
 *       no-drop-out boundary;</li>
 *   <li>else (failed, or another boundary) the other purchase model's, fitted now if it was not already
 *       (Pareto/NBD is fitted anyway when {@code clv.fit-pareto-nbd} is on): Pareto/NBD for BG/NBD and MBG/NBD,
 *       BG/NBD for Pareto/NBD;</li>
 *   <li>else none: no customer_value, and the explanation says why.</li>
 * </ol>
 * The P(alive) of one-time buyers ({@code p_alive_pareto_nbd}) comes from the Pareto/NBD fit under the same rule
 * (its NBD limit gives P(alive) = 1).
 *
 * @param fits        every fit made, for clv_params: the purchase fits and, when used, the NBD limit
 * @param model       the model customer values come from
 * @param aliveModel  the model of {@code p_alive_pareto_nbd}
 * @param explanation one sentence: what customer values come from and why
 */
record PurchaseModelSelection(List<ModelFit> fits, Optional<PurchaseModel> model, Optional<PurchaseModel> aliveModel,
                              String explanation) {

    static PurchaseModelSelection choose(PurchaseModelChoice configured, boolean fitParetoNbd,
                                         Function<PurchaseModelChoice, Fitted<? extends PurchaseModel>> fitter) {
        PurchaseModelChoice otherChoice = configured == PurchaseModelChoice.PARETO_NBD
                ? PurchaseModelChoice.BG_NBD : PurchaseModelChoice.PARETO_NBD;
        Fitted<? extends PurchaseModel> first = fitter.apply(configured);
        Fitted<? extends PurchaseModel> other =
                configured != PurchaseModelChoice.PARETO_NBD && fitParetoNbd ? fitter.apply(otherChoice) : null;
        Optional<PurchaseModel> model = first.purchaseModelToUse();
        String explanation;
        Fitted<? extends PurchaseModel> used = first;
        if (model.isPresent()) {
            explanation = "customer values from " + describe(first, model.get());
        } else {
            if (other == null) other = fitter.apply(otherChoice);
            model = other.purchaseModelToUse();
            used = other;
            explanation = model.isPresent()
                    ? "customer values from " + describe(other, model.get()) + ", in place of " + first.fit().model()
                            + " (" + first.state().label() + ")"
                    : "no customer values: neither " + first.fit().model() + " (" + first.state().label() + ") nor "
                            + other.fit().model() + " (" + other.state().label() + ") gives a usable purchase model";
        }
        Fitted<? extends PurchaseModel> pareto = first.model() instanceof ParetoNbdModel ? first
                : other != null && other.model() instanceof ParetoNbdModel ? other : null;
        Optional<PurchaseModel> alive = pareto == null ? Optional.empty() : pareto.purchaseModelToUse();

        List<ModelFit> fits = new ArrayList<>();
        fits.add(first.fit());
        if (other != null) fits.add(other.fit());
        Fitted<NbdModel> limit = used.noDropOutLimit() != null ? used.noDropOutLimit()
                : pareto != null ? pareto.noDropOutLimit() : null;
        if (limit != null && (model.filter(m -> m instanceof NbdModel).isPresent()
                || alive.filter(m -> m instanceof NbdModel).isPresent())) {
            fits.add(limit.fit());
        }
        return new PurchaseModelSelection(List.copyOf(fits), model, alive, explanation);
    }

    private static String describe(Fitted<? extends PurchaseModel> fit, PurchaseModel used) {
        return used instanceof NbdModel
                ? "the NBD limit of " + fit.fit().model() + " (" + NoDropOutCheck.NO_DROP_OUT + ")"
                : fit.fit().model() + " (identified)";
    }
}
