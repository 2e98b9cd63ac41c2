package io.churnlens.ingest;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.io.InputException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.churnlens.schema.TransactionColumns.*;
import static org.apache.spark.sql.functions.*;

/**
 * Turns raw rows into canonical transactions. Each row gets exactly one outcome: accepted, quarantined with the
 * first {@link QuarantineReason} that applies, or counted as an exact duplicate (same mapped raw values as another
 * row of this input, or as a row ingested by an earlier run). No I/O: the caller reads and publishes.
 */
public final class Ingestion {
    /** Internal column: the quarantine reason, null for valid rows. */
    static final String REASON = "_reason";
    static final String DETAIL = "_detail";
    private static final DecimalType PARSE_DECIMAL = DataTypes.createDecimalType(24, 6);

    private final ChurnlensConfig config;
    private final LocalDate asOf;
    private final String runId;

    public Ingestion(ChurnlensConfig config, LocalDate asOf, String runId) {
        this.config = config;
        this.asOf = asOf;
        this.runId = runId;
    }

    /**
     * @param raw         the input as read by {@code io.RawSource}
     * @param ingestedKeys row keys already in the transactions table (a one-column Dataset), or null when empty
     */
    public IngestResult apply(RawRows raw, Dataset<Row> ingestedKeys) {
        ChurnlensConfig.Mapping m = config.mapping();
        requireMapped(raw, m);

        Column customer = regexp_replace(value(m.customerId()), "^(-?\\d+)\\.0+$", "$1");
        Column eventText = value(m.eventTime());
        Column localTs = try_to_timestamp(eventText, lit(config.input().datePattern()));
        // A source-typed event time (Parquet TIMESTAMP/DATE) is taken as the instant the reader computed; files
        // where the same column is text are parsed with input.date-pattern.
        Column parsedTs = to_utc_timestamp(localTs, config.input().timezone().getId());
        Column eventTs = raw.instantOf(m.eventTime()).map(c -> coalesce(col(c), parsedTs)).orElse(parsedTs);
        Column eventDate = to_date(from_utc_timestamp(eventTs, config.ingest().reportingTimezone().getId()));

        Column quantity = m.quantity() == null ? lit(null).cast(PARSE_DECIMAL) : number(value(m.quantity()));
        Column rawAmount = m.amount() != null
                ? number(value(m.amount()))
                : quantity.multiply(number(value(m.unitPrice())));
        Column flagged = m.returnFlagColumn() == null ? lit(false)
                : coalesce(value(m.returnFlagColumn()).rlike(m.returnFlagPattern()), lit(false));
        Column amount = when(flagged, negate(abs(rawAmount))).otherwise(rawAmount);
        Column signedQuantity = when(flagged, negate(abs(quantity))).otherwise(quantity);
        Column isReturn = flagged.or(coalesce(amount.lt(0), lit(false))).or(coalesce(signedQuantity.lt(0), lit(false)));

        Column amountUnparsable = rawAmount.isNull()
                .or(m.quantity() != null ? value(m.quantity()).isNotNull().and(quantity.isNull()) : lit(false));
        Column absAmount = abs(amount);

        Dataset<Row> parsed = raw.rows()
                .withColumn(CUSTOMER_ID, customer)
                .withColumn(EVENT_TS, eventTs)
                .withColumn(EVENT_DATE, eventDate)
                .withColumn("_amount", amount)
                .withColumn("_quantity", signedQuantity)
                .withColumn(IS_RETURN, isReturn)
                .withColumn(ROW_KEY, sha2(concat_ws("\u0001", mappedRaw(m)), 256));

        Column reason = when(col(RawRows.READER_REASON).isNotNull(), col(RawRows.READER_REASON))
                .when(col(CUSTOMER_ID).isNull(), reason(QuarantineReason.MISSING_CUSTOMER))
                .when(eventText.isNull(), reason(QuarantineReason.MISSING_DATE))
                .when(col(EVENT_TS).isNull(), reason(QuarantineReason.UNPARSABLE_DATE))
                .when(amountUnparsable, reason(QuarantineReason.UNPARSABLE_AMOUNT))
                .when(absAmount.lt(config.ingest().minAbsAmount()).or(absAmount.gt(config.ingest().maxAbsAmount())),
                        reason(QuarantineReason.IMPLAUSIBLE_AMOUNT))
                .when(col(EVENT_DATE).lt(lit(java.sql.Date.valueOf(config.ingest().minDate()))),
                        reason(QuarantineReason.DATE_OUT_OF_RANGE))
                .when(col(EVENT_DATE).gt(lit(java.sql.Date.valueOf(asOf))), reason(QuarantineReason.AFTER_SNAPSHOT));
        Column detail = when(col(RawRows.READER_REASON).isNotNull(), col(RawRows.READER_DETAIL))
                .when(col(CUSTOMER_ID).isNull(), lit("column '" + m.customerId() + "' is empty"))
                .when(eventText.isNull(), lit("column '" + m.eventTime() + "' is empty"))
                .when(col(EVENT_TS).isNull(), concat(lit("'"), eventText,
                        lit("' does not match input.date-pattern '" + config.input().datePattern() + "'")))
                .when(amountUnparsable, concat(lit("amount from "), lit(amountSource(m)), lit(" is not a number: '"),
                        coalesce(concat_ws("' x '", amountRaw(m)), lit("")), lit("'")))
                .when(absAmount.lt(config.ingest().minAbsAmount()).or(absAmount.gt(config.ingest().maxAbsAmount())),
                        concat(lit("amount "), amount.cast(DataTypes.StringType), lit(" outside ["
                                + config.ingest().minAbsAmount() + ", " + config.ingest().maxAbsAmount() + "]")))
                .when(col(EVENT_DATE).lt(lit(java.sql.Date.valueOf(config.ingest().minDate()))),
                        concat(lit("date "), col(EVENT_DATE).cast(DataTypes.StringType),
                                lit(" is before ingest.min-date " + config.ingest().minDate())))
                .when(col(EVENT_DATE).gt(lit(java.sql.Date.valueOf(asOf))),
                        concat(lit("date "), col(EVENT_DATE).cast(DataTypes.StringType),
                                lit(" is after the snapshot " + asOf)));

        Dataset<Row> judged = parsed.withColumn(REASON, reason).withColumn(DETAIL, detail);

        Dataset<Row> quarantine = judged.filter(col(REASON).isNotNull()).select(
                to_json(struct(raw.columns().stream().map(c -> col(quoted(c))).toArray(Column[]::new)))
                        .as(io.churnlens.schema.QuarantineColumns.RAW),
                coalesce(col(REASON), lit("")).as(io.churnlens.schema.QuarantineColumns.REASON_CODE),
                coalesce(col(DETAIL), lit("")).as(io.churnlens.schema.QuarantineColumns.DETAIL),
                col(RawRows.SOURCE_FILE).as(SOURCE_FILE),
                lit(runId).as(INGEST_RUN));

        Dataset<Row> valid = judged.filter(col(REASON).isNull());
        // Keep one row per key, deterministically: identical mapped values make the kept row's content identical.
        Dataset<Row> firstOfKey = valid
                .withColumn("_n", row_number().over(Window.partitionBy(ROW_KEY).orderBy(RawRows.SOURCE_FILE)))
                .filter(col("_n").equalTo(1));
        Dataset<Row> fresh = ingestedKeys == null ? firstOfKey
                : firstOfKey.join(ingestedKeys.select(ROW_KEY), firstOfKey.col(ROW_KEY).equalTo(ingestedKeys.col(ROW_KEY)),
                "left_anti");

        Dataset<Row> accepted = fresh.select(
                col(ROW_KEY),
                value(m.transactionId()).as(TRANSACTION_ID),
                col(CUSTOMER_ID),
                col(EVENT_TS),
                col(EVENT_DATE),
                round(col("_amount"), 2).cast(MONEY).as(AMOUNT),
                col("_quantity").cast(DataTypes.LongType).as(QUANTITY),
                col(IS_RETURN),
                value(m.productId()).as(PRODUCT_ID),
                value(m.category()).as(CATEGORY),
                value(m.country()).as(COUNTRY),
                value(m.channel()).as(CHANNEL),
                col(RawRows.SOURCE_FILE).as(SOURCE_FILE),
                lit(runId).as(INGEST_RUN),
                date_format(col(EVENT_DATE), "yyyy-MM").as(EVENT_MONTH));

        return new IngestResult(judged, valid, accepted, quarantine);
    }

    private static Column reason(QuarantineReason r) {
        return lit(r.name());
    }

    /** The trimmed raw value of an input column; empty strings count as missing. Null column name = not mapped. */
    private static Column value(String column) {
        if (column == null) {
            return lit(null).cast(DataTypes.StringType);
        }
        Column trimmed = trim(col(quoted(column)));
        return when(trimmed.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(trimmed);
    }

    /** Numbers as exports write them: currency signs and spaces are dropped; anything else unparsable gives null. */
    private static Column number(Column text) {
        return regexp_replace(text, "[\\s$€£]", "").try_cast(PARSE_DECIMAL);
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static Column[] mappedRaw(ChurnlensConfig.Mapping m) {
        List<Column> columns = new ArrayList<>();
        for (String c : mappedColumns(m)) {
            columns.add(coalesce(col(quoted(c)), lit("\u0000")));
        }
        return columns.toArray(Column[]::new);
    }

    private static Column[] amountRaw(ChurnlensConfig.Mapping m) {
        return (m.amount() != null ? List.of(m.amount()) : List.of(m.quantity(), m.unitPrice())).stream()
                .map(c -> coalesce(col(quoted(c)), lit(""))).toArray(Column[]::new);
    }

    private static String amountSource(ChurnlensConfig.Mapping m) {
        return m.amount() != null ? "'" + m.amount() + "'" : "'" + m.quantity() + "' x '" + m.unitPrice() + "'";
    }

    static List<String> mappedColumns(ChurnlensConfig.Mapping m) {
        return java.util.stream.Stream.of(m.transactionId(), m.customerId(), m.eventTime(), m.amount(), m.quantity(),
                        m.unitPrice(), m.productId(), m.category(), m.country(), m.channel(), m.returnFlagColumn())
                .filter(Objects::nonNull).distinct().toList();
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
