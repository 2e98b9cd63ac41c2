package io.churnlens.impact;

import io.churnlens.btyd.BgNbdModel;
import io.churnlens.config.BootstrapSettings;
import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.ImpactColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The 90% intervals of the as-of quarter's figures (README, *Intervals*): runs the passes ({@link BootstrapPass}),
 * turns replicate sums into intervals ({@link Interval}) and says in notes what could not be computed. Three kinds:
 * <ul>
 *   <li>customer bootstrap ({@code _lo90/_hi90}): Poisson(1) weights per customer, every figure recomputed per
 *       replicate (churn rate as a ratio of sums, scenarios from the replicate's quarter);</li>
 *   <li>parameter ({@code _param_}): the model-based drop-outs under BG/NBD parameter draws ({@link ParameterDraws});</li>
 *   <li>prediction ({@code _pred_}): the realised drop-outs, each buyer's drop-out drawn given its P(alive) under
 *       each parameter draw ({@link DropoutDraws}).</li>
 * </ul>
 */
public final class BootstrapIntervals {
    private final BootstrapSettings settings;
    private final int maxDistinctStatistics;

    public BootstrapIntervals(BootstrapSettings settings, int maxDistinctStatistics) {
        this.settings = settings;
        this.maxDistinctStatistics = maxDistinctStatistics;
    }

    /** The impact stage's inputs the intervals read; {@code clvParams} is the fit behind customer_value. */
    public record Inputs(Dataset<Row> current, Optional<Dataset<Row>> customerValue, Optional<Dataset<Row>> scores,
                         Optional<Dataset<Row>> features, Optional<Dataset<Row>> clvParams) {}

    /**
     * @param asOf      interval per churn_impact column name (the _lo90 / _hi90 pair's figure)
     * @param scenarios per scenario name, interval per scenarios figure column
     */
    public record Result(Map<String, Interval> asOf, Map<String, Map<String, Interval>> scenarios, Integer replicates,
                         Integer draws, List<String> notes) {}

    public Result compute(Inputs in, QuarterObservation now, ImpactSettings impact, double discount, LocalDate asOf) {
        List<String> notes = new ArrayList<>();
        if (settings.replicates() == 0) notes.add("customer bootstrap intervals: off (impact.bootstrap.replicates = 0)");
        List<BgNbdModel> draws = draws(in, asOf, notes);
        if (settings.replicates() == 0 && draws.isEmpty()) return new Result(Map.of(), Map.of(), null, null, notes);
        BootstrapPass.Plan plan = new BootstrapPass.Plan(settings.replicates(), settings.seed(), draws);
        BootstrapPass.Sums sums = BootstrapPass.quarter(
                BootstrapPass.quarterRows(in.current(), in.customerValue(), draws.isEmpty() ? Optional.empty() : in.features()), plan);
        Map<String, Interval> figures = new HashMap<>();
        Map<String, Map<String, Interval>> scenarios = new HashMap<>();
        if (sums.quarter() != null) {
            bootstrapFigures(sums.quarter(), in, plan, figures);
            scenarios = scenarioIntervals(QuarterBootstrap.scenarios(sums.quarter(), now.index(), impact, discount));
        }
        if (sums.dropouts() != null) {
            ReplicateSums d = sums.dropouts();
            put(figures, ImpactColumns.MODEL_EXPECTED_DROPOUTS_PARAM_LO90, d.values(DropoutDraws.EXPECTED));
            put(figures, ImpactColumns.MODEL_DROPOUT_REVENUE_PARAM_LO90, d.values(DropoutDraws.EXPECTED_REVENUE));
            put(figures, ImpactColumns.MODEL_EXPECTED_DROPOUTS_PRED_LO90, d.values(DropoutDraws.REALISED));
            put(figures, ImpactColumns.MODEL_DROPOUT_REVENUE_PRED_LO90, d.values(DropoutDraws.REALISED_REVENUE));
        }
        return new Result(figures, scenarios, settings.replicates() == 0 ? null : settings.replicates(),
                draws.isEmpty() ? null : draws.size(), notes);
    }

    private List<BgNbdModel> draws(Inputs in, LocalDate asOf, List<String> notes) {
        if (settings.parameterDraws() == 0) {
            notes.add("parameter and prediction intervals: off (impact.bootstrap.parameter-draws = 0)");
            return List.of();
        }
        ParameterFit fit = ParameterFit.of(in.customerValue(), in.clvParams(), in.features(), maxDistinctStatistics, asOf);
        if (fit.note() != null) notes.add(fit.note());
        return fit.available() ? ParameterDraws.draw(fit.model(), fit.covariance(), settings.parameterDraws(), settings.seed())
                : List.of();
    }

    private static void bootstrapFigures(ReplicateSums q, Inputs in, BootstrapPass.Plan plan, Map<String, Interval> out) {
        put(out, ImpactColumns.CHURN_RATE_LO90, QuarterBootstrap.churnRates(q));
        put(out, ImpactColumns.REVENUE_LOST_LO90, q.values(QuarterBootstrap.REVENUE_LOST));
        if (in.customerValue().isPresent()) {
            put(out, ImpactColumns.MODEL_EXPECTED_DROPOUTS_LO90, q.values(QuarterBootstrap.DROPOUTS));
            put(out, ImpactColumns.MODEL_DROPOUT_REVENUE_LO90, q.values(QuarterBootstrap.DROPOUT_REVENUE));
            put(out, ImpactColumns.CLV_LOST_LO90, q.values(QuarterBootstrap.CLV_LOST));
        }
        // Revenue at risk only where the point figure exists (scores with expected revenue).
        in.scores().map(s -> BootstrapPass.risk(s, plan)).filter(r -> hasAny(r))
                .ifPresent(r -> put(out, ImpactColumns.REVENUE_AT_RISK_LO90, r.values(0)));
    }

    private static boolean hasAny(ReplicateSums r) {
        for (double v : r.values(0)) if (v != 0) return true;
        return false;
    }

    private static void put(Map<String, Interval> out, String loColumn, double[] replicates) {
        Interval i = Interval.of(replicates);
        if (i != null) out.put(loColumn, i);
    }

    private static Map<String, Map<String, Interval>> scenarioIntervals(List<List<Scenarios.Scenario>> replicates) {
        Map<String, List<Scenarios.Scenario>> byName = new HashMap<>();
        for (List<Scenarios.Scenario> one : replicates) {
            for (Scenarios.Scenario s : one) byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
        Map<String, Map<String, Interval>> out = new HashMap<>();
        byName.forEach((name, list) -> {
            Map<String, Interval> m = new HashMap<>();
            put(m, ImpactColumns.CUSTOMERS_KEPT_LO90, list.stream().mapToDouble(Scenarios.Scenario::customersKept).toArray());
            put(m, ImpactColumns.REVENUE_KEPT_THIS_YEAR_LO90,
                    list.stream().mapToDouble(Scenarios.Scenario::revenueKeptThisYear).toArray());
            put(m, ImpactColumns.BASE_VALUE_EFFECT_LO90, list.stream().mapToDouble(Scenarios.Scenario::baseValueEffect).toArray());
            out.put(name, m);
        });
        return out;
    }

    /** A short sentence for the as-of row's note: how the intervals were made. */
    static String summary(Result r) {
        if (r.replicates() == null && r.draws() == null) return null;
        return String.format(Locale.ROOT, "intervals: 90%% percentile intervals, %s customer bootstrap replicates, %s "
                + "BG/NBD parameter draws (impact.bootstrap.*)", r.replicates() == null ? "no" : r.replicates(),
                r.draws() == null ? "no" : r.draws());
    }
}
