package io.churnlens.btyd;

import io.churnlens.btyd.fit.FitState;
import io.churnlens.btyd.fit.ModelFit;

import java.io.Serializable;
import java.util.Optional;

/**
 * A model together with the fit that produced it and, for a purchase model at the no-drop-out boundary, the fitted
 * limit model (the NBD) it falls back to. {@code model} holds the last iterate whatever the state; use
 * {@link #usableModel()} or {@link #purchaseModelToUse()} to get a model only when the verdict allows it.
 *
 * @param noDropOutLimit the NBD fitted on the same data, when the purchase model is at the no-drop-out boundary
 *                       (null otherwise)
 */
public record Fitted<M extends Serializable>(M model, ModelFit fit, Fitted<NbdModel> noDropOutLimit)
        implements Serializable {

    public Fitted(M model, ModelFit fit) {
        this(model, fit, null);
    }

    /** The model when the fit is identified, else an exception carrying the verdict. */
    public M usableModel() {
        fit.requireIdentified();
        return model;
    }

    /** True only when the fit is {@link FitState#IDENTIFIED}. */
    public boolean converged() {
        return fit.converged();
    }

    public FitState state() {
        return fit.state();
    }

    /**
     * The one rule every user of a purchase-model fit follows (customer values, the holdout check): the fitted
     * model when identified; the NBD limit at the no-drop-out boundary (P(alive) = 1, expected purchases from the
     * NBD); nothing otherwise (another boundary, or a failed fit).
     */
    public Optional<PurchaseModel> purchaseModelToUse() {
        if (fit.converged() && model instanceof PurchaseModel p) return Optional.of(p);
        if (fit.state() == FitState.BOUNDARY && noDropOutLimit != null && noDropOutLimit.converged()) {
            return Optional.of(noDropOutLimit.model());
        }
        return Optional.empty();
    }
}
