package io.churnlens.simulate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The BG/NBD closed forms against a direct numerical integration of the model's posterior over (λ, p).
 *
 * <p>With priors Gamma(r, α) and Beta(a, b), a history (x, t_x, T) has likelihood
 * (1−p)^x λ^x e^{−λT} if alive at T, plus p(1−p)^{x−1} λ^x e^{−λ t_x} (x > 0) if the customer dropped out right
 * after the last purchase. Both terms factor into a λ integral and a p integral, computed here by the trapezoid rule
 * on the whole line (λ = e^u, p = logistic(v)), which converges geometrically for these smooth, fast-decaying
 * integrands. Tolerance 1e-9 absolute: the quadrature error is far below that; an error in the formula (a wrong
 * exponent, b + x instead of b + x − 1) shows up in the third decimal or earlier.
 */
class BgNbdTest {
    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest(name = "r={0} alpha={1} a={2} b={3} x={4} t_x={5} T={6} h={7}")
    @CsvSource({
            // the generator's default population
            "0.8, 10.0, 0.7, 3.0,  0,   0.0,  30.0, 12.857",
            "0.8, 10.0, 0.7, 3.0,  1,   2.0,  40.0, 12.857",
            "0.8, 10.0, 0.7, 3.0,  2,  10.0,  40.0, 12.857",
            "0.8, 10.0, 0.7, 3.0, 10,  50.0,  52.0, 12.857",
            "0.8, 10.0, 0.7, 3.0,  5,   5.0, 100.0, 12.857",
            "0.8, 10.0, 0.7, 3.0, 30, 150.0, 151.0,  4.0",
            // the CDNOW estimates of Fader, Hardie and Lee (2005), weeks
            "0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 39.0",
            "0.243, 4.414, 0.793, 2.426, 7, 35.0,  70.0,  52.0",
    })
    void closedFormsMatchNumericalIntegration(double r, double alpha, double a, double b, int x, double tx, double t,
                                              double h) {
        double logAlive = logGammaIntegral(r + x, alpha + t) + logBetaIntegral(a, b + x);
        double logAliveAndSilent = logGammaIntegral(r + x, alpha + t + h) + logBetaIntegral(a, b + x);
        double logDead = x == 0 ? Double.NEGATIVE_INFINITY
                : logGammaIntegral(r + x, alpha + tx) + logBetaIntegral(a + 1, b + x - 1);
        double norm = logSum(logAlive, logDead);
        double expectedAlive = Math.exp(logAlive - norm);
        double expectedNoPurchase = Math.exp(logSum(logAliveAndSilent, logDead) - norm);

        assertThat(BgNbd.probabilityAlive(r, alpha, a, b, x, tx, t)).isCloseTo(expectedAlive, within(TOLERANCE));
        assertThat(BgNbd.probabilityNoPurchase(r, alpha, a, b, x, tx, t, h))
                .isCloseTo(expectedNoPurchase, within(TOLERANCE));
    }

    @Test
    void customerWithoutRepeatPurchaseIsAliveAndTheLongerSilentTheLessLikelyAlive() {
        assertThat(BgNbd.probabilityAlive(0.8, 10, 0.7, 3, 0, 0, 500)).isEqualTo(1.0);
        double recent = BgNbd.probabilityAlive(0.8, 10, 0.7, 3, 4, 48, 50);
        double silent = BgNbd.probabilityAlive(0.8, 10, 0.7, 3, 4, 10, 50);
        assertThat(silent).isLessThan(recent);
        // Long histories stay finite (log space): a heavy buyer silent for years is almost surely gone.
        assertThat(BgNbd.probabilityAlive(0.8, 10, 0.7, 3, 400, 20, 2000)).isBetween(0.0, 1e-12);
    }

    /** log ∫_0^∞ λ^{s−1} e^{−βλ} dλ, with λ = e^u: ∫ exp(s·u − β·e^u) du. */
    private static double logGammaIntegral(double s, double beta) {
        double peak = Math.log(s / beta);
        return logTrapezoid(u -> s * u - beta * Math.exp(u), peak - 60.0 / s - 10, peak + 8, 400_000);
    }

    /** log ∫_0^1 p^{A−1} (1−p)^{B−1} dp, with p = logistic(v): ∫ p^A (1−p)^B dv. */
    private static double logBetaIntegral(double shapeA, double shapeB) {
        return logTrapezoid(v -> -shapeA * Math.log1p(Math.exp(-v)) - shapeB * Math.log1p(Math.exp(v)),
                -60.0 / shapeA - 10, 60.0 / shapeB + 10, 400_000);
    }

    /** log of the trapezoid rule for ∫ exp(f), scaled by the largest value to avoid overflow. */
    private static double logTrapezoid(java.util.function.DoubleUnaryOperator logIntegrand, double from, double to,
                                       int steps) {
        double step = (to - from) / steps;
        double[] values = new double[steps + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= steps; i++) {
            values[i] = logIntegrand.applyAsDouble(from + i * step);
            max = Math.max(max, values[i]);
        }
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double weight = i == 0 || i == steps ? 0.5 : 1.0;
            sum += weight * Math.exp(values[i] - max);
        }
        return max + Math.log(sum * step);
    }

    private static double logSum(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) return a;
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }
}
