package io.churnlens.btyd.fit;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of one maximum-likelihood fit, in the model's own units: parameter values, standard errors (NaN
 * where not available), the log-likelihood at the estimate, the number of customers, the {@link FitState} with
 * the verdict in words, and the optimiser's note (starts tried, evaluations, seconds).
 *
 * <p>Unless the state is {@link FitState#IDENTIFIED} the values are the last iterate, kept for diagnosis only:
 * report tables write them as null and scorers refuse them (see {@link #requireIdentified()}).
 */
public record ModelFit(String model, List<String> parameterNames, double[] values, double[] standardErrors,
                       double logLikelihood, double customers, FitState state, String verdict, String note)
        implements Serializable {

    /** True only for {@link FitState#IDENTIFIED}: the one state whose numbers are estimates. */
    public boolean converged() {
        return state == FitState.IDENTIFIED;
    }

    public double value(String parameter) {
        int i = parameterNames.indexOf(parameter);
        if (i < 0) throw new IllegalArgumentException(model + " has no parameter " + parameter);
        return values[i];
    }

    public double standardError(String parameter) {
        return standardErrors[parameterNames.indexOf(parameter)];
    }

    /** The same fit with another verdict (e.g. after the comparison with a nested model). */
    public ModelFit withVerdict(FitState newState, String newVerdict) {
        double[] se = newState == FitState.IDENTIFIED ? standardErrors : nans(values.length);
        return new ModelFit(model, parameterNames, values, se, logLikelihood, customers, newState, newVerdict, note);
    }

    /** The state and verdict in one sentence, as the log, the run summary and the report say it. */
    public String summary() {
        return model + " " + state.label() + ": " + verdict;
    }

    /** Throws with the verdict unless the fit is identified, so no caller uses unfitted numbers by accident. */
    public ModelFit requireIdentified() {
        if (!converged()) throw new IllegalStateException(model + " fit is not identified (" + state.label() + "): " + verdict);
        return this;
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(model).append(' ').append(state.label());
        for (int i = 0; i < values.length; i++) {
            s.append(String.format(" %s=%.6g (se %.3g)", parameterNames.get(i), values[i], standardErrors[i]));
        }
        return s.append(String.format(" LL=%.4f n=%.0f; %s; %s", logLikelihood, customers, verdict, note)).toString();
    }
}
