package io.churnlens.features;

import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Date;
import java.time.LocalDate;

import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The churn label: for a cutoff C and a horizon H, {@code churned = 1} when a customer who bought on or before C
 * makes no purchase (see {@link Purchases}) in (C, C+H]. Returns alone do not count as activity.
 *
 * <p><b>Danger:</b> the label is only true when the data covers the whole window (C, C+H]; a window that runs past
 * the end of the data labels recent buyers as churned. Callers choose C = T - H with T the last observed date
 * (see {@link TrainingSet}).
 */
public final class ChurnLabels {
    private static final String BOUGHT_BEFORE = "_bought_by_cutoff";
    private static final String BOUGHT_IN_HORIZON = "_bought_in_horizon";

    private ChurnLabels() {}

    /** customer_id, label_cutoff, horizon_days, churned (int 0/1): one row per customer who bought on or before C. */
    public static Dataset<Row> label(Dataset<Row> transactions, LocalDate cutoff, int horizonDays) {
        if (horizonDays <= 0) {
            throw new IllegalArgumentException("horizonDays must be > 0 (churn.horizon-days), got " + horizonDays);
        }
        Column c = lit(Date.valueOf(cutoff));
        Column end = lit(Date.valueOf(cutoff.plusDays(horizonDays)));
        Column date = col(TransactionColumns.EVENT_DATE);
        return transactions
                .where(Purchases.isPurchaseRow().and(date.leq(end)))
                .groupBy(TransactionColumns.CUSTOMER_ID)
                .agg(bool_or(date.leq(c)).as(BOUGHT_BEFORE), bool_or(date.gt(c)).as(BOUGHT_IN_HORIZON))
                .where(col(BOUGHT_BEFORE))
                .select(col(TransactionColumns.CUSTOMER_ID),
                        c.as(FeatureColumns.LABEL_CUTOFF),
                        lit(horizonDays).as(FeatureColumns.HORIZON_DAYS),
                        when(col(BOUGHT_IN_HORIZON), 0).otherwise(1).cast(DataTypes.IntegerType).as(FeatureColumns.CHURNED));
    }
}
