package io.churnlens.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Platt's fit when the score separates the classes: finite, and at the closed form of Platt's smoothed targets. */
class PlattCalibrationTest {

    @Test
    void aSeparatingScoreIsFittedToPlattsTargetsNotRunToAnInfiniteSlope() {
        // One retained customer at score 0, one churned at 1: targets 1/3 and 2/3 (N = 1 each), which a two-parameter
        // logistic reaches exactly: intercept ln(1/2), slope ln 2 − ln(1/2) = 2 ln 2.
        PlattCalibration fit = PlattCalibration.fit(new LocalScores(new double[]{0, 1}, new int[]{0, 1}));
        assertThat(fit.intercept()).isCloseTo(Math.log(0.5), within(1e-9));
        assertThat(fit.slope()).isCloseTo(2 * Math.log(2), within(1e-9));
    }

    @Test
    void theSmoothedFitSolvesItsScoreEquations() {
        double[] x = {0.1, 0.2, 0.25, 0.4, 0.6, 0.7, 0.9};
        int[] y = {0, 0, 0, 0, 1, 1, 1};
        PlattCalibration fit = PlattCalibration.fit(new LocalScores(x, y));
        double[] t = PlattCalibration.targets(x, y);
        assertThat(t[0]).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(t[6]).isCloseTo(4.0 / 5, within(1e-12));
        double g0 = 0, g1 = 0;
        for (int i = 0; i < x.length; i++) {
            double r = t[i] - fit.probability(x[i]);
            g0 += r;
            g1 += r * x[i];
        }
        assertThat(g0).isCloseTo(0, within(1e-9));
        assertThat(g1).isCloseTo(0, within(1e-9));
        assertThat(Math.abs(fit.slope())).isLessThan(100);
    }

    @Test
    void overlappingClassesKeepTheirZeroOneTargets() {
        double[] t = PlattCalibration.targets(new double[]{0.1, 0.5, 0.6, 0.9}, new int[]{0, 1, 0, 1});
        assertThat(t).containsExactly(0, 1, 0, 1);
    }
}
