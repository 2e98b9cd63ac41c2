package io.churnlens.btyd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnlens.btyd.special.BgNbdConditionalMean;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD's expected purchases E[Y(t) | x, t_x, T] (FHL 2005 eq. 10, a 2F1 at z = t/(alpha+T+t)) against values
 * computed two other ways: (1) Euler's integral E[(1 - (1 + P tau)^-n) / P], P ~ Beta(a, b+x), integrated by the
 * tests' own adaptive Gauss-Kronrod ({@link Quadrature#integrate}) in the logit of P, a variable the production code
 * does not use, everywhere on the grid; (2) the power series of 2F1 summed in BigDecimal with 50 digits, where it
 * converges within {@value #MAX_BIG_TERMS} terms and c > 0. The grid: tau = t/(alpha+T) from 0.01 to 1e10 (z up to
 * 1 - 1e-10, horizons 30 times the observation window), x up to 1,000, a from 1.6e-5 to 30 and b from 0.5 to 1e13
 * (b/a up to 1.7e14, the boundary fits of issue 12). Tolerance: 1e-9 relative.
 */
class BgNbdExpectedPurchasesTest {
    private static final double TOLERANCE = 1e-9;
    private static final int MAX_BIG_TERMS = 20_000;
    private static final MathContext DIGITS = new MathContext(50);
    private static final double ALPHA = 4.0, T = 39.0;

    record Case(double r, double a, double b, int x, double tau) {
        BgNbdModel model() {
            return new BgNbdModel(r, ALPHA, a, b);
        }

        double tx() {
            return x == 0 ? 0 : T / 2;
        }

        double horizon() {
            return tau * (ALPHA + T);
        }
    }

    static List<Case> grid() {
        List<Case> cases = new ArrayList<>();
        List<double[]> ab = new ArrayList<>();
        for (double a : new double[] {0.06, 0.79, 2.5, 30}) {
            for (double b : new double[] {0.5, 2.43, 32, 1e5}) ab.add(new double[] {a, b});
        }
        ab.add(new double[] {1.6e-5, 63_423});      // the "converged" boundary fit of issue 12
        ab.add(new double[] {0.06, 1e13});
        for (double r : new double[] {0.243, 1.4}) {
            for (double[] p : ab) {
                for (int x : new int[] {0, 1, 10, 100, 1000}) {
                    for (double tau : new double[] {0.01, 1, 30, 1e4, 1e10}) cases.add(new Case(r, p[0], p[1], x, tau));
                }
            }
        }
        return cases;
    }

    @Test
    void matchesEulersIntegralAndTheBigDecimalSeries() {
        int bigChecked = 0;
        for (Case c : grid()) {
            BgNbdModel m = c.model();
            double value = m.expectedPurchases(c.horizon(), c.x, c.tx(), T);
            double pAlive = m.pAlive(c.x, c.tx(), T);
            double euler = pAlive * eulerIntegral(c.r + c.x, c.b + c.x, c.a, c.tau);
            assertThat(value).as("%s", c).isFinite().isPositive();
            assertThat(value).as("%s against Euler's integral", c).isCloseTo(euler, within(TOLERANCE * euler));
            double big = bigDecimalSeries(c.r + c.x, c.b + c.x, c.a, c.tau);
            if (!Double.isNaN(big)) {
                assertThat(value).as("%s against the BigDecimal series", c)
                        .isCloseTo(pAlive * big, within(TOLERANCE * pAlive * big));
                bigChecked++;
            }
        }
        assertThat(bigChecked).as("grid points with a BigDecimal reference").isGreaterThan(300);
    }

    @Test
    void seriesAndIntegralAgreeWhereTheSeriesApplies() {
        // Two independent routes inside production code: at small z the model takes the series, the integral
        // is called directly.
        int compared = 0;
        for (Case c : grid()) {
            if (c.tau > 1 || Math.abs(c.a - 1) < 0.1 || c.b > 1e4) continue;
            double series = c.model().expectedPurchases(c.horizon(), c.x, c.tx(), T) / c.model().pAlive(c.x, c.tx(), T);
            double integral = BgNbdConditionalMean.ifAlive(c.r + c.x, c.b + c.x, c.a, c.tau);
            assertThat(integral).as("%s", c).isCloseTo(series, within(1e-10 * series));
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void boundedAndFiniteAtExtremeArguments() {
        // Beyond any fitted value: every call ends with a finite positive number (or would throw, never NaN).
        double[] shapes = {1e-6, 0.01, 0.5, 1, 1 + 1e-9, 3.3, 50, 1e4, 1e13};
        for (double a : shapes) {
            for (double b : shapes) {
                for (int x : new int[] {0, 1, 1000, 5000}) {
                    for (double tau : new double[] {1e-12, 0.3, 1e3, 1e10, 1e15}) {
                        double v = BgNbdConditionalMean.ifAlive(0.7 + x, b + x, a, tau);
                        assertThat(v).as("a=%s b=%s x=%d tau=%s", a, b, x, tau).isFinite().isPositive();
                        double e = new BgNbdModel(0.7, ALPHA, a, b).expectedPurchases(tau * (ALPHA + T), x, 1, T);
                        // P(alive) may underflow to 0 (x = 1000 purchases in the first week of 39).
                        assertThat(e).as("model a=%s b=%s x=%d tau=%s", a, b, x, tau).isFinite().isNotNegative();
                    }
                }
            }
        }
    }

    @Test
    void refusesArgumentsItCannotMean() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BgNbdConditionalMean.ifAlive(1, Double.NaN, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta=NaN");
    }

    /**
     * E[(1 - (1 + P tau)^-n) / P] for P ~ Beta(a, beta) in s = logit P, where the density times the Jacobian is
     * e^{a s} (1 + e^s)^-(a+beta) / B(a, beta): smooth, decaying exponentially both ways, no endpoint singularity.
     * The log-integrand is scanned outwards from the Beta mode to find its maximum and where it has fallen by 60.
     */
    static double eulerIntegral(double n, double beta, double a, double tau) {
        double logTau = Math.log(tau);
        java.util.function.DoubleUnaryOperator logF = s -> {
            double logP = -softplus(-s), log1mP = -softplus(s);
            double logW = logTau + logP, w = Math.exp(logW);
            double logPsi = n * w < 1e-12 ? logTau + Math.log(n) - (n + 1) * w / 2
                    : Math.log(-Math.expm1(-n * Math.log1p(w))) - logP;
            return logPsi + a * logP + beta * log1mP;
        };
        double s0 = Math.log(a / beta), max = logF.applyAsDouble(s0), at = s0, left = s0, right = s0;
        boolean leftDone = false, rightDone = false;
        for (double d = 0.01; !(leftDone && rightDone) && d < 1e9; d *= 1.02) {
            double lv = logF.applyAsDouble(s0 - d), rv = logF.applyAsDouble(s0 + d);
            if (lv > max) { max = lv; at = s0 - d; }
            if (rv > max) { max = rv; at = s0 + d; }
            if (!leftDone) { left = s0 - d; leftDone = lv < max - 60; }
            if (!rightDone) { right = s0 + d; rightDone = rv < max - 60; }
        }
        double peak = max, mode = at;
        java.util.function.DoubleUnaryOperator f = s -> Math.exp(logF.applyAsDouble(s) - peak);
        double integral = Quadrature.integrate(f, left, mode) + Quadrature.integrate(f, mode, right);
        return Math.exp(peak + Math.log(integral) - Beta.logBeta(a, beta));
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /**
     * c [(1 - q^n) - q^n (2F1(n, beta; c; z) - 1)] / (a-1), c = a+beta-1, with 2F1 - 1 summed in BigDecimal until the
     * remaining tail is below 1e-40 of the sum. NaN where that needs more than MAX_BIG_TERMS terms, where c <= 0,
     * or where the difference in double would lose more than four digits (a near 1, c large).
     */
    static double bigDecimalSeries(double n, double beta, double a, double tau) {
        double c = a + beta - 1, z = tau / (1 + tau);
        double logQn = -n * Math.log1p(tau);
        if (!(c > 0) || z > 0.999 || (n + beta) * z / (1 - z) + 200 / (1 - z) > MAX_BIG_TERMS) {
            return Double.NaN;
        }
        BigDecimal bz = new BigDecimal(z), bn = new BigDecimal(n), bb = new BigDecimal(beta), bc = new BigDecimal(c);
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ZERO, tiny = new BigDecimal("1e-40");
        for (int k = 0; k < MAX_BIG_TERMS; k++) {
            BigDecimal bk = BigDecimal.valueOf(k);
            term = term.multiply(bn.add(bk).multiply(bb.add(bk), DIGITS).multiply(bz, DIGITS), DIGITS)
                    .divide(bc.add(bk).multiply(BigDecimal.valueOf(k + 1L), DIGITS), DIGITS);
            sum = sum.add(term, DIGITS);
            double next = (n + k + 1) * (beta + k + 1) * z / ((c + k + 1) * (k + 2.0));
            double bound = Math.max(next, z);
            if (next < 1 && term.compareTo(sum.multiply(tiny.multiply(BigDecimal.valueOf(1 - bound)), DIGITS)) < 0) {
                double qnTail = Math.exp(logQn + log(sum)), oneMinusQn = -Math.expm1(logQn);
                double value = c * (oneMinusQn - qnTail) / (a - 1);
                return c * oneMinusQn > 1e4 * Math.abs((a - 1) * value) ? Double.NaN : value;
            }
        }
        return Double.NaN;
    }

    private static double log(BigDecimal v) {
        int exponent = v.precision() - v.scale() - 1;
        return Math.log(v.movePointLeft(exponent).doubleValue()) + exponent * Math.log(10);
    }
}
