package io.churnlens.btyd.fit;

/**
 * How a maximum-likelihood fit ended. Every fit ends in exactly one of these, within its {@link FitBudget}.
 *
 * <ul>
 *   <li>{@link #IDENTIFIED}: converged at an interior maximum; observed information positive definite and well
 *       conditioned, every log-parameter's standard error within bounds, and (purchase models) the drop-out process
 *       improves significantly on the nested no-drop-out NBD. The only state whose numbers are estimates.</li>
 *   <li>{@link #BOUNDARY}: the maximum lies at the edge of the parameter space: a parameter runs off towards 0 or
 *       infinity, the likelihood is flat along some direction, or the nested simpler model explains the data as
 *       well. A legitimate answer about the data; the fit's note names the limit model (and the purchase models
 *       fall back to it when it is the NBD).</li>
 *   <li>{@link #FAILED}: no answer: the budget ran out, the likelihood was not finite, the optimiser threw, or it
 *       stopped short of a maximum. The note says which.</li>
 * </ul>
 */
public enum FitState {
    IDENTIFIED, BOUNDARY, FAILED;

    /** The value written in clv_params' {@code fit_state} column. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
