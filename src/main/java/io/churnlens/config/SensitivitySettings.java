package io.churnlens.config;

import com.typesafe.config.Config;

import java.util.List;

/**
 * The {@code impact.sensitivity} section: the other churn definitions {@code churn_sensitivity} reports beside the
 * headline one ({@code churn.inactivity-days}, always included and marked as the headline).
 *
 * @param inactivityDays thresholds in days, each > 0, distinct; reported in ascending order
 * @param pAliveCutoffs  a customer active at the quarter start departed when P(alive) as of T is below the cut-off;
 *                       each in (0, 1], distinct
 */
public record SensitivitySettings(List<Integer> inactivityDays, List<Double> pAliveCutoffs)
        implements java.io.Serializable {
    public SensitivitySettings {
        inactivityDays = inactivityDays.stream().distinct().sorted().toList();
        pAliveCutoffs = pAliveCutoffs.stream().distinct().sorted().toList();
    }

    static SensitivitySettings parse(Config c) {
        Settings s = new Settings(c, "impact.sensitivity");
        List<Integer> days = s.ints("inactivity-days");
        if (days.stream().anyMatch(d -> d <= 0)) {
            throw s.invalid("inactivity-days", days, "thresholds in days above 0, e.g. [90, 180, 365]");
        }
        List<Double> cutoffs = s.numbers("p-alive-cutoffs");
        if (cutoffs.stream().anyMatch(p -> !(p > 0 && p <= 1))) {
            throw s.invalid("p-alive-cutoffs", cutoffs, "probabilities in (0, 1], e.g. [0.3, 0.5, 0.7]");
        }
        return new SensitivitySettings(days, cutoffs);
    }
}
