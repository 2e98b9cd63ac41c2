package io.churnlens.ingest;

import io.churnlens.schema.QuarantineReason;
import io.churnlens.io.RawRows;
import io.churnlens.config.ChurnlensConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * The validation rules of ingest, in the order they are checked, each written once (see {@link QuarantineRule}).
 * They read the {@link Parsed} columns; {@link #readerVerdict} alone reads the reader's verdict.
 */
final class QuarantineRules {
    private final ChurnlensConfig config;
    private final Clock clock;

    QuarantineRules(ChurnlensConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    List<QuarantineRule> all() {
        ChurnlensConfig.Input in = config.input();
        return List.of(readerVerdict(QuarantineReason.MISSING_COLUMN, "every file's header has each mapped column "
                        + config.mapping().inputColumns()),
                readerVerdict(QuarantineReason.MALFORMED_ROW, "each row splits into its file's header columns "
                        + "(input.format " + in.format().name().toLowerCase(java.util.Locale.ROOT) + ", input.delimiter '"
                        + in.delimiter() + "')"),
                readerVerdict(QuarantineReason.ENCODING, "the bytes of every column valid in input.encoding "
                        + in.encoding()),
                missingCustomer(), idTooLong(), missingDate(), unparsableDate(), unparsableAmount(),
                fractionalQuantity(), implausibleAmount(), dateOutOfRange(), futureDated());
    }

    /** The reader refused the row (its file lacks a mapped column, it cannot be split, bytes invalid in the encoding). */
    QuarantineRule readerVerdict(QuarantineReason reason, String expected) {
        return new QuarantineRule(reason, coalesce(col(RawRows.READER_REASON).equalTo(reason.name()), lit(false)),
                col(RawRows.READER_DETAIL), expected);
    }

    QuarantineRule missingCustomer() {
        String column = config.mapping().customerId();
        Column raw = col(TextValues.quoted(column));
        return new QuarantineRule(QuarantineReason.MISSING_CUSTOMER, col(Parsed.CUSTOMER).isNull(),
                when(raw.isNull().or(trim(raw).equalTo("")), lit("column '" + column + "' is empty"))
                        .otherwise(concat(lit("column '" + column + "' holds '"), substring(raw, 1, 50),
                                lit("', a placeholder for empty (input.null-tokens) or only spaces"))),
                "column '" + column + "' (mapping.customer-id) holds a customer id: not empty, only spaces or a "
                        + "placeholder in input.null-tokens");
    }

    QuarantineRule idTooLong() {
        int max = config.ingest().maxIdLength();
        Column detail = null;
        Column applies = lit(false);
        String[][] ids = {{Parsed.CUSTOMER, "customer id"}, {Parsed.TRANSACTION_ID, "transaction id"},
                {Parsed.PRODUCT_ID, "product id"}};
        for (String[] id : ids) {
            Column tooLong = coalesce(length(col(id[0])).gt(max), lit(false));
            Column text = concat(lit(id[1] + " has "), length(col(id[0])).cast(DataTypes.StringType),
                    lit(" characters, more than ingest.max-id-length " + max + ": '"), substring(col(id[0]), 1, 40),
                    lit("...' (a wrong column in mapping.*, or raise the limit)"));
            applies = applies.or(tooLong);
            detail = detail == null ? when(tooLong, text) : detail.when(tooLong, text);
        }
        return new QuarantineRule(QuarantineReason.ID_TOO_LONG, applies, detail, "the customer, transaction and "
                + "product id columns " + ids(config.mapping()) + " hold ids of at most ingest.max-id-length " + max
                + " characters");
    }

    QuarantineRule missingDate() {
        String column = config.mapping().eventTime();
        return new QuarantineRule(QuarantineReason.MISSING_DATE, col(Parsed.EVENT_TEXT).isNull(),
                lit("column '" + column + "' is empty"),
                "column '" + column + "' (mapping.event-time) holds an event time: not empty or a placeholder");
    }

    QuarantineRule unparsableDate() {
        return new QuarantineRule(QuarantineReason.UNPARSABLE_DATE, col(Parsed.EVENT_TS).isNull(),
                concat(lit("'"), col(Parsed.EVENT_TEXT),
                        lit("' does not match input.date-pattern '" + config.input().datePattern() + "'")),
                "column '" + config.mapping().eventTime() + "' holds times matching input.date-pattern '"
                        + config.input().datePattern() + "'");
    }

    QuarantineRule unparsableAmount() {
        ChurnlensConfig.Mapping m = config.mapping();
        Column shown = concat(lit("'"), coalesce(concat_ws("' x '", amountRaw(m)), lit("")), lit("'"));
        return new QuarantineRule(QuarantineReason.UNPARSABLE_AMOUNT, col(Parsed.AMOUNT_UNPARSABLE),
                when(col(Parsed.AMOUNT_SPACED), concat(lit("amount from " + amountSource(m) + " has a space inside the "
                        + "number: "), shown, lit(" (never joined into one number; set input.grouping-separator "
                        + "if it separates thousands)")))
                        .otherwise(concat(lit("amount from " + amountSource(m) + " is not a number: "), shown)),
                amountSource(m) + " holds numbers (currency signs allowed; a space inside only as "
                        + "input.grouping-separator)");
    }

    /** A quantity with a fraction (2.5) is not a count of items; it is never truncated to one. */
    QuarantineRule fractionalQuantity() {
        String column = config.mapping().quantity();
        return new QuarantineRule(QuarantineReason.FRACTIONAL_QUANTITY, col(Parsed.QUANTITY_FRACTIONAL),
                concat(lit("quantity from '" + column + "' is "), col(Parsed.QUANTITY_EXACT).cast(DataTypes.StringType),
                        lit(", not a whole number of items")),
                "column '" + column + "' (mapping.quantity) holds whole numbers of items");
    }

    QuarantineRule implausibleAmount() {
        ChurnlensConfig.Ingest in = config.ingest();
        Column abs = abs(col(Parsed.AMOUNT));
        return new QuarantineRule(QuarantineReason.IMPLAUSIBLE_AMOUNT,
                abs.lt(in.minAbsAmount()).or(abs.gt(in.maxAbsAmount())),
                concat(lit("amount "), col(Parsed.AMOUNT).cast(DataTypes.StringType),
                        lit(" outside [" + in.minAbsAmount() + ", " + in.maxAbsAmount() + "]")),
                "the absolute amount from " + amountSource(config.mapping()) + " is within [" + in.minAbsAmount()
                        + ", " + in.maxAbsAmount() + "] (ingest.min-abs-amount, max-abs-amount)");
    }

    QuarantineRule dateOutOfRange() {
        LocalDate min = config.ingest().minDate();
        return new QuarantineRule(QuarantineReason.DATE_OUT_OF_RANGE, col(Parsed.EVENT_DATE).lt(lit(Date.valueOf(min))),
                concat(lit("date "), col(Parsed.EVENT_DATE).cast(DataTypes.StringType),
                        lit(" is before ingest.min-date " + min)),
                "column '" + config.mapping().eventTime() + "' holds dates on or after ingest.min-date " + min);
    }

    /** Dated after this run's own clock plus the tolerance: a typo in the year or a clock gone wrong at the source. */
    QuarantineRule futureDated() {
        int days = config.ingest().futureToleranceDays();
        Instant now = clock.instant();
        Instant limit = now.plus(Duration.ofDays(days));
        return new QuarantineRule(QuarantineReason.FUTURE_DATED, col(Parsed.EVENT_TS).gt(lit(Timestamp.from(limit))),
                concat(lit("event time "), col(Parsed.EVENT_TS).cast(DataTypes.StringType),
                        lit(" is after this run's clock (" + now + ") + ingest.future-tolerance-days " + days)),
                "column '" + config.mapping().eventTime() + "' holds times up to this run's clock (" + now
                        + ") + ingest.future-tolerance-days " + days);
    }

    private static Column[] amountRaw(ChurnlensConfig.Mapping m) {
        return (m.amount() != null ? List.of(m.amount()) : List.of(m.quantity(), m.unitPrice())).stream()
                .map(c -> coalesce(col(TextValues.quoted(c)), lit(""))).toArray(Column[]::new);
    }

    private static List<String> ids(ChurnlensConfig.Mapping m) {
        return java.util.stream.Stream.of(m.customerId(), m.transactionId(), m.productId())
                .filter(java.util.Objects::nonNull).map(c -> "'" + c + "'").toList();
    }

    private static String amountSource(ChurnlensConfig.Mapping m) {
        return m.amount() != null ? "'" + m.amount() + "'" : "'" + m.quantity() + "' x '" + m.unitPrice() + "'";
    }
}
