package io.churnlens.impact;

import io.churnlens.config.SensitivitySettings;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.SensitivityColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code churn_sensitivity}: the as-of quarter's departures under every configured definition of churn, in total and
 * per segment (rfm_segment, cluster_name at the quarter start, as segment_risk), from the grid rows of the quarter.
 *
 * <p>One query whatever the number of definitions: the quarter's customers who had bought by its start are joined
 * once with P(alive) and the segments, listed once per dimension ({@code explode}), and one aggregation by
 * (dimension, segment) counts every definition's start, departures and revenue lost through conditional aggregates.
 * The result, bounded by definitions × segments, is collected.
 */
final class ChurnSensitivity {
    private static final String DIM = "_dimension";
    private static final String SEG = "_segment";

    private ChurnSensitivity() {}

    /** What the table is computed from; optional inputs may be empty. */
    record Inputs(Dataset<Row> current, QuarterCalendar calendar, LocalDate firstDay, int headlineDays,
                  Optional<Dataset<Row>> customerValue, Optional<Dataset<Row>> segments, LocalDate segmentsAsOf) {}

    static List<Row> of(Inputs in, SensitivitySettings settings) {
        List<SensitivityDefinition> definitions = SensitivityDefinition.all(settings, in.headlineDays());
        List<Row> cells = in.calendar().lastIndex() == 0 ? List.of() : aggregate(in, definitions);
        return new SensitivityRows(in, definitions).rows(cells);
    }

    /** (dimension, segment, then start, departed, lost for each definition, then customers without P(alive)). */
    private static List<Row> aggregate(Inputs in, List<SensitivityDefinition> definitions) {
        QuarterCalendar cal = in.calendar();
        LocalDate previousEnd = cal.end(cal.lastIndex() - 1);
        // Only those active at the start under the longest threshold can count under any definition.
        SensitivityDefinition widest = definitions.stream().filter(SensitivityDefinition::byInactivity)
                .max(java.util.Comparator.comparingDouble(SensitivityDefinition::threshold)).orElseThrow();
        Dataset<Row> base = in.current().filter(widest.activeAtStart(previousEnd, in.headlineDays()))
                .select(CustomerQuarters.CUSTOMER_ID, CustomerQuarters.LAST_PURCHASE_AT_START,
                        CustomerQuarters.LAST_PURCHASE, CustomerQuarters.ANNUAL_VALUE);
        base = in.customerValue().isPresent()
                ? base.join(in.customerValue().get().select(ClvColumns.CUSTOMER_ID, ClvColumns.P_ALIVE), ClvColumns.CUSTOMER_ID, "left")
                : base.withColumn(ClvColumns.P_ALIVE, lit(null).cast("double"));
        List<Column> listed = new ArrayList<>(List.of(struct(lit(SensitivityColumns.ALL).as(DIM), lit(SensitivityColumns.ALL).as(SEG))));
        List<String> dimensions = segmentColumns(in.segments());
        if (!dimensions.isEmpty()) {
            List<Column> picked = new ArrayList<>(List.of(col(SegmentColumns.CUSTOMER_ID)));
            dimensions.forEach(d -> picked.add(col(d)));
            base = base.join(in.segments().get().select(picked.toArray(Column[]::new)), CustomerQuarters.CUSTOMER_ID, "left");
            for (String d : dimensions) {
                listed.add(struct(lit(d).as(DIM), coalesce(col(d).cast("string"), lit(SegmentRisk.NONE)).as(SEG)));
            }
        }
        List<Column> aggregates = new ArrayList<>();
        for (SensitivityDefinition d : definitions) {
            Column gone = d.departed(previousEnd, cal.asOf(), in.headlineDays());
            aggregates.add(count(when(d.activeAtStart(previousEnd, in.headlineDays()), 1)));
            aggregates.add(count(when(gone, 1)));
            aggregates.add(sum(when(gone, col(CustomerQuarters.ANNUAL_VALUE))));
        }
        Column headlineStart = definitions.stream().filter(SensitivityDefinition::headline).findFirst().orElseThrow()
                .activeAtStart(previousEnd, in.headlineDays());
        aggregates.add(count(when(headlineStart.and(col(ClvColumns.P_ALIVE).isNull()), 1)));
        String pair = "_membership";
        return base.withColumn(pair, explode(array(listed.toArray(Column[]::new))))
                .groupBy(col(pair + "." + DIM), col(pair + "." + SEG))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .collectAsList();
    }

    /** rfm_segment and cluster_name, those the segments table has. */
    private static List<String> segmentColumns(Optional<Dataset<Row>> segments) {
        if (segments.isEmpty()) return List.of();
        List<String> columns = Arrays.asList(segments.get().columns());
        return java.util.stream.Stream.of(SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME)
                .filter(columns::contains).toList();
    }

    /** A sum of cents as money; 0.00 when no row contributed. */
    static BigDecimal money(Row r, int i) {
        return r.isNullAt(i) ? BigDecimal.ZERO.setScale(2) : BigDecimal.valueOf(r.getLong(i), 2);
    }
}
