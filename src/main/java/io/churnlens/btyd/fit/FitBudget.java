package io.churnlens.btyd.fit;

import java.io.Serializable;

/**
 * The most a single fit may spend: likelihood evaluations and wall-clock seconds over all its starts (config
 * {@code clv.fit-max-evaluations}, {@code clv.fit-max-seconds}). Checked before every evaluation, so a fit ends at
 * most one evaluation after the budget is spent, in the {@link FitState#FAILED} state with the reason.
 */
public record FitBudget(long maxEvaluations, double maxSeconds) implements Serializable {
    /** The defaults of churnlens-defaults.conf, for callers without a configuration (tests, the library API). */
    public static final FitBudget DEFAULT = new FitBudget(100_000, 60);

    public FitBudget {
        if (maxEvaluations <= 0 || !(maxSeconds > 0)) {
            throw new IllegalArgumentException("a fit budget needs evaluations > 0 and seconds > 0, got "
                    + maxEvaluations + " and " + maxSeconds);
        }
    }

    Meter start() {
        return new Meter(this, System.nanoTime());
    }

    /** Thrown out of the optimiser when the budget is spent. */
    static final class Exhausted extends RuntimeException {
        Exhausted(String message) {
            super(message, null, false, false);
        }
    }

    /** Counts evaluations and time of one fit. */
    static final class Meter {
        private final FitBudget budget;
        private final long startNanos;
        private long evaluations;

        private Meter(FitBudget budget, long startNanos) {
            this.budget = budget;
            this.startNanos = startNanos;
        }

        /** Called before each evaluation; throws {@link Exhausted} when either limit is reached. */
        void tick() {
            if (evaluations >= budget.maxEvaluations || seconds() >= budget.maxSeconds) {
                throw new Exhausted(String.format(java.util.Locale.ROOT,
                        "budget of %d evaluations / %.0f s exhausted (%d evaluations in %.1f s)",
                        budget.maxEvaluations, budget.maxSeconds, evaluations, seconds()));
            }
            evaluations++;
        }

        long evaluations() {
            return evaluations;
        }

        double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }
}
