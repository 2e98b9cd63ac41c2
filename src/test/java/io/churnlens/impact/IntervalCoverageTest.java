package io.churnlens.impact;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage of the generator's truth by the 90% prediction interval of the model-based revenue lost, over small
 * generated worlds simulated, fitted and bootstrapped on the driver ({@link CoverageWorlds}). No Spark.
 */
class IntervalCoverageTest {
    static final int SEEDS = Integer.getInteger("churnlens.coverage.seeds", 200);
    static final int CUSTOMERS = 1500;

    @Test
    void predictionIntervalCoversTheTruthNinetyPercentOfTheTime() {
        int fitted = 0, prediction = 0, parameter = 0, bootstrap = 0;
        long t0 = System.nanoTime();
        for (long seed = 1; seed <= SEEDS; seed++) {
            CoverageWorlds.Outcome o = CoverageWorlds.run(seed, CUSTOMERS, LocalDate.parse("2026-09-30"), 200);
            if (!o.fitted()) continue;
            fitted++;
            if (o.prediction().covers(o.truth())) prediction++;
            if (o.parameter().covers(o.truth())) parameter++;
            if (o.bootstrap().covers(o.truth())) bootstrap++;
        }
        double coverage = (double) prediction / fitted;
        System.out.printf("coverage over %d fitted of %d seeds (%d customers): prediction %.3f, parameter %.3f, "
                        + "customer bootstrap %.3f; %.1f s%n", fitted, SEEDS, CUSTOMERS, coverage,
                (double) parameter / fitted, (double) bootstrap / fitted, (System.nanoTime() - t0) / 1e9);
        assertThat(fitted).isGreaterThanOrEqualTo(SEEDS * 9 / 10);
        assertThat(coverage).isBetween(0.85, 0.95);
    }
}
