package io.churnlens.ingest;

/**
 * Why a row was quarantined. The first reason that applies, in this order, is recorded: each rejected row has
 * exactly one reason.
 */
public enum QuarantineReason {
    MISSING_COLUMN("the row's file has no column that the mapping reads (the file is refused by name, exit 3)"),
    MALFORMED_ROW("the row does not have the expected number of columns or is not valid CSV/JSON"),
    ENCODING("the row holds bytes that are not valid in input.encoding (kept as \\xNN in the quarantine)"),
    MISSING_CUSTOMER("the customer id is empty"),
    MISSING_DATE("the event date/time is empty"),
    UNPARSABLE_DATE("the event date/time does not match input.date-pattern"),
    UNPARSABLE_AMOUNT("the amount (or quantity or unit price) is not a number"),
    IMPLAUSIBLE_AMOUNT("the absolute amount is outside [ingest.min-abs-amount, ingest.max-abs-amount]"),
    DATE_OUT_OF_RANGE("the event date is before ingest.min-date"),
    AFTER_SNAPSHOT("the event date is after the run's --as-of snapshot date");

    public final String meaning;

    QuarantineReason(String meaning) {
        this.meaning = meaning;
    }
}
