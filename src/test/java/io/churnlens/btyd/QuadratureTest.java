package io.churnlens.btyd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The test integrator itself, on integrals known exactly (tolerance 1e-10 relative). */
class QuadratureTest {
    @Test
    void gammaAndBetaMomentsAreExact() {
        // E[L] = shape/rate, E[L^2] = shape(shape+1)/rate^2 for Gamma; E[P] = a/(a+b) for Beta.
        double shape = 0.243, rate = 4.414;
        assertThat(Quadrature.gammaExpectation(l -> l, shape, rate, Quadrature.gammaUpper(shape, rate, 1, 0)))
                .isCloseTo(shape / rate, within(1e-10 * shape / rate));
        assertThat(Quadrature.gammaExpectation(l -> l * l, shape, rate, Quadrature.gammaUpper(shape, rate, 2, 0)))
                .isCloseTo(shape * (shape + 1) / (rate * rate), within(1e-10 * shape * (shape + 1) / (rate * rate)));
        assertThat(Quadrature.betaExpectation(p -> p, 0.793, 2.426)).isCloseTo(0.793 / 3.219, within(1e-10));
        assertThat(Quadrature.betaExpectation(p -> 1, 0.3, 0.6)).isCloseTo(1, within(1e-10));
    }
}
