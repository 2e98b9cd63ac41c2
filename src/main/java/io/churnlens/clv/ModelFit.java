package io.churnlens.clv;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of one maximum-likelihood fit, in the model's own units: parameter values, standard errors (NaN
 * where the observed information is not invertible or badly conditioned), the log-likelihood at the estimate, the
 * number of customers, and whether the optimiser converged.
 *
 * <p>When {@code converged} is false the values are the last iterate, kept for diagnosis only: report tables write
 * them as null and scorers refuse them (see {@link #requireConverged()}).
 */
public record ModelFit(String model, List<String> parameterNames, double[] values, double[] standardErrors,
                       double logLikelihood, double customers, boolean converged, String note)
        implements Serializable {

    public double value(String parameter) {
        int i = parameterNames.indexOf(parameter);
        if (i < 0) throw new IllegalArgumentException(model + " has no parameter " + parameter);
        return values[i];
    }

    public double standardError(String parameter) {
        return standardErrors[parameterNames.indexOf(parameter)];
    }

    /** Throws with the fit's note when it did not converge, so no caller uses unfitted numbers by accident. */
    public ModelFit requireConverged() {
        if (!converged) throw new IllegalStateException(model + " fit did not converge: " + note);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(model).append(converged ? " converged" : " NOT converged");
        for (int i = 0; i < values.length; i++) {
            s.append(String.format(" %s=%.6g (se %.3g)", parameterNames.get(i), values[i], standardErrors[i]));
        }
        return s.append(String.format(" LL=%.4f n=%.0f; %s", logLikelihood, customers, note)).toString();
    }
}
