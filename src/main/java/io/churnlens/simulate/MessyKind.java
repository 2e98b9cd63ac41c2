package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate.MessyRates;

/**
 * The kinds of spoiled rows the generator writes into the export, each at its configured rate per clean row.
 * All but {@link #FLOAT_CUSTOMER_ID} are extra rows copied from a clean row, so the clean rows alone are exactly the
 * simulated history and ingest's output can be compared with the ground truth row for row.
 */
public enum MessyKind {
    /** Extra row with an empty customer id: ingest must quarantine it. */
    MISSING_CUSTOMER_ID,
    /** Extra row whose order time is not a date in the export's pattern ("N/A", "0000-00-00 00:00:00", ...). */
    UNPARSABLE_DATE,
    /** Extra row whose amount is not a number ("N/A", "12,50", "12.50 EUR", ...). */
    UNPARSABLE_AMOUNT,
    /** Extra, exact copy of a clean row (same transaction id): ingest must count it once. */
    DUPLICATE,
    /** Extra row with an amount of 1,000,000,000.00: ingest must quarantine it. */
    IMPLAUSIBLE_AMOUNT,
    /** A clean row whose customer id is written as a float ("17850.0"): ingest must normalise and keep it. */
    FLOAT_CUSTOMER_ID,
    /**
     * Extra row dated 1 to 90 days after the end of the period: ingest keeps it (features as of the end ignore it),
     * unless it is after the run's own clock (FUTURE_DATED).
     */
    DATE_AFTER_END;

    double rate(MessyRates rates) {
        return switch (this) {
            case MISSING_CUSTOMER_ID -> rates.missingCustomerId();
            case UNPARSABLE_DATE -> rates.unparsableDate();
            case UNPARSABLE_AMOUNT -> rates.unparsableAmount();
            case DUPLICATE -> rates.duplicate();
            case IMPLAUSIBLE_AMOUNT -> rates.implausibleAmount();
            case FLOAT_CUSTOMER_ID -> rates.floatCustomerId();
            case DATE_AFTER_END -> rates.dateAfterEnd();
        };
    }

    /** True for the kinds that ingest must not accept (all but duplicates, which it counts, and float ids). */
    public boolean rejectedByIngest() {
        return this != DUPLICATE && this != FLOAT_CUSTOMER_ID;
    }
}
