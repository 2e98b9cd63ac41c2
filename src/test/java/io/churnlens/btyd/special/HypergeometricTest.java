package io.churnlens.btyd.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.churnlens.btyd.Quadrature;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The 2F1 functions against values computed another way.
 *
 * <p>{@link Hypergeometric} (BG/NBD's series) against identities with elementary closed forms. {@link ParetoTailIntegral}
 * (Pareto/NBD's 2F1(a, b; a+1; -delta)) against (1) the Fader-Hardie series itself, 2F1(a, a+1-b; a+1; zeta)
 * (1+delta)^-a, summed in BigDecimal with 50 digits until the remaining tail is below 1e-40 of the sum, where that
 * takes at most {@value #MAX_BIG_TERMS} terms, and (2) Euler's integral integrated numerically by the test's own
 * adaptive quadrature, everywhere. The grid spans beta/alpha from 1e-4 to 1e5, x up to 1,000 and the
 * Fader-Hardie argument z up to 1 - 1e-10. Tolerance: 1e-9 absolute on the logarithm (1e-9 relative on the value,
 * and so 1e-9 or better on a log-likelihood contribution).
 */
class HypergeometricTest {
    private static final double TOLERANCE = 1e-9;
    private static final int MAX_BIG_TERMS = 60_000;
    private static final MathContext DIGITS = new MathContext(50);

    @Test
    void matchesElementaryIdentities() {
        // 2F1(1,1;2;z) = -ln(1-z)/z, tolerance 1e-13 relative (log scale).
        for (double z : new double[] {0.01, 0.5, 0.9, 0.999}) {
            assertThat(Hypergeometric.log2F1(1, 1, 2, z)).isCloseTo(Math.log(-Math.log1p(-z) / z), within(1e-13));
        }
        // 2F1(a,b;b;z) = (1-z)^-a: with a = 150, z = 0.99 the value is e^690.8, beyond a double.
        assertThat(Hypergeometric.log2F1(150, 3, 3, 0.99)).isCloseTo(-150 * Math.log(0.01), within(1e-10));
        // c (2F1 - 1) for c -> 0 stays finite: 2F1(a,b;c;z) ~ 1 + ab z / c; the tail equals ab z (1 + O(z)).
        assertThat(Math.exp(Hypergeometric.logTail(0.5, 0.7, -0.2, 1e-9))).isCloseTo(0.35e-9, within(1e-16));
    }

    @Test
    void refusesToTruncate() {
        // z this close to 1 with slowly decaying terms needs more terms than allowed: never a partial sum. With an
        // explicit cap NaN means "needs more terms"; without, it throws with the arguments.
        assertThat(Hypergeometric.logTail(5, 5, 0.5, 1 - 1e-7, Hypergeometric.MAX_TERMS)).isNaN();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Hypergeometric.logTail(5, 5, 0.5, 1 - 1e-7))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("z=0.9999999");
    }

    @Test
    void paretoTailMatchesHighPrecisionSummationAndEulersIntegral() {
        int bigChecked = 0;
        for (Case c : grid()) {
            double value = ParetoTailIntegral.log2F1(c.a, c.b, c.delta);
            assertThat(value).as("%s", c).isFinite();
            assertThat(value).as("%s against Euler's integral", c).isCloseTo(eulerIntegral(c.a, c.b, c.delta),
                    within(TOLERANCE));
            double big = bigDecimalFaderHardie(c.a, c.b, c.delta);
            if (!Double.isNaN(big)) {
                assertThat(value).as("%s against the BigDecimal series", c).isCloseTo(big, within(TOLERANCE));
                bigChecked++;
            }
        }
        assertThat(bigChecked).as("grid points with a BigDecimal reference").isGreaterThan(60);
    }

    @Test
    void bothRepresentationsAgreeWhereBothApply() {
        // The Pfaff series (when it converges within its cap) and the quadrature are two independent routes.
        int compared = 0;
        for (Case c : grid()) {
            if (c.delta == 0) continue;
            double series = ParetoTailIntegral.pfaffSeries(c.a, c.b, c.delta);
            if (Double.isNaN(series)) continue;
            assertThat(ParetoTailIntegral.euler(c.a, c.b, c.delta)).as("%s", c).isCloseTo(series, within(1e-11));
            compared++;
        }
        assertThat(compared).isGreaterThan(50);
    }

    @Test
    void costIsBoundedAtExtremeArguments() {
        // Far beyond any fitted value (the optimiser may try log-parameters up to +-30): every call ends, finite,
        // within the series cap or the quadrature's interval cap (which would throw, not truncate).
        double[] shapes = {1e-6, 0.01, 0.7, 1, 3.3, 50, 1e4};
        for (double r : shapes) {
            for (double s : shapes) {
                for (int x : new int[] {0, 1, 7, 1000, 5000}) {
                    for (double delta : new double[] {1e-12, 0.3, 1, 7, 1e3, 1e8, 1e13, 1e26}) {
                        double a = r + s + x;
                        assertThat(ParetoTailIntegral.log2F1(a, s + 1, delta)).as("a=%s b=%s delta=%s", a, s + 1, delta)
                                .isFinite();
                        assertThat(ParetoTailIntegral.log2F1(a, r + x, delta)).as("a=%s b=%s delta=%s", a, r + x, delta)
                                .isFinite();
                    }
                }
            }
        }
    }

    /** (a, b, delta) as Pareto/NBD forms them, with the Fader-Hardie argument z for the messages. */
    record Case(double a, double b, double delta, double z, String what) {}

    static List<Case> grid() {
        List<Case> cases = new ArrayList<>();
        double alpha = 4.0;
        for (double[] rs : new double[][] {{1.4536, 2.5382}, {0.3, 0.6}}) {
            double r = rs[0], s = rs[1];
            for (double ratio : new double[] {1e-4, 1e-2, 0.5, 2, 830, 1e5}) {
                double beta = alpha * ratio;
                for (int x : new int[] {0, 1, 3, 10, 100, 500, 1000}) {
                    for (double u : new double[] {0, 1, 30}) {
                        cases.add(paretoCase(r, s, x, alpha, beta, u));
                    }
                }
            }
            // z = 1 - 1e-10: (alpha + u) / (beta + u) = 1e-10 at u = 0, and the mirror image.
            for (int x : new int[] {0, 2, 1000}) {
                cases.add(paretoCase(r, s, x, 1e-10, 1, 0));
                cases.add(paretoCase(r, s, x, 1, 1e-10, 0));
            }
        }
        return cases;
    }

    private static Case paretoCase(double r, double s, int x, double alpha, double beta, double u) {
        double base = Math.min(alpha, beta) + u, other = Math.max(alpha, beta) + u;
        double k = beta > alpha ? s + 1 : r + x;
        return new Case(r + s + x, k, (other - base) / base, (other - base) / other,
                String.format("r=%s s=%s x=%d alpha=%s beta=%s u=%s", r, s, x, alpha, beta, u));
    }

    /**
     * log of 2F1(a, a+1-b; a+1; zeta) (1+delta)^-a, zeta = delta/(1+delta): the Fader-Hardie form of the same
     * function, in BigDecimal. NaN where it would need more than MAX_BIG_TERMS terms (z near 1 with many purchases).
     */
    static double bigDecimalFaderHardie(double a, double b, double delta) {
        double zeta = delta / (1 + delta), m = a + 1 - b;
        if (zeta >= 0.999 || m * zeta / (1 - zeta) + 120 / (1 - zeta) > MAX_BIG_TERMS) return Double.NaN;
        BigDecimal bz = new BigDecimal(zeta), ba = new BigDecimal(a), bm = new BigDecimal(m), bc = new BigDecimal(a + 1);
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE, tiny = new BigDecimal("1e-40");
        for (int j = 0; j < MAX_BIG_TERMS; j++) {
            BigDecimal bj = BigDecimal.valueOf(j);
            term = term.multiply(ba.add(bj).multiply(bm.add(bj), DIGITS).multiply(bz, DIGITS), DIGITS)
                    .divide(bc.add(bj).multiply(BigDecimal.valueOf(j + 1L), DIGITS), DIGITS);
            sum = sum.add(term, DIGITS);
            // Past the peak the ratios fall towards zeta: the tail is below term * R / (1 - R).
            double next = (a + j + 1) * (m + j + 1) * zeta / ((a + j + 2) * (j + 2.0));
            double bound = Math.max(next, zeta);
            if (next < 1 && term.compareTo(sum.multiply(tiny.multiply(BigDecimal.valueOf(1 - bound)), DIGITS)) < 0) {
                return log(sum) - a * Math.log1p(delta);
            }
        }
        return Double.NaN;
    }

    private static double log(BigDecimal v) {
        int exponent = v.precision() - v.scale() - 1;
        return Math.log(v.movePointLeft(exponent).doubleValue()) + exponent * Math.log(10);
    }

    /**
     * log of a int_0^1 w^(a-1) (1 + delta w)^-b dw (Euler's integral), with w = e^-y and the integrand divided by its
     * value at y = 0, by {@link Quadrature#integrate} over [0, Y] split at ln(delta), Y far beyond the mass.
     */
    static double eulerIntegral(double a, double b, double delta) {
        if (delta == 0) return 0;
        double logDelta = Math.log(delta);
        double at0 = b * Math.log1p(delta);
        java.util.function.DoubleUnaryOperator f = y -> Math.exp(-a * y - b * Math.log1p(delta * Math.exp(-y)) + at0);
        double knee = Math.max(logDelta, 0);
        // Beyond the knee the integrand falls at least as e^-(a y); everywhere at least as e^-((a-b) y) when a > b.
        double end = knee + 60 / a;
        if (a > b) end = Math.min(end, 60 / (a - b));
        double integral = knee > 0 && knee < end
                ? Quadrature.integrate(f, 0, knee) + Quadrature.integrate(f, knee, end)
                : Quadrature.integrate(f, 0, end);
        return Math.log(a) - at0 + Math.log(integral);
    }
}
