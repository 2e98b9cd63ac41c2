package io.churnlens.btyd;

import static io.churnlens.btyd.Quadrature.betaExpectation;
import static io.churnlens.btyd.Quadrature.gammaExpectation;
import static io.churnlens.btyd.Quadrature.gammaUpper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * P(alive) and conditional expected purchases / spend against the posterior computed by numerical integration over
 * the latent variables (no closed form, no hypergeometric function), on hand-picked customers: x = 0, x large with
 * t_x close to T, t_x far from T. Tolerance 1e-7 relative.
 */
class PosteriorQuantitiesTest {
    private static final double TOLERANCE = 1e-7;
    private static final BgNbdModel BG = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    private static final BgNbdModel BG_SMALL_AB = new BgNbdModel(0.8, 3.0, 0.3, 0.5);

    @ParameterizedTest(name = "x={0} t_x={1} T={2} horizon={3}")
    @CsvSource({"0,0,38.0,52", "0,0,2.0,52", "20,37.5,38.0,13", "3,2.0,38.0,52", "1,30.0,39.0,4.35"})
    void bgNbd(int x, double tx, double t, double horizon) {
        for (BgNbdModel m : new BgNbdModel[] {BG, BG_SMALL_AB}) {
            double aliveP = betaExpectation(p -> Math.pow(1 - p, x), m.a(), m.b());
            double aliveL = gammaExpectation(l -> Math.pow(l, x) * Math.exp(-l * t), m.r(), m.alpha(),
                    gammaUpper(m.r(), m.alpha(), x, t));
            double alive = aliveP * aliveL;
            double likelihood = Math.exp(m.logLikelihood(x, tx, t));
            assertThat(m.pAlive(x, tx, t)).as("P(alive) %s", m).isCloseTo(alive / likelihood,
                    within(TOLERANCE * alive / likelihood));
            // E[Y(h)] = E[1{alive} (1/p)(1 - e^{-l p h}) | data]: nested integral over p, then l.
            double future = betaExpectation(p -> Math.pow(1 - p, x) / p * gammaExpectation(
                    l -> Math.pow(l, x) * Math.exp(-l * t) * -Math.expm1(-l * p * horizon), m.r(), m.alpha(),
                    gammaUpper(m.r(), m.alpha(), x, t)), m.a(), m.b());
            double expected = future / likelihood;
            assertThat(m.expectedPurchases(horizon, x, tx, t)).as("E[Y] %s", m)
                    .isCloseTo(expected, within(TOLERANCE * expected));
        }
    }

    @ParameterizedTest(name = "x={0} t_x={1} T={2} horizon={3}")
    @CsvSource({"0,0,38.0,52", "0,0,2.0,52", "20,37.5,38.0,13", "3,2.0,38.0,52", "1,30.0,39.0,4.35"})
    void paretoNbd(int x, double tx, double t, double horizon) {
        for (ParetoNbdModel m : new ParetoNbdModel[] {new ParetoNbdModel(0.553, 10.58, 0.606, 11.67),
                new ParetoNbdModel(1.3, 2.0, 1.0, 30.0)}) {
            double likelihood = LikelihoodByIntegrationTest.paretoIntegrated(m, x, tx, t);
            double aliveL = gammaExpectation(l -> Math.pow(l, x) * Math.exp(-l * t), m.r(), m.alpha(),
                    gammaUpper(m.r(), m.alpha(), x, t));
            double aliveMu = gammaExpectation(mu -> Math.exp(-mu * t), m.s(), m.beta(), gammaUpper(m.s(), m.beta(), 0, t));
            double pAlive = aliveL * aliveMu / likelihood;
            assertThat(m.pAlive(x, tx, t)).as("P(alive) %s", m).isCloseTo(pAlive, within(TOLERANCE * pAlive));
            // Alive at T: expected purchases l (1 - e^{-mu h}) / mu over the remaining exponential lifetime.
            double rateMoment = gammaExpectation(l -> Math.pow(l, x + 1) * Math.exp(-l * t), m.r(), m.alpha(),
                    gammaUpper(m.r(), m.alpha(), x + 1, t));
            double lifeMoment = gammaExpectation(mu -> Math.exp(-mu * t) * -Math.expm1(-mu * horizon) / mu, m.s(),
                    m.beta(), gammaUpper(m.s(), m.beta(), 0, t));
            double expected = rateMoment * lifeMoment / likelihood;
            assertThat(m.expectedPurchases(horizon, x, tx, t)).as("E[Y] %s", m)
                    .isCloseTo(expected, within(TOLERANCE * expected));
        }
    }

    @ParameterizedTest(name = "x={0} mean={1}")
    @CsvSource({"1,12.5", "2,40.0", "30,150.0"})
    void gammaGammaConditionalMean(int x, double mean) {
        GammaGammaModel gg = new GammaGammaModel(6.25, 3.74, 15.44);
        double px = gg.p() * x;
        // Posterior of nu is proportional to nu^(px) e^{-nu x mean} times its prior; E[spend] = E[p / nu | data].
        double upper = gammaUpper(gg.q(), gg.gamma(), px, x * mean);
        double mode = px / (x * mean);
        double shift = px * Math.log(mode) - px;   // keeps the exponentials finite; cancels in the ratio
        double numerator = gammaExpectation(nu -> gg.p() / nu * Math.exp(px * Math.log(nu) - nu * x * mean - shift),
                gg.q(), gg.gamma(), upper);
        double denominator = gammaExpectation(nu -> Math.exp(px * Math.log(nu) - nu * x * mean - shift),
                gg.q(), gg.gamma(), upper);
        double expected = numerator / denominator;
        assertThat(gg.conditionalMeanSpend(x, mean)).isCloseTo(expected, within(TOLERANCE * expected));
    }
}
