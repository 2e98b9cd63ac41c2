package io.churnlens.config;

import com.typesafe.config.Config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code impact} section: assumptions behind the revenue-impact figures and the management report. Optional
 * inputs (marketing spend, retention cost) stay absent when not given, so the outputs can say "not known" instead
 * of showing a zero.
 *
 * @param marketingSpend            quarter label ({@code 2026-Q3}) to spend; quarters not listed are unknown
 * @param retentionCostPerCustomer  null when not known
 * @param sensitivity               the other churn definitions of churn_sensitivity ({@code impact.sensitivity})
 */
public record ImpactSettings(int historyQuarters, Map<String, BigDecimal> marketingSpend,
                             BigDecimal retentionCostPerCustomer, List<Double> scenarioReductionsPp,
                             double scenarioReductionShare, int scenarioHorizonQuarters, int cohortProjectionQuarters,
                             int cohortMinCustomers, int topCustomers, Multiplier wordOfMouth, Multiplier referral,
                             Reference reference, SensitivitySettings sensitivity) implements java.io.Serializable {

    /** An optional assumption: {@code value} counts only when {@code enabled}. */
    public record Multiplier(boolean enabled, double value) implements java.io.Serializable {
        public double effective() {
            return enabled ? value : 0.0;
        }
    }

    /** External reference points: figures from outside our data, shown with their source. */
    public record Reference(double revenueLostShare, String revenueLostShareSource, double acquisitionToRetentionCost,
                            String acquisitionToRetentionCostSource) implements java.io.Serializable {}

    private static final Pattern SPEND = Pattern.compile("\\s*(\\d{4}-Q[1-4])\\s*=\\s*([0-9]+(?:\\.[0-9]+)?)\\s*");

    static ImpactSettings parse(Config c) {
        Settings s = new Settings(c, "impact");
        Map<String, BigDecimal> spend = new LinkedHashMap<>();
        for (String entry : s.strings("marketing-spend")) {
            Matcher m = SPEND.matcher(entry);
            if (!m.matches()) throw s.invalid("marketing-spend", entry, "entries like \"2026-Q3=45000\" (quarter=amount, amount >= 0)");
            if (spend.put(m.group(1), new BigDecimal(m.group(2))) != null) {
                throw s.invalid("marketing-spend", entry, "one entry per quarter (" + m.group(1) + " is listed twice)");
            }
        }
        String retention = s.optional("retention-cost-per-customer");
        BigDecimal retentionCost = null;
        if (retention != null) {
            try {
                retentionCost = new BigDecimal(retention);
            } catch (NumberFormatException e) {
                throw s.invalid("retention-cost-per-customer", retention, "an amount such as \"25\", or \"\" when not known");
            }
            if (retentionCost.signum() < 0) throw s.invalid("retention-cost-per-customer", retention, "an amount >= 0");
        }
        List<Double> reductions = List.copyOf(s.numbers("scenario-churn-reductions-pp"));
        if (reductions.stream().anyMatch(v -> !(v > 0 && v <= 100))) {
            throw s.invalid("scenario-churn-reductions-pp", reductions, "percentage points in (0, 100], e.g. [1, 2, 5, 10]");
        }
        double share = s.fraction("scenario-churn-reduction-share");
        int cohortMin = s.positiveInt("cohort-min-customers");
        Settings wom = new Settings(c, "impact.word-of-mouth");
        Settings ref = new Settings(c, "impact.referral");
        Settings r = new Settings(c, "impact.reference");
        return new ImpactSettings(s.positiveInt("history-quarters"), Map.copyOf(spend), retentionCost, reductions,
                share, s.positiveInt("scenario-horizon-quarters"), s.positiveInt("cohort-projection-quarters"),
                cohortMin, s.positiveInt("top-customers"),
                new Multiplier(wom.bool("enabled"), nonNegative(wom, "customers-deterred-per-departure")),
                new Multiplier(ref.bool("enabled"), nonNegative(ref, "customers-referred-per-kept-customer")),
                new Reference(r.fraction("revenue-lost-share"), r.string("revenue-lost-share-source"),
                        r.positive("acquisition-to-retention-cost"), r.string("acquisition-to-retention-cost-source")),
                SensitivitySettings.parse(c));
    }

    private static double nonNegative(Settings s, String key) {
        double v = s.number(key);
        if (!(v >= 0)) throw s.invalid(key, v, "a number >= 0");
        return v;
    }

    /** Marketing spend of the quarter, or null when not given. */
    public BigDecimal spendFor(String quarterLabel) {
        return marketingSpend.get(quarterLabel);
    }
}
