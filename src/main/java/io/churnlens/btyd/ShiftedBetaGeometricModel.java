package io.churnlens.btyd;

import static org.apache.commons.math3.special.Beta.logBeta;

import java.io.Serializable;

/**
 * The shifted-beta-geometric (sBG) model of Fader and Hardie (2007), "How to project customer retention", for a
 * cohort observed at discrete renewal periods: each customer churns at the end of each period with probability
 * theta ~ Beta(alpha, beta). Used for cohort retention curves (survivors per period), not for individual customers.
 */
public record ShiftedBetaGeometricModel(double alpha, double beta) implements Serializable {
    public static final String NAME = "sbg";
    public static final java.util.List<String> PARAMETERS = java.util.List.of("alpha", "beta");

    /** log P(churn in period t) = ln B(alpha+1, beta+t-1) - ln B(alpha, beta), t >= 1. */
    public double logChurnProbability(int t) {
        return logBeta(alpha + 1, beta + t - 1) - logBeta(alpha, beta);
    }

    /** log S(t) = ln B(alpha, beta+t) - ln B(alpha, beta): log share still a customer after t periods. */
    public double logSurvival(int t) {
        return logBeta(alpha, beta + t) - logBeta(alpha, beta);
    }

    public double survival(int t) {
        return Math.exp(logSurvival(t));
    }

    /** Retention rate from period t-1 to t: (beta + t - 1) / (alpha + beta + t - 1); it rises with t. */
    public double retentionRate(int t) {
        return (beta + t - 1) / (alpha + beta + t - 1);
    }

    /**
     * Log-likelihood of survivors n_0 >= n_1 >= ... >= n_k (n_0 = cohort size):
     * sum_t (n_{t-1} - n_t) log P(churn in t) + n_k log S(k).
     */
    public double logLikelihood(long[] survivors) {
        double ll = 0;
        for (int t = 1; t < survivors.length; t++) {
            long churned = survivors[t - 1] - survivors[t];
            if (churned > 0) ll += churned * logChurnProbability(t);
        }
        long last = survivors[survivors.length - 1];
        return last > 0 ? ll + last * logSurvival(survivors.length - 1) : ll;
    }
}
