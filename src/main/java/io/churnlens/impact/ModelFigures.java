package io.churnlens.impact;

import io.churnlens.schema.ClvColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

/**
 * The as-of quarter's figures from the purchase model's customer_value: expected drop-outs and their revenue, CLV
 * lost with the departed, and the mean CLV of the quarter's new customers (for value / acquisition cost). All null
 * without customer_value, with the note saying why.
 *
 * <p>One join of the quarter with customer_value and one aggregation give all three: each figure's own customers
 * (the quarter's buyers, departed, new) are picked by a condition inside its aggregate, not by a query of its own.
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
        Dataset<Row> joined = current.select(CustomerQuarters.CUSTOMER_ID, CustomerQuarters.PURCHASED,
                        CustomerQuarters.DEPARTED, CustomerQuarters.IS_NEW, CustomerQuarters.ANNUAL_VALUE)
                .join(customerValue.get().select(ClvColumns.CUSTOMER_ID, ClvColumns.P_ALIVE, ClvColumns.CLV,
                        ClvColumns.PURCHASE_MODEL), ClvColumns.CUSTOMER_ID);
        List<org.apache.spark.sql.Column> aggregates = new ArrayList<>(ModelDropouts.aggregates());
        aggregates.add(ClvLost.aggregate());
        aggregates.add(avg(when(col(CustomerQuarters.IS_NEW), col(ClvColumns.CLV))));
        Row r = joined.agg(aggregates.get(0), aggregates.subList(1, aggregates.size())
                .toArray(org.apache.spark.sql.Column[]::new)).first();
        int next = ModelDropouts.aggregates().size();
        ModelDropouts.Result dropouts = ModelDropouts.result(r);
        double clvLost = r.isNullAt(next) ? 0.0 : r.getDouble(next);
        Double meanClvOfNew = r.isNullAt(next + 1) ? null : r.getDouble(next + 1);
        return new ModelFigures(dropouts, clvLost, meanClvOfNew, dropouts.note());
    }
}
