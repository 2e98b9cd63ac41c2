package io.churnlens.impact;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min;

/**
 * The impact stage in one call: departures and revenue lost per quarter (observed and model-based), revenue at
 * risk, economics, scenarios, cohorts and segment risk, as of T. No I/O: the caller reads the inputs (optional ones
 * may be absent) and writes the four tables.
 */
public final class ImpactAnalysis {
    private final ImpactSettings settings;
    private final int inactivityDays;
    private final double monthlyDiscountRate;
    /** Null: no intervals (the settings-only constructor). */
    private final BootstrapIntervals intervals;

    public ImpactAnalysis(ChurnlensConfig config) {
        this(config.impact(), config.churn().inactivityDays(), config.clv().monthlyDiscountRate(),
                new BootstrapIntervals(config.bootstrap(), config.clv().maxDistinctStatistics()));
    }

    public ImpactAnalysis(ImpactSettings settings, int inactivityDays, double monthlyDiscountRate) {
        this(settings, inactivityDays, monthlyDiscountRate, null);
    }

    private ImpactAnalysis(ImpactSettings settings, int inactivityDays, double monthlyDiscountRate,
                           BootstrapIntervals intervals) {
        this.settings = settings;
        this.inactivityDays = inactivityDays;
        this.monthlyDiscountRate = monthlyDiscountRate;
        this.intervals = intervals;
    }

    /**
     * @param segmentsAtStart customer_segments at the previous quarter end (departures by segment), if published
     * @param segmentsAtT     customer_segments as of T: the fallback for departures
     * @param features        customer_features as of T (country, channel), if published
     * @param clvParams       the clv_params customer_value came from, for the parameter intervals, if published
     */
    public record Inputs(Dataset<Row> transactions, Optional<Dataset<Row>> customerValue,
                         Optional<Dataset<Row>> scores, Optional<Dataset<Row>> segmentsAtStart, LocalDate segmentsAtStartAsOf,
                         Optional<Dataset<Row>> segmentsAtT, Optional<Dataset<Row>> features,
                         Optional<Dataset<Row>> segmentsAtPreviousStart, Optional<Dataset<Row>> clvParams) {
        /**
         * Without the segments at the previous quarter's start (the bridge then falls back, with a note) and without
         * clv_params (no parameter intervals, with a note).
         */
        public Inputs(Dataset<Row> transactions, Optional<Dataset<Row>> customerValue, Optional<Dataset<Row>> scores,
                      Optional<Dataset<Row>> segmentsAtStart, LocalDate segmentsAtStartAsOf,
                      Optional<Dataset<Row>> segmentsAtT, Optional<Dataset<Row>> features) {
            this(transactions, customerValue, scores, segmentsAtStart, segmentsAtStartAsOf, segmentsAtT, features,
                    Optional.empty(), Optional.empty());
        }
    }

    public record Result(Dataset<Row> churnImpact, Dataset<Row> scenarios, Dataset<Row> cohortRetention,
                         Dataset<Row> segmentRisk, QuarterObservation asOfQuarter,
                         Optional<RevenueAtRisk.Summary> risk, int churnImpactRows, int segmentRiskRows,
                         DefinitionTables definitions) {}

    public Result run(Inputs in, LocalDate asOf) {
        LocalDate firstDay = firstDay(in.transactions(), asOf);
        QuarterCalendar calendar = new QuarterCalendar(firstDay, asOf);
        // The grid is built once (one shuffle of the transactions) and every figure below reads it or its last quarter.
        Dataset<Row> grid = CustomerQuarters.grid(CustomerQuarters.days(in.transactions(), calendar), calendar,
                inactivityDays).cache();
        Dataset<Row> current = grid.filter(col(QuarterCalendar.INDEX).equalTo(calendar.lastIndex())).cache();
        try {
            GridCells cells = GridCells.of(grid);
            List<QuarterObservation> quarters = ObservedQuarters.of(cells);
            QuarterObservation now = quarters.get(quarters.size() - 1);
            ModelFigures model = ModelFigures.of(current, in.customerValue(), asOf);
            RiskFigures risk = RiskFigures.of(in.scores(), settings.topCustomers(), asOf);
            List<String> notes = java.util.stream.Stream.of(model.note(), risk.note())
                    .filter(java.util.Objects::nonNull).toList();
            BootstrapIntervals.Result bounds = intervals(in, current, now, asOf);
            List<Row> impactRows = IntervalColumns.churnImpact(ChurnImpactRows.of(quarters, calendar,
                    new ChurnImpactRows.AsOfFigures(model, risk.summary().orElse(null), notes), settings, firstDay,
                    inactivityDays), calendar.label(now.index()), bounds);
            List<Row> cohortRows = CohortRetention.of(cells, calendar, settings.cohortMinCustomers(),
                    settings.cohortProjectionQuarters());
            List<Row> segmentRows = segmentRows(in, current, risk, asOf);
            DefinitionTables definitions = DefinitionTables.of(grid, current, definitionContext(in, calendar, firstDay));
            SparkSession spark = in.transactions().sparkSession();
            return new Result(spark.createDataFrame(impactRows, ImpactColumns.CHURN_IMPACT_SCHEMA),
                    spark.createDataFrame(IntervalColumns.scenarios(Scenarios.rows(now, settings, monthlyDiscountRate),
                            bounds), ImpactColumns.SCENARIOS_SCHEMA),
                    spark.createDataFrame(cohortRows, ImpactColumns.COHORT_SCHEMA),
                    spark.createDataFrame(segmentRows, ImpactColumns.SEGMENT_RISK_SCHEMA),
                    now, risk.summary(), impactRows.size(), segmentRows.size(), definitions);
        } finally {
            current.unpersist();
            grid.unpersist();
        }
    }

    private BootstrapIntervals.Result intervals(Inputs in, Dataset<Row> current, QuarterObservation now, LocalDate asOf) {
        if (intervals == null) return new BootstrapIntervals.Result(java.util.Map.of(), java.util.Map.of(), null, null, List.of());
        return intervals.compute(new BootstrapIntervals.Inputs(current, in.customerValue(), in.scores(), in.features(),
                in.clvParams()), now, settings, monthlyDiscountRate, asOf);
    }

    /** The first day of data, checked: a snapshot before every transaction has nothing to report. */
    private static LocalDate firstDay(Dataset<Row> transactions, LocalDate asOf) {
        Row first = transactions.agg(min(TransactionColumns.EVENT_DATE)).first();
        if (first.isNullAt(0) || first.getDate(0).toLocalDate().isAfter(asOf)) {
            throw new io.churnlens.io.InputException("no transactions on or before " + asOf + ": nothing to report");
        }
        return first.getDate(0).toLocalDate();
    }

    /** churn_sensitivity and revenue_lost_bridge read the segments at the start as segment_risk does. */
    private DefinitionTables.Context definitionContext(Inputs in, QuarterCalendar calendar, LocalDate firstDay) {
        boolean atStart = in.segmentsAtStart().isPresent();
        LocalDate startAsOf = io.churnlens.io.Quarters.previousEnd(calendar.asOf());
        LocalDate previousStart = io.churnlens.io.Quarters.previousEnd(startAsOf);
        return new DefinitionTables.Context(calendar, firstDay, inactivityDays, settings, in.customerValue(),
                atStart ? in.segmentsAtStart() : in.segmentsAtT(), atStart ? in.segmentsAtStartAsOf() : calendar.asOf(),
                new BridgeSegmentation.Sources(in.segmentsAtPreviousStart(), previousStart, in.segmentsAtStart(),
                        startAsOf, in.features(), calendar.asOf()));
    }

    /** segment_risk: the as-of quarter's departures and revenue at risk per segment of each grouping. */
    private static List<Row> segmentRows(Inputs in, Dataset<Row> current, RiskFigures risk, LocalDate asOf) {
        Dataset<Row> activeAtStart = current.filter(col(CustomerQuarters.ACTIVE_START)).select(CustomerQuarters.CUSTOMER_ID,
                CustomerQuarters.ACTIVE_START, CustomerQuarters.DEPARTED, CustomerQuarters.LAST_PURCHASE,
                CustomerQuarters.ANNUAL_VALUE);
        return SegmentRisk.of(activeAtStart, risk.perCustomer(), groupings(in, risk.perCustomer(), asOf),
                risk.segmentNote());
    }

    private static List<SegmentRisk.Grouping> groupings(Inputs in, Dataset<Row> risk, LocalDate asOf) {
        List<SegmentRisk.Grouping> out = new ArrayList<>();
        Optional<Dataset<Row>> segments = in.segmentsAtStart().isPresent() ? in.segmentsAtStart() : in.segmentsAtT();
        LocalDate segmentsAsOf = in.segmentsAtStart().isPresent() ? in.segmentsAtStartAsOf() : asOf;
        for (String column : List.of(SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME)) {
            SegmentRisk.Membership members = segments.map(s -> new SegmentRisk.Membership(s, column)).orElse(null);
            // customer_scores carry the segments themselves: read from the risk rows, no join.
            SegmentRisk.Membership riskMembers = risk == null ? null : new SegmentRisk.Membership(risk, column);
            if (members != null || riskMembers != null) {
                out.add(new SegmentRisk.Grouping(column, members, riskMembers, members == null ? null : segmentsAsOf));
            }
        }
        if (in.features().isEmpty()) return out;
        Dataset<Row> features = in.features().get();
        List<String> present = presentGroupColumns(features);
        for (String column : present) {
            SegmentRisk.Membership members = new SegmentRisk.Membership(features, column);
            out.add(new SegmentRisk.Grouping(column, members, risk == null ? null : members, asOf));
        }
        return out;
    }

    /** The group columns of customer_features with a value for at least one customer, in one query. */
    private static List<String> presentGroupColumns(Dataset<Row> features) {
        List<String> columns = Arrays.stream(TransactionColumns.GROUP_COLUMNS)
                .filter(c -> Arrays.asList(features.columns()).contains(c)).toList();
        if (columns.isEmpty()) return columns;
        Row counts = features.agg(count(col(columns.get(0))), columns.subList(1, columns.size()).stream()
                .map(c -> count(col(c))).toArray(org.apache.spark.sql.Column[]::new)).first();
        List<String> present = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) if (counts.getLong(i) > 0) present.add(columns.get(i));
        return present;
    }


}
