package io.churnlens.schema;

/**
 * Why a row was quarantined. The first rule that applies, in the order of {@code QuarantineRules#all}, is recorded:
 * each rejected row has exactly one reason.
 */
public enum QuarantineReason {
    MISSING_COLUMN("the row's file has no column that the mapping reads (the file is refused by name, exit 3)"),
    MALFORMED_ROW("the row does not have the expected number of columns or is not valid CSV/JSON"),
    ENCODING("the row holds bytes that are not valid in input.encoding (kept as \\xNN in the quarantine)"),
    MISSING_CUSTOMER("the customer id is empty, only spaces, or a placeholder listed in input.null-tokens"),
    MISSING_DATE("the event date/time is empty, only spaces, or a placeholder listed in input.null-tokens"),
    UNPARSABLE_DATE("the event date/time does not match input.date-pattern"),
    UNPARSABLE_AMOUNT("the amount (or quantity or unit price) is not a number, or has a space inside it"),
    IMPLAUSIBLE_AMOUNT("the absolute amount is outside [ingest.min-abs-amount, ingest.max-abs-amount]"),
    DATE_OUT_OF_RANGE("the event date is before ingest.min-date"),
    FUTURE_DATED("the event time is after the run's own clock plus ingest.future-tolerance-days"),
    ID_TOO_LONG("the customer, transaction or product id is longer than ingest.max-id-length"),
    FRACTIONAL_QUANTITY("the quantity is not a whole number of items (2.5 is never truncated to 2)");

    public final String meaning;

    QuarantineReason(String meaning) {
        this.meaning = meaning;
    }
}
