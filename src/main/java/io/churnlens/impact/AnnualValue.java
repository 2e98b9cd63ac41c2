package io.churnlens.impact;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.sum;

/**
 * Annual customer value (DESIGN.md): net revenue of the customer over the 365 days up to and including their last
 * purchase day, i.e. days in (last − 365, last]. Returns inside that window count against it.
 */
public final class AnnualValue {
    public static final String ANNUAL_VALUE = "annual_value";
    static final int DAYS = 365;

    private AnnualValue() {}

    /**
     * Adds {@link #ANNUAL_VALUE} to {@code customers}, which holds customer_id, {@code lastPurchaseColumn} and any
     * key columns; one output row per input row. {@code days} is {@link CustomerQuarters#days}.
     */
    public static Dataset<Row> of(Dataset<Row> customers, String lastPurchaseColumn, Dataset<Row> days) {
        Column last = col("c." + lastPurchaseColumn);
        Column day = col("d." + CustomerQuarters.DAY);
        Dataset<Row> values = customers.as("c")
                .join(days.as("d"), col("c." + CustomerQuarters.CUSTOMER_ID).equalTo(col("d." + CustomerQuarters.CUSTOMER_ID))
                        .and(day.gt(date_sub(last, DAYS))).and(day.leq(last)), "left")
                .groupBy(java.util.Arrays.stream(customers.columns()).map(c -> col("c." + c)).toArray(Column[]::new))
                .agg(sum(col("d." + CustomerQuarters.DAY_NET)).as(ANNUAL_VALUE));
        return values.na().fill(0, new String[] {ANNUAL_VALUE});
    }
}
