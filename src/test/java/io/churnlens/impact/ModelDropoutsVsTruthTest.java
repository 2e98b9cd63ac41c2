package io.churnlens.impact;

import io.churnlens.testing.SparkTestBase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model-based revenue lost to drop-outs in the last quarter against the generator's truth, on 4,000 customers
 * of one BG/NBD population (the model the CLV stage fits). The 100,000-customer figures (target: within 5%), for one
 * population and for the generator's default mix of groups, are printed by {@code io.churnlens.bench.ImpactBenchmark}.
 *
 * <p>Bound: on 4,000 customers only ~100-200 drop out in a quarter, each with a very different annual value, so
 * the sampling error of the true sum alone is ~10%; the bound of 25% leaves room for that and fails on a model that
 * ignores drop-out (P(alive) = 1 gives 0, error -100%) or calls every buyer dropped (error several 100%).
 */
class ModelDropoutsVsTruthTest extends SparkTestBase {
    @Test
    void revenueOfExpectedDropoutsIsCloseToTheTruth() {
        GeneratedHistory.Comparison c = GeneratedHistory.compare(spark, 4000, 11, LocalDate.parse("2026-09-30"),
                GeneratedHistory.oneGroup());
        System.out.printf("model drop-outs %.1f vs true %d (%+.1f%%); revenue %.0f vs true %.0f (%+.1f%%)%n",
                c.expectedDropouts(), c.trueDropouts(), 100 * c.countRelativeError(), c.modelRevenue(), c.trueRevenue(),
                100 * c.revenueRelativeError());
        assertThat(c.trueDropouts()).isGreaterThan(50);
        assertThat(Math.abs(c.revenueRelativeError())).as("relative error of the drop-out revenue").isLessThan(0.25);
        assertThat(Math.abs(c.countRelativeError())).as("relative error of the drop-out count").isLessThan(0.25);
    }
}
