package io.churnlens.simulate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Monte-Carlo truth against closed forms, from a single customer with a known hidden state. Tolerances are 4
 * standard errors of a share estimated from the number of futures (0.5 / √n at most).
 */
class FutureSamplerTest {
    private static final LocalDate START = LocalDate.of(2023, 10, 1);
    private static final double T = 700;
    private static final double H = 90;
    private static final int FUTURES = 40_000;
    private static final double TOLERANCE = 4 * 0.5 / Math.sqrt(FUTURES);

    private static DisengagingParameters params(double amplitude, double returnStep) {
        return new DisengagingParameters(2, 100, 3, 150, 0.1, 0.7, 10, returnStep, amplitude, 340, FUTURES);
    }

    private static FutureSampler.Estimate sample(DisengagingParameters p, double lambda, double hazard, double lead,
                                                 LifeState state) {
        DisengagingProcess law = new DisengagingProcess(p, new Seasonality(p.seasonAmplitude(), 340, START), lambda,
                hazard, lead, 0.0, 30);
        return new FutureSampler(FUTURES).sample(law, state, T + H, RandomDraws.of(1, 2, RandomDraws.Purpose.FUTURES));
    }

    /** Disengagement, season and returns off: the constant-hazard (Pareto/NBD individual-level) closed forms. */
    @Test
    void withEverythingOffItIsTheConstantHazardWorld() {
        double lambda = 0.1;
        double mu = 0.1;
        FutureSampler.Estimate e = sample(params(0, 0), lambda, mu, 0.0, new LifeState(T));

        double total = (lambda + mu) * H / 7;
        double noPurchase = Math.exp(-total) + mu / (lambda + mu) * (1 - Math.exp(-total));
        assertThat(e.pNoPurchase()).isCloseTo(noPurchase, within(TOLERANCE));
        assertThat(e.pAliveAtEnd()).isCloseTo(Math.exp(-mu * H / 7), within(TOLERANCE));
        assertThat(e.futures()).isEqualTo(FUTURES);
    }

    /** A return due 10 days after T doubles the hazard from then on (step 1): survival exp(−μ·10 − 2μ·80), per day. */
    @Test
    void aPendingReturnRaisesTheHazardFromTheDayItIsMade() {
        double mu = 0.2;
        LifeState state = new LifeState(T);
        state.schedule(T + 10);
        FutureSampler.Estimate e = sample(params(0, 1.0), 0.0, mu, 0.0, state);

        assertThat(e.pAliveAtEnd()).isCloseTo(Math.exp(-(mu * 10 + 2 * mu * 80) / 7), within(TOLERANCE));
        assertThat(e.pNoPurchase()).isEqualTo(1.0);
    }

    /**
     * A customer already disengaging (onset 30 days before T, lead 100 days: drop-out at T + 70) in a seasonal year,
     * no further hazard: P(no purchase) = exp(−∫ λ·season·engagement dt), the integral taken here by the trapezoid
     * rule on a season written out again.
     */
    @Test
    void aDisengagingCustomersSilenceIsTheExponentOfTheIntegratedRate() {
        double lambda = 0.6;
        double amplitude = 0.4;
        LifeState state = new LifeState(T);
        state.onsetDay = T - 30;
        state.dropoutDay = T + 70;
        FutureSampler.Estimate e = sample(params(amplitude, 0), lambda, 0.0, 100, state);

        int steps = 20_000;
        double integral = 0;
        for (int i = 0; i <= steps; i++) {
            double t = T + H * i / steps;
            double doy = START.getDayOfYear() + t;
            double season = 1 + amplitude * Math.cos(2 * Math.PI * (doy - 340) / 365.25);
            double engagement = t < T + 70 ? 1 - 0.9 * (t - (T - 30)) / 100 : 0;
            integral += (i == 0 || i == steps ? 0.5 : 1.0) * lambda / 7 * season * engagement;
        }
        integral *= H / steps;
        assertThat(e.pNoPurchase()).isCloseTo(Math.exp(-integral), within(TOLERANCE));
        assertThat(e.pAliveAtEnd()).isEqualTo(0.0);
    }

    @Test
    void seasonalityIntegralMatchesTheTrapezoidRuleAndPeaksInQ4() {
        Seasonality season = new Seasonality(0.4, 340, START);
        double from = 100;
        double to = 500;
        int steps = 40_000;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            sum += (i == 0 || i == steps ? 0.5 : 1.0) * season.factor(from + (to - from) * i / steps);
        }
        assertThat(season.integral(from, to)).isCloseTo(sum * (to - from) / steps, within(1e-6));
        assertThat(season.integral(0, 365.25)).isCloseTo(365.25, within(1e-9));
        int dec6 = (int) (LocalDate.of(2024, 12, 5).toEpochDay() - START.toEpochDay());
        assertThat(season.factor(dec6 + 0.5)).isCloseTo(1.4, within(1e-3));
    }
}
