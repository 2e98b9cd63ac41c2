package io.churnlens.ingest;

import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

import java.util.stream.Stream;

import static org.apache.spark.sql.functions.*;

/**
 * What makes two rows the same row, computed on parsed, canonical values so that formatting never matters:
 * {@code 15.8}, {@code 15.80} and {@code $15.80} are one amount, {@code 704} and {@code 704.0} one customer,
 * two spellings of one instant one event time.
 *
 * <p>The <b>row key</b> is SHA-256 of customer id, event instant (microseconds since the epoch), amount at
 * decimal(18,2), quantity, return flag, transaction id and product id. Descriptive columns (category, country,
 * channel) are attributes of a row, not its identity. Stored rows are re-keyed from their stored canonical
 * columns with the same function, so a table written under an older key definition is matched correctly.
 *
 * <p>The <b>line</b> is transaction id + product id, when a transaction id is mapped and present: the same line
 * with another row key is a conflict between runs (see {@code ingest.conflict-rule}).
 */
final class RowIdentity {
    private static final String SEPARATOR = "\u0001";
    private static final String ABSENT = "\u0000";

    private RowIdentity() {}

    /** The row key of canonical values (amount already at decimal(18,2), quantity a long). */
    static Column key(Column customer, Column eventTs, Column amount, Column quantity, Column isReturn,
                      Column transactionId, Column productId) {
        Column[] parts = Stream.of(customer, unix_micros(eventTs), amount, quantity, isReturn, transactionId, productId)
                .map(c -> coalesce(c.cast(DataTypes.StringType), lit(ABSENT))).toArray(Column[]::new);
        return sha2(concat_ws(SEPARATOR, parts), 256);
    }

    /** The row key of a stored transactions row, from its canonical columns (not its stored key). */
    static Column storedKey() {
        return key(col(TransactionColumns.CUSTOMER_ID), col(TransactionColumns.EVENT_TS), col(TransactionColumns.AMOUNT),
                col(TransactionColumns.QUANTITY), col(TransactionColumns.IS_RETURN),
                col(TransactionColumns.TRANSACTION_ID), col(TransactionColumns.PRODUCT_ID));
    }

    /** The line a row belongs to; null when it has no transaction id (no conflict can be recognised). */
    static Column line(Column transactionId, Column productId) {
        return when(transactionId.isNotNull(),
                concat_ws(SEPARATOR, transactionId, coalesce(productId, lit(ABSENT))));
    }

    static Column storedLine() {
        return line(col(TransactionColumns.TRANSACTION_ID), col(TransactionColumns.PRODUCT_ID));
    }
}
