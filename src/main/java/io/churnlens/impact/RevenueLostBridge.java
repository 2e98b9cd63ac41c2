package io.churnlens.impact;

import io.churnlens.schema.BridgeColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

/**
 * {@code revenue_lost_bridge}: revenue lost in the previous quarter and in the as-of quarter per segment, from the
 * grid's departures (the inactivity rule and the annual values of churn_impact), split by {@link BridgeDecomposition}.
 *
 * <p>One query: the two quarters' departed rows of the cached grid, joined with each quarter's segments, listed once
 * per dimension and counted and summed by (quarter, dimension, segment); the result (two quarters × segments) is
 * collected and decomposed on the driver.
 */
final class RevenueLostBridge {
    static final String DIM = "_dimension";
    static final String SEG = "_segment";

    private RevenueLostBridge() {}

    record Inputs(Dataset<Row> grid, QuarterCalendar calendar, LocalDate firstDay, int inactivityDays,
                  BridgeSegmentation.Sources sources) {}

    static List<Row> of(Inputs in) {
        if (in.calendar().lastIndex() == 0) return List.of(BridgeRows.noPreviousQuarter(in.calendar()));
        BridgeSegmentation segmentation = BridgeSegmentation.choose(in.sources());
        return new BridgeRows(in, segmentation).rows(aggregate(in, segmentation));
    }

    /** (quarter index, dimension, segment, departed, revenue lost in cents) of the two quarters. */
    private static List<Row> aggregate(Inputs in, BridgeSegmentation s) {
        int last = in.calendar().lastIndex();
        Dataset<Row> departed = in.grid().filter(col(CustomerQuarters.DEPARTED)
                        .and(col(QuarterCalendar.INDEX).geq(last - 1)))
                .select(CustomerQuarters.CUSTOMER_ID, QuarterCalendar.INDEX, CustomerQuarters.ANNUAL_VALUE);
        Dataset<Row> base = departed;
        if (s.previous().isPresent() && s.previous().get() == s.current().get()) {
            base = departed.join(members(s.current().get(), s.dimensions()), CustomerQuarters.CUSTOMER_ID, "left");
        } else if (s.previous().isPresent()) {
            base = departed.filter(col(QuarterCalendar.INDEX).equalTo(last - 1))
                    .join(members(s.previous().get(), s.dimensions()), CustomerQuarters.CUSTOMER_ID, "left")
                    .unionByName(departed.filter(col(QuarterCalendar.INDEX).equalTo(last))
                            .join(members(s.current().get(), s.dimensions()), CustomerQuarters.CUSTOMER_ID, "left"));
        }
        List<Column> listed = new ArrayList<>();
        for (String d : s.dimensions()) {
            listed.add(d.equals(BridgeColumns.ALL)
                    ? struct(lit(BridgeColumns.ALL).as(DIM), lit(BridgeColumns.ALL).as(SEG))
                    : struct(lit(d).as(DIM), coalesce(col(d).cast("string"), lit(SegmentRisk.NONE)).as(SEG)));
        }
        String pair = "_membership";
        return base.withColumn(pair, explode(array(listed.toArray(Column[]::new))))
                .groupBy(col(QuarterCalendar.INDEX), col(pair + "." + DIM), col(pair + "." + SEG))
                .agg(count(lit(1)), sum(CustomerQuarters.ANNUAL_VALUE)).collectAsList();
    }

    private static Dataset<Row> members(Dataset<Row> table, List<String> dimensions) {
        List<Column> columns = new ArrayList<>(List.of(col(CustomerQuarters.CUSTOMER_ID)));
        dimensions.forEach(d -> columns.add(col(d)));
        return table.select(columns.toArray(Column[]::new));
    }
}
