package io.churnlens.impact;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.ClvColumns;
import io.churnlens.schema.FeatureColumns;
import io.churnlens.schema.ImpactColumns;
import io.churnlens.schema.ScoreColumns;
import io.churnlens.schema.SegmentColumns;
import io.churnlens.schema.TransactionColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
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

    public ImpactAnalysis(ChurnlensConfig config) {
        this(config.impact(), config.churn().inactivityDays(), config.clv().monthlyDiscountRate());
    }

    public ImpactAnalysis(ImpactSettings settings, int inactivityDays, double monthlyDiscountRate) {
        this.settings = settings;
        this.inactivityDays = inactivityDays;
        this.monthlyDiscountRate = monthlyDiscountRate;
    }

    /**
     * @param segmentsAtStart customer_segments at the previous quarter end (departures by segment), if published
     * @param segmentsAtT     customer_segments as of T: the fallback for departures
     * @param features        customer_features as of T (country, channel), if published
     */
    public record Inputs(Dataset<Row> transactions, Optional<Dataset<Row>> customerValue,
                         Optional<Dataset<Row>> scores, Optional<Dataset<Row>> segmentsAtStart, LocalDate segmentsAtStartAsOf,
                         Optional<Dataset<Row>> segmentsAtT, Optional<Dataset<Row>> features) {}

    public record Result(Dataset<Row> churnImpact, Dataset<Row> scenarios, Dataset<Row> cohortRetention,
                         Dataset<Row> segmentRisk, QuarterObservation asOfQuarter,
                         Optional<RevenueAtRisk.Summary> risk) {}

    public Result run(Inputs in, LocalDate asOf) {
        SparkSession spark = in.transactions().sparkSession();
        Row firstDay = in.transactions().agg(min(TransactionColumns.EVENT_DATE)).first();
        if (firstDay.isNullAt(0) || firstDay.getDate(0).toLocalDate().isAfter(asOf)) {
            throw new io.churnlens.io.InputException("no transactions on or before " + asOf + ": nothing to report");
        }
        QuarterCalendar calendar = new QuarterCalendar(firstDay.getDate(0).toLocalDate(), asOf);
        Dataset<Row> days = CustomerQuarters.days(in.transactions(), calendar).cache();
        Dataset<Row> grid = CustomerQuarters.grid(days, calendar, inactivityDays).cache();
        try {
            List<QuarterObservation> quarters = ObservedQuarters.of(grid, days);
            QuarterObservation current = quarters.get(quarters.size() - 1);
            Dataset<Row> currentRows = grid.filter(col(QuarterCalendar.INDEX).equalTo(calendar.lastIndex()));
            Dataset<Row> departedNow = currentRows.filter(col(CustomerQuarters.DEPARTED));

            List<String> notes = new ArrayList<>();
            ModelDropouts.Result dropouts = null;
            Double clvLost = null;
            Double meanClvOfNew = null;
            if (in.customerValue().isPresent()) {
                Dataset<Row> value = in.customerValue().get();
                dropouts = ModelDropouts.of(days, value, calendar);
                if (dropouts.note() != null) notes.add(dropouts.note());
                clvLost = ClvLost.of(departedNow, value);
                Row mean = currentRows.filter(col(CustomerQuarters.IS_NEW)).select(CustomerQuarters.CUSTOMER_ID)
                        .join(value, ClvColumns.CUSTOMER_ID).agg(avg(ClvColumns.CLV)).first();
                meanClvOfNew = mean.isNullAt(0) ? null : mean.getDouble(0);
            } else {
                notes.add("model drop-outs, CLV lost, value/acquisition cost: no customer_value as of " + asOf
                        + " (the clv stage has not run or its fit did not converge)");
            }
            Optional<RevenueAtRisk.Summary> risk = in.scores().map(s -> RevenueAtRisk.summarise(s, settings.topCustomers()));
            if (risk.isEmpty()) {
                notes.add("revenue at risk: the score stage has not run (no customer_scores as of " + asOf + ")");
            } else if (risk.get().customersScored() == 0) {
                // Scores without expected revenue (CLV not converged) give no revenue at risk, not a sum of 0.
                notes.add("revenue at risk: no customer in customer_scores has expected_revenue_12m (clv not run or not converged)");
                risk = Optional.empty();
            } else if (risk.get().customersUnscored() > 0) {
                notes.add("revenue at risk: " + risk.get().customersUnscored() + " scored customers without expected_revenue_12m left out");
            }
            List<Row> impactRows = ChurnImpactRows.of(quarters, calendar,
                    new ChurnImpactRows.AsOfFigures(dropouts, clvLost, risk.orElse(null), meanClvOfNew, notes), settings,
                    firstDay.getDate(0).toLocalDate(), inactivityDays);

            List<Row> scenarioRows = Scenarios.of(current, settings, monthlyDiscountRate).stream()
                    .map(s -> RowFactory.create(s.name(), s.reductionPp(), s.baselineChurn(), s.scenarioChurn(),
                            s.customersKept(), s.revenueKeptThisYear(), s.horizonQuarters(), s.baseValueBaseline(),
                            s.baseValueScenario(), s.baseValueEffect(), s.multiplier(), s.assumptions()))
                    .toList();

            List<Row> cohortRows = CohortRetention.of(grid, calendar, settings.cohortMinCustomers(),
                    settings.cohortProjectionQuarters());

            Dataset<Row> quarterCustomers = AnnualValue.of(currentRows.filter(col(CustomerQuarters.ACTIVE_START)).select(CustomerQuarters.CUSTOMER_ID,
                            CustomerQuarters.ACTIVE_START, CustomerQuarters.DEPARTED, CustomerQuarters.LAST_PURCHASE),
                    CustomerQuarters.LAST_PURCHASE, days);
            Dataset<Row> riskPerCustomer = risk.isPresent() ? RevenueAtRisk.perCustomer(in.scores().get()) : null;
            String noRisk = in.scores().isEmpty() ? "revenue at risk: the score stage has not run (no customer_scores)"
                    : "revenue at risk: no expected_revenue_12m in customer_scores";
            List<Row> segmentRows = SegmentRisk.of(quarterCustomers, riskPerCustomer, groupings(in, riskPerCustomer, asOf), noRisk);

            return new Result(spark.createDataFrame(impactRows, ImpactColumns.CHURN_IMPACT_SCHEMA),
                    spark.createDataFrame(scenarioRows, ImpactColumns.SCENARIOS_SCHEMA),
                    spark.createDataFrame(cohortRows, ImpactColumns.COHORT_SCHEMA),
                    spark.createDataFrame(segmentRows, ImpactColumns.SEGMENT_RISK_SCHEMA), current, risk);
        } finally {
            grid.unpersist();
            days.unpersist();
        }
    }

    private static List<SegmentRisk.Grouping> groupings(Inputs in, Dataset<Row> risk, LocalDate asOf) {
        List<SegmentRisk.Grouping> out = new ArrayList<>();
        Optional<Dataset<Row>> segments = in.segmentsAtStart().isPresent() ? in.segmentsAtStart() : in.segmentsAtT();
        LocalDate segmentsAsOf = in.segmentsAtStart().isPresent() ? in.segmentsAtStartAsOf() : asOf;
        for (String column : List.of(SegmentColumns.RFM_SEGMENT, SegmentColumns.CLUSTER_NAME)) {
            Dataset<Row> members = segments.map(s -> member(s, column)).orElse(null);
            Dataset<Row> riskMembers = risk == null ? null : member(risk, column);
            if (members != null || riskMembers != null) {
                out.add(new SegmentRisk.Grouping(column, members, riskMembers, members == null ? null : segmentsAsOf));
            }
        }
        for (String column : TransactionColumns.GROUP_COLUMNS) {
            Optional<Dataset<Row>> f = in.features().filter(d -> Arrays.asList(d.columns()).contains(column));
            // A grouping column counts as present when at least one customer has a value for it.
            if (f.isPresent() && f.get().filter(col(column).isNotNull()).limit(1).count() > 0) {
                Dataset<Row> members = member(f.get(), column);
                out.add(new SegmentRisk.Grouping(column, members, risk == null ? null : members, asOf));
            }
        }
        return out;
    }

    private static Dataset<Row> member(Dataset<Row> table, String column) {
        return table.select(col(FeatureColumns.CUSTOMER_ID), col(column).as("segment"));
    }

}
