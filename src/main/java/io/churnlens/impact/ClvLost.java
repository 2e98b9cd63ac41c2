package io.churnlens.impact;

import io.churnlens.schema.ClvColumns;
import org.apache.spark.sql.Column;

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

    /**
     * The sum over the departed, as one aggregate over the as-of quarter's grid rows joined with customer_value
     * (null when no departed customer contributes, read as 0).
     */
    static Column aggregate() {
        Column pAlive = col(ClvColumns.P_ALIVE);
        return sum(when(col(CustomerQuarters.DEPARTED).and(pAlive.gt(0)).and(col(ClvColumns.CLV).isNotNull()),
                col(ClvColumns.CLV).divide(pAlive)));
    }
}
