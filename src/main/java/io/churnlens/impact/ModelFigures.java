package io.churnlens.impact;

import io.churnlens.schema.ClvColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.Optional;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

/**
 * The as-of quarter's figures from the purchase model's customer_value: expected drop-outs and their revenue, CLV
 * lost with the departed, and the mean CLV of the quarter's new customers (for value / acquisition cost). All null
 * without customer_value, with the note saying why.
 *
 * @param dropouts     null without customer_value
 * @param note         why figures are missing or limited; null when none is
 */
record ModelFigures(ModelDropouts.Result dropouts, Double clvLost, Double meanClvOfNew, String note) {

    /** @param current the grid's rows of the as-of quarter */
    static ModelFigures of(Dataset<Row> current, Optional<Dataset<Row>> customerValue, LocalDate asOf) {
        if (customerValue.isEmpty()) {
            return new ModelFigures(null, null, null, "model drop-outs, CLV lost, value/acquisition cost: no "
                    + "customer_value as of " + asOf + " (the clv stage has not run or its fit did not converge)");
        }
        Dataset<Row> value = customerValue.get();
        ModelDropouts.Result dropouts = ModelDropouts.of(current, value);
        double clvLost = ClvLost.of(current.filter(col(CustomerQuarters.DEPARTED)), value);
        return new ModelFigures(dropouts, clvLost, meanClvOfNew(current, value), dropouts.note());
    }

    private static Double meanClvOfNew(Dataset<Row> current, Dataset<Row> value) {
        Row mean = current.filter(col(CustomerQuarters.IS_NEW)).select(CustomerQuarters.CUSTOMER_ID)
                .join(value, ClvColumns.CUSTOMER_ID).agg(avg(ClvColumns.CLV)).first();
        return mean.isNullAt(0) ? null : mean.getDouble(0);
    }
}
