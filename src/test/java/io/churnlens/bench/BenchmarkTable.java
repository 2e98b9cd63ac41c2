package io.churnlens.bench;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.model.BinaryMetrics;
import io.churnlens.model.EvaluatedScorer;
import io.churnlens.model.GeneratedChurnData;
import io.churnlens.model.TrainingResult;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The churn benchmark's printout: every scorer's holdout metrics with its ROC AUC as a ratio of the oracle's (on the
 * same holdout customers), the oracle's row, whether the best learned model beats every baseline, and the timings.
 * Ends with a Markdown table for the README.
 */
final class BenchmarkTable {
    private BenchmarkTable() {}

    /** times: generate + ingest + features, training, scoring all, total (wall seconds), then CPU seconds of the JVM. */
    static void print(String world, int customers, long labelled, TrainingResult result,
                      GeneratedChurnData.OracleComparison oracle, ChurnlensConfig.Model model, double[] times, long scored) {
        System.out.printf(Locale.ROOT, "world %s: customers generated %,d; labelled at the cutoff %,d (generate + ingest + features %.1f s)%n",
                world, customers, labelled, times[0]);
        result.classBalance().forEach((split, c) -> System.out.printf(Locale.ROOT, "  %-10s %,8d customers, churn rate %.3f%n",
                split, c[0], (double) c[1] / c[0]));
        System.out.printf(Locale.ROOT, "%-12s %-8s %8s %8s %8s %8s %8s %8s %9s%n", "holdout", "kind", "roc_auc", "/oracle",
                "pr_auc", "brier", "log_loss", "lift@10", "cal_error");
        for (EvaluatedScorer e : result.evaluated()) {
            BinaryMetrics m = e.holdout();
            System.out.printf(Locale.ROOT, "%-12s %-8s %8.4f %8.4f %8.4f %8.4f %8.4f %8.3f %9.4f  %s%n", e.name(),
                    kind(e, model), m.rocAuc(), m.rocAuc() / oracle.oracleAuc(), m.prAuc(), m.brier(), m.logLoss(),
                    m.topDecileLift(), m.calibrationError(), e.scorer().selection());
        }
        System.out.printf(Locale.ROOT, "%-12s %-8s %8.4f %8.4f %8s %8s %8s %8s %9.4f  (%d holdout customers with a truth row)%n",
                "oracle", "truth", oracle.oracleAuc(), 1.0, "", "", "", "", oracle.oracleCalibrationError(), oracle.customers());
        System.out.println("champion: " + result.championReason());
        System.out.println(verdict(result, model));
        System.out.printf(Locale.ROOT, "RESULT %s customers=%d champion=%s roc_auc=%.4f oracle_roc_auc=%.4f ratio=%.4f "
                        + "calibration_error=%.4f (the oracle's own %.4f) holdout=%d train=%.1fs score_all=%.1fs (%d customers) "
                        + "total=%.1fs cpu=%.1fs%n",
                world, customers, result.champion().name(), oracle.championAuc(), oracle.oracleAuc(), oracle.ratio(),
                oracle.championCalibrationError(), oracle.oracleCalibrationError(), oracle.customers(), times[1], times[2],
                scored, times[3], times[4]);
        markdown(world, result, oracle, model);
    }

    private static String kind(EvaluatedScorer e, ChurnlensConfig.Model model) {
        return model.baselines().contains(e.name()) ? "baseline" : "learned";
    }

    /** Best learned against best baseline by holdout ROC AUC. */
    static String verdict(TrainingResult result, ChurnlensConfig.Model model) {
        Comparator<EvaluatedScorer> byAuc = Comparator.comparingDouble(e -> e.holdout().rocAuc());
        Optional<EvaluatedScorer> learned = result.evaluated().stream()
                .filter(e -> !model.baselines().contains(e.name())).max(byAuc);
        Optional<EvaluatedScorer> baseline = result.evaluated().stream()
                .filter(e -> model.baselines().contains(e.name())).max(byAuc);
        if (learned.isEmpty() || baseline.isEmpty()) return "verdict: no learned model or no baseline was evaluated";
        double gap = learned.get().holdout().rocAuc() - baseline.get().holdout().rocAuc();
        return String.format(Locale.ROOT, "verdict: best learned %s %.4f vs best baseline %s %.4f: %s (%+.4f)",
                learned.get().name(), learned.get().holdout().rocAuc(), baseline.get().name(),
                baseline.get().holdout().rocAuc(), gap > 0 ? "beats every baseline" : "does NOT beat every baseline", gap);
    }

    private static void markdown(String world, TrainingResult result, GeneratedChurnData.OracleComparison oracle,
                                 ChurnlensConfig.Model model) {
        System.out.println("| world | scorer | kind | holdout ROC AUC | / oracle | calibration error |");
        System.out.println("|---|---|---|---|---|---|");
        for (EvaluatedScorer e : result.evaluated()) {
            System.out.printf(Locale.ROOT, "| %s | `%s`%s | %s | %.4f | %.4f | %.4f |%n", world, e.name(),
                    e == result.champion() ? " (champion)" : "", kind(e, model), e.holdout().rocAuc(),
                    e.holdout().rocAuc() / oracle.oracleAuc(), e.holdout().calibrationError());
        }
        System.out.printf(Locale.ROOT, "| %s | oracle | truth | %.4f | 1 | %.4f |%n", world, oracle.oracleAuc(),
                oracle.oracleCalibrationError());
    }
}
