package io.churnlens.btyd.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The optimiser's verdict on log-likelihoods whose answer is known in closed form: a Gaussian log-likelihood
 * -sum c_i (p_i - m_i)^2 / 2 has its maximum at m and covariance diag(1 / c_i) exactly.
 */
class MaximumLikelihoodVerdictTest {
    private static final List<double[]> START = List.<double[]>of(new double[] {0.3, -0.4});

    private static MaximumLikelihood.Result gaussian(double c0, double c1) {
        return MaximumLikelihood.maximize(p -> -0.5 * (c0 * (p[0] - 1) * (p[0] - 1) + c1 * (p[1] - 2) * (p[1] - 2)),
                START, FitBudget.DEFAULT);
    }

    @Test
    void aWellCurvedMaximumIsIdentifiedWithTheExactCovariance() {
        MaximumLikelihood.Result r = gaussian(400, 25);
        assertThat(r.state()).as(r.verdict()).isEqualTo(FitState.IDENTIFIED);
        assertThat(r.logParameters()[0]).isCloseTo(1, within(1e-5));
        assertThat(r.logParameters()[1]).isCloseTo(2, within(1e-5));
        // Finite differences of a quadratic are exact up to rounding: covariance within 1e-6 relative.
        assertThat(r.covariance()[0][0]).isCloseTo(1.0 / 400, within(1e-6 / 400));
        assertThat(r.covariance()[1][1]).isCloseTo(1.0 / 25, within(1e-6 / 25));
    }

    @Test
    void anIllConditionedMaximumIsNotIdentified() {
        // Condition number 1e14 (> 1e12): the likelihood is flat along p[1]. This branch used to return converged.
        MaximumLikelihood.Result r = gaussian(100, 1e-12);
        assertThat(r.state()).as(r.verdict()).isEqualTo(FitState.BOUNDARY);
        assertThat(r.verdict()).contains("ill-conditioned").contains("parameter #2");
        assertThat(r.covariance()).isNull();
    }

    @Test
    void aWideStandardErrorIsNotIdentified() {
        // Curvature 0.01: se(p[1]) = 10 > 3, a flat ridge, though perfectly conditioned enough to invert.
        MaximumLikelihood.Result r = gaussian(1, 0.01);
        assertThat(r.state()).as(r.verdict()).isEqualTo(FitState.BOUNDARY);
        assertThat(r.verdict()).contains("parameter #2 is not identified").contains("10.0");
    }

    @Test
    void aParameterRunningOffIsABoundary() {
        // Increasing in p[0] for ever: the optimiser walks to the search wall.
        MaximumLikelihood.Result r = MaximumLikelihood.maximize(p -> -Math.exp(-p[0]) - (p[1] - 2) * (p[1] - 2),
                START, FitBudget.DEFAULT);
        assertThat(r.state()).as(r.verdict()).isEqualTo(FitState.BOUNDARY);
        assertThat(r.verdict()).contains("parameter #1 ran off towards infinity");
    }

    @Test
    void aNonFiniteLikelihoodFails() {
        MaximumLikelihood.Result r = MaximumLikelihood.maximize(p -> Double.NaN, START, FitBudget.DEFAULT);
        assertThat(r.state()).isEqualTo(FitState.FAILED);
        assertThat(r.verdict()).contains("not finite");
    }

    @Test
    void theEvaluationBudgetIsCountedExactly() {
        int[] calls = {0};
        MaximumLikelihood.Result r = MaximumLikelihood.maximize(p -> {
            calls[0]++;
            return -p[0] * p[0] - p[1] * p[1];
        }, START, new FitBudget(17, 60));
        assertThat(r.state()).isEqualTo(FitState.FAILED);
        assertThat(calls[0]).isEqualTo(17);
        assertThat(r.verdict()).startsWith("budget of 17 evaluations / 60 s exhausted (17 evaluations");
    }

    @Test
    void aRidgeWhoseNumericalCurvatureComesOutSlightlyNegativeIsABoundaryNotAFailure() {
        // A quartic ridge in p[1]: zero curvature at its maximum, so finite differences give it either sign. It is
        // the flatness the standard-error rule calls unidentified, not a saddle.
        MaximumLikelihood.Result r = MaximumLikelihood.maximize(
                p -> -50 * (p[0] - 1) * (p[0] - 1) - 1e-6 * Math.pow(p[1] - 2, 4), START, FitBudget.DEFAULT);
        assertThat(r.state()).as(r.verdict()).isEqualTo(FitState.BOUNDARY);
        assertThat(r.verdict()).contains("parameter #2");
    }

    @Test
    void clearNegativeCurvatureAtTheLastIterateIsAFailure() {
        // A saddle: a maximum in p[0], a minimum in p[1]; the Newton polish cannot leave it, and it is no maximum.
        MaximumLikelihood.Result r = MaximumLikelihood.maximize(
                p -> -(p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2), List.<double[]>of(new double[] {1, 2}),
                new FitBudget(200, 60));
        assertThat(r.state()).as(r.verdict()).isNotEqualTo(FitState.IDENTIFIED);
    }

    /** Curvature 1.5 at p[1] = 2 (log-scale se 0.82, a healthy-looking maximum), flattening to {@code -depth} far out. */
    private static MaximumLikelihood.Result asymptote(double depth) {
        return MaximumLikelihood.maximize(p -> -50 * (p[0] - 1) * (p[0] - 1)
                - depth * (1 - Math.exp(-0.75 / depth * (p[1] - 2) * (p[1] - 2))), START, FitBudget.DEFAULT);
    }

    @Test
    void aMaximumWhoseLikelihoodStaysWithinTheIntervalDropOutToTheBoundaryIsNotIdentified() {
        // Far out the log-likelihood is only 1.5 below its maximum (< 1.92): a 95% likelihood interval for p[1]
        // reaches the boundary, whatever the curvature at the top says. This used to be called converged.
        MaximumLikelihood.Result r = asymptote(1.5);
        assertThat(r.state()).as(r.verdict()).isEqualTo(FitState.BOUNDARY);
        assertThat(r.verdict()).contains("led by parameter #2").contains("reaches the boundary");
        assertThat(r.logParameters()[1]).isCloseTo(2, within(1e-4));
    }

    @Test
    void theSameShapeWithADeepEnoughValleyIsIdentified() {
        MaximumLikelihood.Result r = asymptote(3);
        assertThat(r.state()).as(r.verdict()).isEqualTo(FitState.IDENTIFIED);
    }
}
