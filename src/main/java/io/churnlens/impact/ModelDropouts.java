package io.churnlens.impact;

import io.churnlens.schema.ClvColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The timely, model-based view of departures: the expected number of customers who dropped out during the quarter
 * and the annual value they took, from the purchase model's P(alive) as of T.
 *
 * <p>Expected drop-outs in (S, T] given everything seen up to T = Σ [P(alive at S | data to T) − P(alive at T | data
 * to T)]. A customer who bought in the quarter was alive at S (first term 1). Under BG/NBD a customer drops out only
 * right after a purchase, so one who did not buy in the quarter was alive at S exactly when alive at T: the terms
 * cancel. The sum is therefore Σ over the quarter's buyers of (1 − p_alive), each weighted by their annual value
 * for the revenue. Under Pareto/NBD (drop-out at any time) this misses drop-outs among non-buyers and is a lower
 * bound: the note says so.
 */
public final class ModelDropouts {
    private ModelDropouts() {}

    /** @param expectedDropouts null when customer_value is missing */
    public record Result(Double expectedDropouts, Double revenue, long customersValued, String note) {}

    /**
     * The aggregates over the as-of quarter's grid rows joined with customer_value, in the order {@link #result}
     * reads them: Σ (1 − p_alive), Σ (1 − p_alive) × annual value, buyers valued, and whether a model other than
     * BG/NBD valued any of them. Only the quarter's buyers with a P(alive) count.
     */
    static List<Column> aggregates() {
        Column valued = col(CustomerQuarters.PURCHASED).and(col(ClvColumns.P_ALIVE).isNotNull());
        Column dropout = lit(1.0).minus(col(ClvColumns.P_ALIVE));
        return List.of(sum(when(valued, dropout)),
                sum(when(valued, dropout.multiply(col(CustomerQuarters.ANNUAL_VALUE).cast("double").divide(100.0)))),
                count(when(valued, 1)),
                max(when(valued.and(col(ClvColumns.PURCHASE_MODEL).notEqual(io.churnlens.btyd.BgNbdModel.NAME)), 1)));
    }

    /** The result from the first {@link #aggregates} fields of {@code r}. */
    static Result result(Row r) {
        long n = r.getLong(2);
        String note = !r.isNullAt(3)
                ? "model drop-outs: purchase model is not BG/NBD; drop-outs of customers without a purchase this quarter are not counted (lower bound)"
                : null;
        return new Result(n == 0 ? 0.0 : r.getDouble(0), n == 0 ? 0.0 : r.getDouble(1), n, note);
    }
}
