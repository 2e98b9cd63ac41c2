package io.churnlens.ingest;

/**
 * Internal columns of a row after cleaning and parsing, before judgement. Raw input columns keep their names and
 * values (the quarantine stores them as read); parsed values live beside them under these names.
 */
final class Parsed {
    private Parsed() {}

    static final String CUSTOMER = "_p_customer";
    static final String EVENT_TEXT = "_p_event_text";
    static final String EVENT_TS = "_p_event_ts";
    static final String EVENT_DATE = "_p_event_date";
    /** Signed amount at the parse precision, before rounding to cents. */
    static final String AMOUNT = "_p_amount";
    /** Signed amount rounded to decimal(18,2): the stored value. */
    static final String MONEY = "_p_money";
    /** The quantity as a whole number (null when absent or fractional). */
    static final String QUANTITY = "_p_quantity";
    /** The quantity as parsed, before it is taken as a whole number. */
    static final String QUANTITY_EXACT = "_p_quantity_exact";
    /** The quantity has a fraction (2.5): quarantined, never truncated. */
    static final String QUANTITY_FRACTIONAL = "_p_quantity_fractional";
    static final String IS_RETURN = "_p_is_return";
    static final String AMOUNT_UNPARSABLE = "_p_amount_unparsable";
    /** The amount text (or quantity or unit price) holds a space inside the number. */
    static final String AMOUNT_SPACED = "_p_amount_spaced";
    /** The amount had a non-zero digit below the cent and was rounded. */
    static final String SUB_CENT = "_p_sub_cent";
    static final String TRANSACTION_ID = "_p_transaction_id";
    static final String PRODUCT_ID = "_p_product_id";
    static final String CATEGORY = "_p_category";
    static final String COUNTRY = "_p_country";
    static final String CHANNEL = "_p_channel";
    /** The row key; computed after the shuffle of {@link Outcomes}, for valid rows only. */
    static final String KEY = "_p_key";
    /** The row's line; computed after the shuffle of {@link Outcomes}. */
    static final String LINE = "_p_line";
}
