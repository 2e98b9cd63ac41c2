package io.churnlens.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The 2F1 series against identities with elementary closed forms, including values far beyond the double range. */
class HypergeometricTest {
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
        // z this close to 1 with slowly decaying terms needs more terms than allowed: NaN, never a partial sum.
        assertThat(Hypergeometric.logTail(5, 5, 0.5, 1 - 1e-7)).isNaN();
    }
}
