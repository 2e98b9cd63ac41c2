package io.churnlens.impact;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.List;

import static io.churnlens.impact.CustomerQuarters.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The customer × quarter grid summed per acquisition quarter (cohort) and quarter in one aggregation: the cohort
 * matrix reads the cells as they are, the quarterly figures sum them over cohorts. Bounded by cohorts × quarters (a
 * few hundred rows at most), so collected.
 */
record GridCells(List<Cell> cells) {

    /** One (cohort, quarter) cell; a sum is null when no customer of the cell contributes to it. */
    record Cell(int cohort, int index, long customers, long start, long isNew, long reactivated, long departed,
                long end, long purchasing, long surviving, BigDecimal revenue, BigDecimal annualRevenue,
                BigDecimal revenueLost, long yearAgo, BigDecimal yearAgoBefore, BigDecimal yearAgoNow,
                BigDecimal yearAgoBeforeOfDeparted) {
        static Cell of(Row r) {
            return new Cell(r.getAs(FIRST_INDEX), r.getAs(QuarterCalendar.INDEX), r.getAs("customers"),
                    r.getAs("start"), r.getAs("new"), r.getAs("reactivated"), r.getAs("departed"), r.getAs("end"),
                    r.getAs("purchasing"), r.getAs("surviving"), money(r, "revenue"), money(r, "annual_revenue"),
                    money(r, "lost"), r.getAs("year_ago"), money(r, "before"), money(r, "now"),
                    money(r, "before_of_departed"));
        }

        /** A sum of cents as money (scale 2, exact); null when no row contributed. */
        private static BigDecimal money(Row r, String field) {
            int i = r.fieldIndex(field);
            return r.isNullAt(i) ? null : BigDecimal.valueOf(r.getLong(i), 2);
        }
    }

    static GridCells of(Dataset<Row> grid) {
        Column yearAgo = col(ACTIVE_YEAR_AGO);
        List<Row> rows = grid.groupBy(FIRST_INDEX, QuarterCalendar.INDEX).agg(
                        count(lit(1)).as("customers"),
                        count(when(col(ACTIVE_START), 1)).as("start"),
                        count(when(col(IS_NEW), 1)).as("new"),
                        count(when(col(REACTIVATED), 1)).as("reactivated"),
                        count(when(col(DEPARTED), 1)).as("departed"),
                        count(when(col(ACTIVE_END), 1)).as("end"),
                        count(when(col(PURCHASED), 1)).as("purchasing"),
                        count(when(not(col(EVER_DEPARTED)), 1)).as("surviving"),
                        sum(REVENUE).as("revenue"),
                        sum(REVENUE_YEAR).as("annual_revenue"),
                        sum(when(col(DEPARTED), col(ANNUAL_VALUE))).as("lost"),
                        count(when(yearAgo, 1)).as("year_ago"),
                        sum(when(yearAgo, col(REVENUE_YEAR_BEFORE))).as("before"),
                        sum(when(yearAgo, col(REVENUE_YEAR))).as("now"),
                        sum(when(yearAgo.and(not(col(ACTIVE_END))), col(REVENUE_YEAR_BEFORE))).as("before_of_departed"))
                .orderBy(FIRST_INDEX, QuarterCalendar.INDEX).collectAsList();
        return new GridCells(rows.stream().map(Cell::of).toList());
    }
}
