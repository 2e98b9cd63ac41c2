package io.churnlens.impact;

import io.churnlens.btyd.BgNbdFitter;
import io.churnlens.btyd.BgNbdModel;
import io.churnlens.btyd.Fitted;
import io.churnlens.btyd.RfmTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pieces of the intervals checked against values computed another way. No Spark. */
class IntervalMathTest {
    @Test
    void percentilesAreTypeSevenAsInNumPy() {
        double[] v = new double[21];
        for (int i = 0; i < v.length; i++) v[i] = 21 - i; // 1..21 in reverse
        Interval i = Interval.of(v);
        // numpy.percentile(range(1, 22), [5, 95]) = [2.0, 20.0]; of 1..10: [1.45, 9.55]
        assertThat(i.lo()).isCloseTo(2.0, within(1e-12));
        assertThat(i.hi()).isCloseTo(20.0, within(1e-12));
        Interval j = Interval.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Double.NaN});
        assertThat(j.lo()).isCloseTo(1.45, within(1e-12));
        assertThat(j.hi()).isCloseTo(9.55, within(1e-12));
        assertThat(Interval.of(new double[] {Double.NaN, 3})).isNull();
    }

    @Test
    void poissonWeightsHaveMeanAndVarianceOne() {
        int n = 200_000;
        double sum = 0, sq = 0;
        int zeros = 0;
        for (int k = 0; k < n; k++) {
            int w = BootstrapDraws.weight(BootstrapDraws.idHash("customer-" + k), 16, k % 7);
            sum += w;
            sq += (double) w * w;
            if (w == 0) zeros++;
        }
        double mean = sum / n;
        // sd of the mean 1/sqrt(n) = 0.0022; of the variance about sqrt(3/n) = 0.004; P(0) = e^-1 with sd 0.0011.
        assertThat(mean).isCloseTo(1.0, within(0.01));
        assertThat(sq / n - mean * mean).isCloseTo(1.0, within(0.02));
        assertThat((double) zeros / n).isCloseTo(Math.exp(-1), within(0.005));
    }

    @Test
    void recomputedCovarianceGivesTheFittersStandardErrorsAndTheDrawsFollowIt() {
        RfmTable table = table(20260930L);
        Fitted<BgNbdModel> fit = BgNbdFitter.fit(table);
        assertThat(fit.converged()).isTrue();
        double[][] cov = ParameterDraws.covariance(fit.model(), m -> m.logLikelihood(table));
        double[] se = ParameterDraws.standardErrors(fit.model(), cov);
        for (int i = 0; i < se.length; i++) {
            // Two numerical Hessians (the fitter's on scaled time, this one on the original) agree to a few percent.
            assertThat(se[i] / fit.fit().standardErrors()[i]).as("se of %s", BgNbdModel.PARAMETERS.get(i)).isCloseTo(1.0, within(0.03));
        }
        List<BgNbdModel> draws = ParameterDraws.draw(fit.model(), cov, 4000, 16);
        double mean = draws.stream().mapToDouble(m -> Math.log(m.r())).average().orElseThrow();
        double var = draws.stream().mapToDouble(m -> Math.pow(Math.log(m.r()) - mean, 2)).average().orElseThrow();
        // 4,000 normal draws: the mean within 4 sd of the mean (sd sqrt(cov/4000)), the variance within 10%.
        assertThat(mean).isCloseTo(Math.log(fit.model().r()), within(4 * Math.sqrt(cov[0][0] / 4000)));
        assertThat(var / cov[0][0]).isCloseTo(1.0, within(0.10));
        assertThat(draws).allMatch(m -> m.r() > 0 && m.alpha() > 0 && m.a() > 0 && m.b() > 0);
    }

    /** The BTYD statistics of a 3,000-customer generated world, built by the coverage harness's code. */
    private static RfmTable table(long seed) {
        return CoverageWorlds.statistics(seed, 3000, java.time.LocalDate.parse("2026-09-30"));
    }
}
