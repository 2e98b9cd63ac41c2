package io.churnlens.clv;

import java.io.Serializable;

/**
 * A model together with the fit that produced it. {@code model} holds the last iterate even when the fit did not
 * converge; use {@link #usableModel()} to get it only when it may be used.
 */
public record Fitted<M extends Serializable>(M model, ModelFit fit) implements Serializable {
    /** The model when the fit converged, else an exception carrying the fit's note. */
    public M usableModel() {
        fit.requireConverged();
        return model;
    }

    public boolean converged() {
        return fit.converged();
    }
}
