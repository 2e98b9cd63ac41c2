package io.churnlens.ingest;

import io.churnlens.io.RawRows;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import static org.apache.spark.sql.functions.*;

/**
 * The one pass of an ingest: every judged row reduced, in one shuffle, to its outcome. A valid row keeps one row
 * per {@link RowIdentity row key} (the first by source file, then by its descriptive values) with the number of
 * input rows that carried the key ({@link #ROWS}); a quarantined row stays itself (its own group). Only the columns
 * the outputs and the counts need travel: the parsed canonical values, and the raw values as JSON for rejected rows.
 *
 * <p>The shuffle is by event month, so the transactions written from it are one file per month, and the same
 * partitioning serves the de-duplication window (a key has one event time, so one month). The row key and the line
 * are computed after the shuffle from the canonical values that travel anyway: a 64-character key would otherwise be
 * most of the bytes shuffled (it is random, so it does not compress).
 */
final class Outcomes {
    /** The raw values of a rejected row as JSON (null for valid rows). */
    static final String RAW_JSON = "_raw_json";
    /** How many input rows this outcome stands for: the key's rows for a valid row, 1 for a quarantined row. */
    static final String ROWS = "_rows";
    static final String MONTH = "_event_month";
    /** Null for valid rows; for a quarantined row a number of its own, so that it is never a duplicate. */
    private static final String OWN = "_own";
    private static final String RANK = "_n";

    private static final String[] KEPT = {Ingestion.REASON, Ingestion.DETAIL, RAW_JSON, RawRows.SOURCE_FILE,
            Parsed.CUSTOMER, Parsed.EVENT_TS, Parsed.EVENT_DATE, Parsed.MONEY, Parsed.QUANTITY, Parsed.IS_RETURN,
            Parsed.SUB_CENT, Parsed.TRANSACTION_ID, Parsed.PRODUCT_ID, Parsed.CATEGORY, Parsed.COUNTRY, Parsed.CHANNEL};

    private Outcomes() {}

    /** @param judged parsed rows with {@code Ingestion.REASON}, {@code Ingestion.DETAIL} and {@link #RAW_JSON} */
    static Dataset<Row> of(Dataset<Row> judged) {
        Column reason = col(Ingestion.REASON);
        Column[] narrow = new Column[KEPT.length + 1];
        for (int i = 0; i < KEPT.length; i++) {
            narrow[i] = col(KEPT[i]);
        }
        narrow[KEPT.length] = date_format(col(Parsed.EVENT_DATE), "yyyy-MM").as(MONTH);
        // The key first: the window's sort then tells rows apart by the key's prefix (the month is the same for most).
        WindowSpec byKey = Window.partitionBy(col(Parsed.KEY), col(OWN), col(MONTH)).orderBy(col(RawRows.SOURCE_FILE),
                col(Parsed.CATEGORY).asc_nulls_first(), col(Parsed.COUNTRY).asc_nulls_first(),
                col(Parsed.CHANNEL).asc_nulls_first());
        int partitions = Integer.parseInt(judged.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        return judged.select(narrow)
                .repartition(partitions, col(MONTH))
                .withColumn(Parsed.KEY, when(reason.isNull(), RowIdentity.key(col(Parsed.CUSTOMER), col(Parsed.EVENT_TS),
                        col(Parsed.MONEY), col(Parsed.QUANTITY), col(Parsed.IS_RETURN), col(Parsed.TRANSACTION_ID),
                        col(Parsed.PRODUCT_ID))))
                .withColumn(OWN, when(reason.isNotNull(), monotonically_increasing_id()))
                .withColumn(RANK, row_number().over(byKey))
                .withColumn(ROWS, count(lit(1)).over(byKey.rowsBetween(Window.unboundedPreceding(),
                        Window.unboundedFollowing())))
                .filter(col(RANK).equalTo(1))
                .withColumn(Parsed.LINE, RowIdentity.line(col(Parsed.TRANSACTION_ID), col(Parsed.PRODUCT_ID)))
                .drop(RANK, OWN);
    }
    static Dataset<Row> valid(Dataset<Row> outcomes) {
        return outcomes.filter(col(Ingestion.REASON).isNull());
    }

    static Dataset<Row> quarantined(Dataset<Row> outcomes) {
        return outcomes.filter(col(Ingestion.REASON).isNotNull());
    }

    /** The event month as the transactions table spells it. */
    static Column month() {
        return col(MONTH).as(TransactionColumns.EVENT_MONTH);
    }
}
