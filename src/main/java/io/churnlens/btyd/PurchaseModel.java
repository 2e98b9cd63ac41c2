package io.churnlens.btyd;

import java.io.Serializable;

/**
 * A fitted model of purchase counts and drop-out (BG/NBD or Pareto/NBD) with its per-customer quantities. All times
 * are in the model time unit the model was fitted in; implementations are immutable and serializable so the
 * scorers broadcast them to executors.
 */
public interface PurchaseModel extends Serializable {
    /** Name written in the {@code model} column of the report tables. */
    String name();

    /** Log-likelihood of one customer's {@code (x, t_x, T)}. */
    double logLikelihood(int x, double tx, double t);

    /** Sum of the weighted log-likelihoods of a compressed table (deterministic: the same order on every call). */
    double logLikelihood(RfmTable table);

    /** Probability that the customer is still alive at T, given {@code (x, t_x, T)}. */
    double pAlive(int x, double tx, double t);

    /** Expected number of purchases in {@code (T, T + horizon]} given {@code (x, t_x, T)}. */
    double expectedPurchases(double horizon, int x, double tx, double t);
}
