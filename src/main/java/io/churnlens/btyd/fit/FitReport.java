package io.churnlens.btyd.fit;

import java.util.List;

/** Turns an optimiser result in (scaled) log-parameter space into a {@link ModelFit} in the model's own units. */
public final class FitReport {
    private FitReport() {}

    /**
     * @param values          the parameters in the model's own units (already unscaled)
     * @param logLikelihood   the log-likelihood recomputed on the original, unscaled data
     */
    public static ModelFit of(String model, List<String> names, MaximumLikelihood.Result result, double[] values,
                       double logLikelihood, double customers) {
        double[] se = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            // Delta method: the log-parameters' covariance is unchanged by the time or money scale.
            se[i] = result.covariance() == null ? Double.NaN : values[i] * Math.sqrt(result.covariance()[i][i]);
        }
        return new ModelFit(model, List.copyOf(names), values, se, logLikelihood, customers, result.state(),
                named(result.verdict(), names), named(result.note(), names));
    }

    /** The optimiser numbers parameters "#1", "#2", ...; the fit's texts name them (highest first: #10 before #1). */
    public static String named(String text, List<String> names) {
        String s = text;
        for (int i = names.size(); i >= 1; i--) s = s.replace("#" + i, names.get(i - 1));
        return s;
    }
}
