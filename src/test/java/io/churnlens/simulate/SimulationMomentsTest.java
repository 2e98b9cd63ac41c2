package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.schema.SimulationColumns.Truth;
import io.churnlens.testing.SparkTestBase;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The latent rates and drop-out probabilities the generator draws follow the configured distributions.
 *
 * <p>Tolerance: 4 standard errors of the statistic, the standard error estimated from the sample itself — for a mean
 * s/√n, for a variance √((m4 − s⁴)/n) with m4 the fourth central moment. With 20,000 customers that is about 3% of
 * the mean of λ and 8% of its variance (λ ~ Gamma(0.8) is skewed), and under 2% of the mean of p. A wrong shape,
 * a scale used as a rate (mean 8 instead of 0.08) or a swapped a and b is off by far more.
 */
class SimulationMomentsTest extends SparkTestBase {
    private static final int CUSTOMERS = 20_000;
    private static final double STANDARD_ERRORS = 4.0;

    @Test
    void lambdaAndDropoutMatchGammaAndBetaMomentsInOnePopulation() {
        List<String> overrides = TestSettings.oneGroup();
        overrides.add("simulate.customers=" + CUSTOMERS);
        Simulate settings = TestSettings.simulate(overrides.toArray(String[]::new));
        double r = settings.bgnbd().r();
        double alpha = settings.bgnbd().alpha();
        double a = settings.bgnbd().a();
        double b = settings.bgnbd().b();

        List<Row> rows = Simulation.run(spark, settings).groundTruth()
                .select(Truth.LAMBDA_PER_WEEK, Truth.DROPOUT_P, Truth.SPEND_NU).collectAsList();
        assertThat(rows).hasSize(CUSTOMERS);
        Moments lambda = Moments.of(rows, Truth.LAMBDA_PER_WEEK);
        Moments dropout = Moments.of(rows, Truth.DROPOUT_P);
        Moments nu = Moments.of(rows, Truth.SPEND_NU);

        assertMean(lambda, r / alpha);
        assertVariance(lambda, r / (alpha * alpha));
        assertMean(dropout, a / (a + b));
        assertVariance(dropout, a * b / ((a + b) * (a + b) * (a + b + 1)));
        assertMean(nu, settings.spend().q() / settings.spend().gamma());
    }

    /** Every (country, channel) group has the mean λ and p its factors imply, within 4 standard errors each. */
    @Test
    void groupsShiftTheirMeansByTheirFactors() {
        Simulate settings = TestSettings.simulate("simulate.customers=" + CUSTOMERS);
        List<Row> rows = Simulation.run(spark, settings).groundTruth()
                .select(Truth.COUNTRY, Truth.CHANNEL, Truth.LAMBDA_PER_WEEK, Truth.DROPOUT_P).collectAsList();
        Map<String, List<Row>> byGroup = new HashMap<>();
        rows.forEach(row -> byGroup.computeIfAbsent(row.getAs(Truth.COUNTRY) + "/" + row.getAs(Truth.CHANNEL), k -> new ArrayList<>()).add(row));
        assertThat(byGroup).hasSize(settings.countries().values().size() * settings.channels().values().size());

        for (int i = 0; i < settings.countries().values().size(); i++) {
            for (int j = 0; j < settings.channels().values().size(); j++) {
                String key = settings.countries().values().get(i) + "/" + settings.channels().values().get(j);
                double rateFactor = settings.countries().rateFactors().get(i) * settings.channels().rateFactors().get(j);
                double loyalty = settings.countries().loyaltyFactors().get(i) * settings.channels().loyaltyFactors().get(j);
                double a = settings.bgnbd().a();
                double b = settings.bgnbd().b() * loyalty;
                List<Row> group = byGroup.get(key);
                assertThat(group).as(key).hasSizeGreaterThan(200);
                assertMean(Moments.of(group, Truth.LAMBDA_PER_WEEK), settings.bgnbd().r() / settings.bgnbd().alpha() * rateFactor);
                assertMean(Moments.of(group, Truth.DROPOUT_P), a / (a + b));
            }
        }
    }

    private static void assertMean(Moments m, double expected) {
        double standardError = Math.sqrt(m.variance / m.n);
        assertThat(m.mean).as("sample mean (n=%d, SE=%.3g)", m.n, standardError)
                .isCloseTo(expected, within(STANDARD_ERRORS * standardError));
    }

    private static void assertVariance(Moments m, double expected) {
        double standardError = Math.sqrt((m.fourth - m.variance * m.variance) / m.n);
        assertThat(m.variance).as("sample variance (n=%d, SE=%.3g)", m.n, standardError)
                .isCloseTo(expected, within(STANDARD_ERRORS * standardError));
    }

    /** Sample mean, variance and fourth central moment of one column. */
    private record Moments(int n, double mean, double variance, double fourth) {
        static Moments of(List<Row> rows, String column) {
            int n = rows.size();
            double mean = rows.stream().mapToDouble(r -> r.<Double>getAs(column)).average().orElseThrow();
            double second = 0;
            double fourth = 0;
            for (Row row : rows) {
                double d = row.<Double>getAs(column) - mean;
                second += d * d;
                fourth += d * d * d * d;
            }
            return new Moments(n, mean, second / (n - 1), fourth / n);
        }
    }
}
