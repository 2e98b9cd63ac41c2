package io.churnlens.ingest;

import io.churnlens.io.RawRows;
import io.churnlens.config.ChurnlensConfig.ConflictRule;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static io.churnlens.schema.TransactionColumns.*;
import static org.apache.spark.sql.functions.*;

/**
 * How this run's valid rows meet the stored table: one row per {@link RowIdentity row key} (the rest are duplicates),
 * keys already stored are not added again, and a transaction line an earlier run stored under another key is a
 * conflict resolved by {@code ingest.conflict-rule}:
 * <ul>
 *   <li>{@code latest}: the line's stored rows whose key this run does not bring again are replaced by this run's
 *       rows of that line (the newer export's set of rows for the line wins);</li>
 *   <li>{@code earliest}: the stored rows stay and this run's conflicting rows are not added (counted).</li>
 * </ul>
 * Deterministic: within one input, the row kept for a key is the first by source file, then by its descriptive
 * values (the canonical values of rows with one key are identical by definition); {@link Outcomes} chooses it.
 */
final class LineMerge {
    static final String STORED_LINE = "_stored_line";
    /** This run's new row's line is stored under another key. */
    static final String CONFLICT = "_conflict";

    private LineMerge() {}

    /**
     * @param unique this run's valid rows, one per row key ({@link Outcomes#valid}); the first of each key is
     *               chosen there
     */
    static Pieces of(Dataset<Row> unique, Dataset<Row> existing, ConflictRule rule, String runId, LocalDate asOf) {
        if (existing == null) {
            return new Pieces(unique, unique, null, null, null, rule, runId, asOf);
        }
        Dataset<Row> stored = existing.withColumn(ROW_KEY, RowIdentity.storedKey())
                .withColumn(STORED_LINE, RowIdentity.storedLine());
        Dataset<Row> fresh = unique.join(stored.select(ROW_KEY), unique.col(Parsed.KEY).equalTo(stored.col(ROW_KEY)),
                "left_anti");
        Dataset<Row> storedLines = stored.select(STORED_LINE).where(col(STORED_LINE).isNotNull()).distinct();
        // One join flags the conflicts; the kept rows, the conflicting rows and their counts all read the flag.
        Dataset<Row> flagged = fresh.join(storedLines, fresh.col(Parsed.LINE).equalTo(storedLines.col(STORED_LINE)),
                "left").withColumn(CONFLICT, col(STORED_LINE).isNotNull()).drop(STORED_LINE);
        Dataset<Row> replaced = null;
        if (rule == ConflictRule.LATEST) {
            Dataset<Row> lines = flagged.filter(col(CONFLICT)).select(col(Parsed.LINE)).distinct();
            Dataset<Row> runKeys = unique.select(col(Parsed.KEY));
            replaced = stored.join(lines, stored.col(STORED_LINE).equalTo(lines.col(Parsed.LINE)), "left_semi")
                    .join(runKeys, col(ROW_KEY).equalTo(runKeys.col(Parsed.KEY)), "left_anti");
        }
        return new Pieces(unique, flagged, flagged, stored, replaced, rule, runId, asOf);
    }

    /** Parsed column → canonical transactions column, in the order of {@code TransactionColumns.SCHEMA}. */
    private static final String[][] CANONICAL = {{Parsed.KEY, ROW_KEY}, {Parsed.TRANSACTION_ID, TRANSACTION_ID},
            {Parsed.CUSTOMER, CUSTOMER_ID}, {Parsed.EVENT_TS, EVENT_TS}, {Parsed.EVENT_DATE, EVENT_DATE},
            {Parsed.MONEY, AMOUNT}, {Parsed.QUANTITY, QUANTITY}, {Parsed.IS_RETURN, IS_RETURN},
            {Parsed.PRODUCT_ID, PRODUCT_ID}, {Parsed.CATEGORY, CATEGORY}, {Parsed.COUNTRY, COUNTRY},
            {Parsed.CHANNEL, CHANNEL}, {RawRows.SOURCE_FILE, SOURCE_FILE}};

    /** The canonical transactions columns of this run's rows (from {@link Outcomes}, which has the event month). */
    static Dataset<Row> canonical(Dataset<Row> rows, String runId) {
        java.util.List<Column> columns = new java.util.ArrayList<>();
        for (String[] c : CANONICAL) {
            columns.add(col(c[0]).as(c[1]));
        }
        columns.add(lit(runId).as(INGEST_RUN));
        columns.add(Outcomes.month());
        return rows.select(columns.toArray(Column[]::new));
    }

    /**
     * @param unique  this run's valid rows, one per key, with {@link Outcomes#ROWS}
     * @param fresh   this run's rows whose key is not stored, with {@link #CONFLICT} when a stored table exists
     *                (all of {@code unique} otherwise)
     * @param flagged {@code fresh} when a stored table exists, else null
     * @param stored  the stored table re-keyed from its canonical columns, null when there is none
     * @param replaced stored rows the newer run's rows replace (latest rule), null otherwise
     */
    record Pieces(Dataset<Row> unique, Dataset<Row> fresh, Dataset<Row> flagged, Dataset<Row> stored,
                  Dataset<Row> replaced, ConflictRule rule, String runId, LocalDate asOf) {
        /** This run's rows to add (parsed columns). */
        Dataset<Row> kept() {
            return flagged == null || rule == ConflictRule.LATEST ? fresh : fresh.filter(not(col(CONFLICT)));
        }

        /** This run's new rows whose line is stored under another key (none without a stored table). */
        Dataset<Row> conflicting() {
            return flagged == null ? fresh.limit(0) : flagged.filter(col(CONFLICT));
        }

        /** The whole transactions table after this run: stored rows (minus replaced ones) and this run's rows. */
        Dataset<Row> table(Dataset<Row> accepted) {
            if (stored == null) {
                return accepted;
            }
            Dataset<Row> remaining = replaced == null ? stored
                    : stored.join(replaced.select(ROW_KEY), new String[]{ROW_KEY}, "left_anti");
            Column[] columns = java.util.Arrays.stream(TransactionColumns.SCHEMA.fieldNames()).map(c -> col(c))
                    .toArray(Column[]::new);
            return remaining.select(columns).unionByName(accepted);
        }
    }
}
