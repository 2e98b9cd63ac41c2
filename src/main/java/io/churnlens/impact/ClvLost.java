package io.churnlens.impact;

import io.churnlens.schema.ClvColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * CLV lost: the departed customers' expected value had they stayed. Under the purchase models CLV = P(alive) ×
 * the value of a customer with the same history known to be alive, so "had they stayed" is CLV / P(alive).
 * Customers with P(alive) = 0 or no CLV (spend model unavailable) contribute nothing.
 */
public final class ClvLost {
    private ClvLost() {}

    /** @param departed customer_id of the quarter's departed customers */
    public static double of(Dataset<Row> departed, Dataset<Row> customerValue) {
        Column pAlive = col(ClvColumns.P_ALIVE);
        Row r = departed.select(CustomerQuarters.CUSTOMER_ID)
                .join(customerValue.select(ClvColumns.CUSTOMER_ID, ClvColumns.P_ALIVE, ClvColumns.CLV), ClvColumns.CUSTOMER_ID)
                .agg(sum(when(pAlive.gt(0).and(col(ClvColumns.CLV).isNotNull()), col(ClvColumns.CLV).divide(pAlive))))
                .first();
        return r.isNullAt(0) ? 0.0 : r.getDouble(0);
    }
}
