package io.churnlens.ingest;

import io.churnlens.io.RawRows;
import io.churnlens.config.ChurnlensConfig;
import io.churnlens.io.InputException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.churnlens.schema.TransactionColumns.*;
import static org.apache.spark.sql.functions.*;

/**
 * Turns raw rows into canonical transactions. Each row gets exactly one outcome: accepted, quarantined with the
 * first {@link QuarantineRule} that applies, counted as a duplicate (same {@link RowIdentity row key} as another
 * row of this input or a stored row), or, under {@code ingest.conflict-rule = earliest}, not added because an
 * earlier run stored its line with other values. Every valid row is kept whatever its date: the snapshot filters
 * when features are built. No I/O: the caller reads and publishes.
 *
 * <p>One pass: the raw rows are parsed, judged and de-duplicated in one shuffle ({@link Outcomes}); the counts,
 * the quarantine and the transactions all come from that one result.
 */
public final class Ingestion {
    /** Internal column: the quarantine reason, null for valid rows. */
    static final String REASON = "_reason";
    static final String DETAIL = "_detail";

    private final ChurnlensConfig config;
    private final LocalDate asOf;
    private final String runId;
    private final Clock clock;
    private final TextValues text;

    /** An ingest on the system clock (which decides what is FUTURE_DATED). */
    public Ingestion(ChurnlensConfig config, LocalDate asOf, String runId) {
        this(config, asOf, runId, Clock.systemUTC());
    }

    /** @param asOf the run's snapshot: only counted (rows after it are kept for later snapshots), never a filter */
    public Ingestion(ChurnlensConfig config, LocalDate asOf, String runId, Clock clock) {
        this.config = config;
        this.asOf = asOf;
        this.runId = runId;
        this.clock = clock;
        this.text = new TextValues(config.cleaning());
    }

    /**
     * @param raw      the input as read by {@code io.RawSource}
     * @param existing the stored transactions table ({@code TransactionColumns.SCHEMA}), or null when there is none
     */
    public IngestResult apply(RawRows raw, Dataset<Row> existing) {
        ChurnlensConfig.Mapping m = config.mapping();
        requireMapped(raw, m);
        List<QuarantineRule> rules = new QuarantineRules(config, clock).all();
        Column reason = col(REASON);
        Dataset<Row> judged = parse(raw, m)
                .withColumn(REASON, QuarantineRule.reasonOf(rules))
                .withColumn(DETAIL, QuarantineRule.detailOf(reason, rules))
                // The raw values as JSON only for rejected rows: valid rows travel on with their parsed values alone.
                .withColumn(Outcomes.RAW_JSON, when(reason.isNotNull(), to_json(struct(raw.columns().stream()
                        .map(c -> col(TextValues.quoted(c))).toArray(Column[]::new)))));
        Dataset<Row> outcomes = Outcomes.of(judged);
        Map<String, String> expected = new java.util.HashMap<>();
        rules.forEach(r -> expected.put(r.reason().name(), r.expected()));
        return new IngestResult(outcomes, LineMerge.of(Outcomes.valid(outcomes), existing,
                config.ingest().conflictRule(), runId, asOf), runId, expected);
    }

    private Dataset<Row> parse(RawRows raw, ChurnlensConfig.Mapping m) {
        Column eventText = text.value(m.eventTime());
        Column localTs = try_to_timestamp(eventText, lit(config.input().datePattern()));
        Column parsedTs = to_utc_timestamp(localTs, config.input().timezone().getId());
        // A source-typed event time (Parquet TIMESTAMP/DATE) is the instant the reader computed; files where the
        // same column is text are parsed with input.date-pattern.
        Column eventTs = raw.instantOf(m.eventTime()).map(c -> coalesce(col(c), parsedTs)).orElse(parsedTs);
        Column eventDate = to_date(from_utc_timestamp(eventTs, config.ingest().reportingTimezone().getId()));
        Amount a = amount(m);
        return raw.rows()
                .withColumn(Parsed.CUSTOMER, regexp_replace(text.value(m.customerId()), "^(-?\\d+)\\.0+$", "$1"))
                .withColumn(Parsed.EVENT_TEXT, eventText)
                .withColumn(Parsed.EVENT_TS, eventTs)
                .withColumn(Parsed.EVENT_DATE, eventDate)
                .withColumn(Parsed.AMOUNT, a.amount())
                .withColumn(Parsed.MONEY, round(a.amount(), 2).cast(MONEY))
                .withColumn(Parsed.SUB_CENT, coalesce(a.amount().notEqual(round(a.amount(), 2)), lit(false)))
                .withColumn(Parsed.QUANTITY_EXACT, a.quantity())
                .withColumn(Parsed.QUANTITY_FRACTIONAL, coalesce(a.quantity().notEqual(floor(a.quantity())), lit(false)))
                .withColumn(Parsed.QUANTITY, when(not(col(Parsed.QUANTITY_FRACTIONAL)),
                        a.quantity().cast(DataTypes.LongType)))
                .withColumn(Parsed.IS_RETURN, a.isReturn())
                .withColumn(Parsed.AMOUNT_UNPARSABLE, a.unparsable())
                .withColumn(Parsed.AMOUNT_SPACED, a.spaced())
                .withColumn(Parsed.TRANSACTION_ID, text.value(m.transactionId()))
                .withColumn(Parsed.PRODUCT_ID, text.value(m.productId()))
                .withColumn(Parsed.CATEGORY, text.value(m.category()))
                .withColumn(Parsed.COUNTRY, text.value(m.country()))
                .withColumn(Parsed.CHANNEL, text.value(m.channel()));
    }

    /** The signed amount and quantity (a return flag makes both negative) and why an amount may not parse. */
    private record Amount(Column amount, Column quantity, Column isReturn, Column unparsable, Column spaced) {}

    private Amount amount(ChurnlensConfig.Mapping m) {
        Column quantityText = m.quantity() == null ? null : text.numberText(text.value(m.quantity()));
        Column quantity = quantityText == null ? lit(null).cast(TextValues.PARSE_DECIMAL) : TextValues.number(quantityText);
        Column amountText = text.numberText(text.value(m.amount() != null ? m.amount() : m.unitPrice()));
        Column rawAmount = m.amount() != null ? TextValues.number(amountText)
                : quantity.multiply(TextValues.number(amountText));
        Column spaced = TextValues.hasInnerSpace(amountText)
                .or(quantityText == null ? lit(false) : TextValues.hasInnerSpace(quantityText));
        Column flagged = m.returnFlagColumn() == null ? lit(false)
                : coalesce(text.value(m.returnFlagColumn()).rlike(m.returnFlagPattern()), lit(false));
        Column amount = when(flagged, negate(abs(rawAmount))).otherwise(rawAmount);
        Column signedQuantity = when(flagged, negate(abs(quantity))).otherwise(quantity);
        Column isReturn = flagged.or(coalesce(amount.lt(0), lit(false))).or(coalesce(signedQuantity.lt(0), lit(false)));
        Column unparsable = rawAmount.isNull()
                .or(quantityText != null ? quantityText.isNotNull().and(quantity.isNull()) : lit(false));
        return new Amount(amount, signedQuantity, isReturn, unparsable, spaced);
    }

    private static void requireMapped(RawRows raw, ChurnlensConfig.Mapping m) {
        String[][] keys = {
                {"customer-id", m.customerId()}, {"event-time", m.eventTime()}, {"amount", m.amount()},
                {"quantity", m.quantity()}, {"unit-price", m.unitPrice()}, {"transaction-id", m.transactionId()},
                {"product-id", m.productId()}, {"category", m.category()}, {"country", m.country()},
                {"channel", m.channel()}, {"return-flag-column", m.returnFlagColumn()}};
        for (String[] key : keys) {
            if (key[1] != null && !raw.columns().contains(key[1])) {
                throw new InputException("mapping." + key[0] + " = '" + key[1] + "' but the input has no such column; "
                        + "its columns are " + raw.columns() + " (fix mapping." + key[0]
                        + (raw.columns().size() <= 1 ? ", or input.delimiter / input.header" : "") + ")");
            }
        }
    }
}
