package io.churnlens.clv;

/** How a customer's expected spend per purchase was obtained (the {@code spend_flag} column). */
public enum SpendFlag {
    /** Gamma-Gamma conditional mean, from the customer's own repeat purchases. */
    OBSERVED,
    /** No repeat purchase (x = 0 or no mean): the Gamma-Gamma population mean p*gamma/(q-1). */
    NO_REPEAT_PURCHASE,
    /** Net repeat spend mean <= 0 (returns exceed purchases): excluded from the fit, given the population mean. */
    NON_POSITIVE_SPEND,
    /** The spend model did not converge or has no finite mean (q <= 1): expected spend and CLV are null. */
    SPEND_MODEL_UNAVAILABLE,
    /** The customer's (x, t_x, T) break the BTYD contract (null, t_x > T, ...): not fitted, every value null. */
    INVALID_STATISTICS
}
