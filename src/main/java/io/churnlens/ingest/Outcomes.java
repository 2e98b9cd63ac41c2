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
 * partitioning serves the de-duplication window (a key has one event time, so one month).
 */
final class Outcomes {
    /** The raw values of a rejected row as JSON (null for valid rows). */
    static final String RAW_JSON = "_raw_json";
    /** How many input rows this outcome stands for: the key's rows for a valid row, 1 for a quarantined row. */
    static final String ROWS = "_rows";
    static final String MONTH = "_event_month";
    private static final String GROUP = "_group";
    private static final String RANK = "_n";

    private static final String[] KEPT = {Ingestion.REASON, Ingestion.DETAIL, RAW_JSON, RawRows.SOURCE_FILE,
            Parsed.KEY, Parsed.LINE, Parsed.CUSTOMER, Parsed.EVENT_TS, Parsed.EVENT_DATE, Parsed.MONEY,
            Parsed.QUANTITY, Parsed.IS_RETURN, Parsed.SUB_CENT, Parsed.TRANSACTION_ID, Parsed.PRODUCT_ID,
            Parsed.CATEGORY, Parsed.COUNTRY, Parsed.CHANNEL};

    private Outcomes() {}

    /** @param judged parsed rows with {@code Ingestion.REASON}, {@code Ingestion.DETAIL} and {@link #RAW_JSON} */
    static Dataset<Row> of(Dataset<Row> judged) {
        Column reason = col(Ingestion.REASON);
        // A rejected row is never a duplicate of another: it gets a group of its own ('q' is not a hex digit).
        Column group = when(reason.isNull(), col(Parsed.KEY))
                .otherwise(concat(lit("q"), monotonically_increasing_id().cast("string")));
        Column[] narrow = new Column[KEPT.length + 2];
        for (int i = 0; i < KEPT.length; i++) {
            narrow[i] = col(KEPT[i]);
        }
        narrow[KEPT.length] = date_format(col(Parsed.EVENT_DATE), "yyyy-MM").as(MONTH);
        narrow[KEPT.length + 1] = group.as(GROUP);
        WindowSpec byKey = Window.partitionBy(col(MONTH), col(GROUP)).orderBy(col(RawRows.SOURCE_FILE),
                col(Parsed.CATEGORY).asc_nulls_first(), col(Parsed.COUNTRY).asc_nulls_first(),
                col(Parsed.CHANNEL).asc_nulls_first());
        int partitions = Integer.parseInt(judged.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        return judged.select(narrow)
                .repartition(partitions, col(MONTH))
                .withColumn(RANK, row_number().over(byKey))
                .withColumn(ROWS, count(lit(1)).over(byKey.rowsBetween(Window.unboundedPreceding(),
                        Window.unboundedFollowing())))
                .filter(col(RANK).equalTo(1))
                .drop(RANK, GROUP);
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
