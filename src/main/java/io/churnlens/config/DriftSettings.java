package io.churnlens.config;

import com.typesafe.config.Config;

/**
 * The {@code drift} section: when a change between this snapshot and the previous published one counts as a move
 * worth reporting ({@code model_drift}, the report's drift section).
 *
 * @param seMultiple         a BTYD parameter moved when |now - then| > seMultiple × sqrt(se_then² + se_now²) (3)
 * @param psiModerate        population stability index from which a feature's shift is moderate (0.1)
 * @param psiMajor           ... and major, flagged (0.25)
 * @param psiBins            bins per feature: the previous snapshot's quantiles (10 = deciles)
 * @param psiEpsilon         share given to an empty bin so that ln(a / e) stays finite (0.0001)
 * @param metricChange       a holdout metric on the 0-1 scale (roc_auc, pr_auc, brier, calibration_error) moved when
 *                           its absolute change exceeds this (0.02)
 * @param segmentShareChange a segment or cluster moved when its share of customers changed by more than this (0.05)
 */
public record DriftSettings(double seMultiple, double psiModerate, double psiMajor, int psiBins, double psiEpsilon,
                            double metricChange, double segmentShareChange) implements java.io.Serializable {

    static DriftSettings parse(Config c) {
        Settings s = new Settings(c, "drift");
        double moderate = s.positive("psi-moderate");
        double major = s.positive("psi-major");
        if (major < moderate) throw s.invalid("psi-major", major, "a number not below drift.psi-moderate (" + moderate + ")");
        int bins = s.positiveInt("psi-bins");
        if (bins < 2 || bins > 100) throw s.invalid("psi-bins", bins, "a whole number in 2..100");
        double epsilon = s.positive("psi-epsilon");
        if (epsilon >= 1.0 / bins) throw s.invalid("psi-epsilon", epsilon, "a share well below 1 / drift.psi-bins");
        return new DriftSettings(s.positive("se-multiple"), moderate, major, bins, epsilon, s.fraction("metric-change"),
                s.fraction("segment-share-change"));
    }

    /** The defaults of {@code churnlens-defaults.conf}, for tests and callers without a config file. */
    public static DriftSettings defaults() {
        return new DriftSettings(3, 0.1, 0.25, 10, 1e-4, 0.02, 0.05);
    }
}
