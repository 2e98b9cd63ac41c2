package io.churnlens.impact;

import io.churnlens.config.ImpactSettings;
import io.churnlens.schema.ImpactColumns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What reducing churn is worth, from the quarter's observed figures; plain arithmetic so management can redo it.
 *
 * <ul>
 *   <li>scenario churn = baseline churn − d (d in percentage points, or d = baseline × share; never below 0);</li>
 *   <li>customers kept = customers at the start × d × m, where m = 1 + word-of-mouth + referral customers per
 *       customer kept (m = 1 exactly when both assumptions are off);</li>
 *   <li>revenue kept this year = customers kept × the annual value a departed customer takes (the quarter's
 *       revenue lost / departed; when nobody departed, annual revenue per active customer);</li>
 *   <li>base value over H quarters = Σ_{h=1..H} N_h × quarterly revenue per active customer / (1 + monthly
 *       discount)^(3h), with N_h = N (1 − churn)^h for the current N active customers (no new ones); the scenario
 *       adds m × N × ((1 − churn + d)^h − (1 − churn)^h) customers.</li>
 * </ul>
 */
public final class Scenarios {
    private Scenarios() {}

    public record Scenario(String name, double reductionPp, double baselineChurn, double scenarioChurn,
                           double customersKept, double revenueKeptThisYear, int horizonQuarters,
                           double baseValueBaseline, double baseValueScenario, double multiplier, String assumptions) {
        public double baseValueEffect() {
            return baseValueScenario - baseValueBaseline;
        }
    }

    /** The scenarios table (ImpactColumns.SCENARIOS_SCHEMA). */
    static List<org.apache.spark.sql.Row> rows(QuarterObservation q, ImpactSettings settings, double monthlyDiscountRate) {
        return of(q, settings, monthlyDiscountRate).stream().map(s -> new NamedRow(ImpactColumns.SCENARIOS_SCHEMA)
                .set(ImpactColumns.SCENARIO, s.name()).set(ImpactColumns.CHURN_REDUCTION_PP, s.reductionPp())
                .set(ImpactColumns.BASELINE_CHURN_RATE, s.baselineChurn())
                .set(ImpactColumns.SCENARIO_CHURN_RATE, s.scenarioChurn())
                .set(ImpactColumns.CUSTOMERS_KEPT, s.customersKept())
                .set(ImpactColumns.REVENUE_KEPT_THIS_YEAR, s.revenueKeptThisYear())
                .set(ImpactColumns.HORIZON_QUARTERS, s.horizonQuarters())
                .set(ImpactColumns.BASE_VALUE_BASELINE, s.baseValueBaseline())
                .set(ImpactColumns.BASE_VALUE_SCENARIO, s.baseValueScenario())
                .set(ImpactColumns.BASE_VALUE_EFFECT, s.baseValueEffect())
                .set(ImpactColumns.ASSUMPTION_MULTIPLIER, s.multiplier())
                .set(ImpactColumns.ASSUMPTIONS, s.assumptions()).row()).toList();
    }

    public static List<Scenario> of(QuarterObservation q, ImpactSettings settings, double monthlyDiscountRate) {
        List<Scenario> out = new ArrayList<>();
        if (q.churnRate() == null || q.customersEnd() == 0) return out;
        double churn = q.churnRate();
        for (double pp : settings.scenarioReductionsPp()) {
            out.add(scenario(String.format(Locale.ROOT, "churn -%s pp", trim(pp)), pp / 100, q, settings, monthlyDiscountRate));
        }
        if (settings.scenarioReductionShare() > 0) {
            double d = churn * settings.scenarioReductionShare();
            out.add(scenario(String.format(Locale.ROOT, "churn -%s%%", trim(settings.scenarioReductionShare() * 100)),
                    d, q, settings, monthlyDiscountRate));
        }
        return out;
    }

    static Scenario scenario(String name, double reduction, QuarterObservation q, ImpactSettings s, double discount) {
        double churn = q.churnRate();
        double d = Math.min(reduction, churn);
        double m = 1 + s.wordOfMouth().effective() + s.referral().effective();
        double valuePerCustomer = q.meanValueOfDeparted() != null ? q.meanValueOfDeparted()
                : q.annualRevenue().doubleValue() / q.customersEnd();
        double kept = q.customersStart() * d * m;
        double quarterlyRevenuePerCustomer = q.annualRevenue().doubleValue() / q.customersEnd() / 4;
        double baseline = 0;
        double scenario = 0;
        for (int h = 1; h <= s.scenarioHorizonQuarters(); h++) {
            double factor = quarterlyRevenuePerCustomer / Math.pow(1 + discount, 3.0 * h);
            double base = q.customersEnd() * Math.pow(1 - churn, h);
            double extra = m * q.customersEnd() * (Math.pow(1 - churn + d, h) - Math.pow(1 - churn, h));
            baseline += base * factor;
            scenario += (base + extra) * factor;
        }
        return new Scenario(name, d * 100, churn, churn - d, kept, kept * valuePerCustomer, s.scenarioHorizonQuarters(),
                baseline, scenario, m, assumptions(s, discount));
    }

    static String assumptions(ImpactSettings s, double discount) {
        StringBuilder a = new StringBuilder(String.format(Locale.ROOT,
                "current customers only, revenue per customer as this year, discount %.2f%% a month", discount * 100));
        a.append(s.wordOfMouth().enabled()
                ? String.format(Locale.ROOT, "; word of mouth ON: %s customers deterred per departure (assumption)", trim(s.wordOfMouth().value()))
                : "; word of mouth off");
        a.append(s.referral().enabled()
                ? String.format(Locale.ROOT, "; referral ON: %s customers referred per customer kept (assumption)", trim(s.referral().value()))
                : "; referral off");
        return a.toString();
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
