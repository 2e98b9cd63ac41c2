package io.churnlens.btyd;

/**
 * A drop-out model whose log-likelihood of one customer splits into a part in x alone (computed once per distinct x
 * when a table is fitted) and a part that needs the times: BG/NBD and Pareto/NBD.
 */
interface TwoPartLikelihood extends PurchaseModel {
    /** The part of log L that depends on x only. */
    double xTerm(int x);

    /** The rest of log L: the customer alive at T, or gone after t_x. */
    double timeTerm(int x, double tx, double t);

    @Override
    default double logLikelihood(int x, double tx, double t) {
        return xTerm(x) + timeTerm(x, tx, t);
    }
}
