package io.churnlens.impact;

import io.churnlens.btyd.ShiftedBetaGeometricModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The cohort projection against survivors computed from a known sBG, and its geometric fallback. */
class CohortProjectionTest {
    @Test
    void recoversTheSbgAfterTheQuartersWithoutDepartures() {
        ShiftedBetaGeometricModel truth = new ShiftedBetaGeometricModel(0.8, 2.5);
        long n = 100_000;
        // Two quarters in which nobody can be seen leaving (the inactivity threshold), then sBG survivors.
        long[] survivors = new long[9];
        for (int k = 0; k < survivors.length; k++) survivors[k] = Math.round(n * truth.survival(Math.max(0, k - 2)));
        CohortRetention.Projection p = CohortRetention.project(survivors);
        assertThat(p.lag()).isEqualTo(2);
        assertThat(p.alpha()).isCloseTo(0.8, within(0.02));
        assertThat(p.beta()).isCloseTo(2.5, within(0.06));
        // Ten quarters after the lag, beyond the observed six: the projection follows the true curve.
        assertThat(p.survival().applyAsDouble(10)).isCloseTo(truth.survival(10), within(0.002));
        assertThat(p.note()).contains("sBG fitted").contains("from quarter 2");
    }

    @Test
    void homogeneousChurnFallsBackToOneChurnProbability() {
        // 20% leave every quarter, the same for everyone: the sBG's parameters run off to infinity.
        CohortRetention.Projection p = CohortRetention.project(new long[] {1000, 800, 640, 512, 410});
        assertThat(p.survival()).isNotNull();
        assertThat(p.alpha()).isNull();
        assertThat(CohortRetention.geometricChurn(new long[] {1000, 800, 640, 512})).isCloseTo(0.2, within(1e-12));
        assertThat(p.survival().applyAsDouble(1)).isCloseTo(0.8, within(0.002));
        assertThat(p.note()).contains("one churn probability per quarter");
    }

    @Test
    void noProjectionWithoutDeparturesOrWithOneQuarter() {
        assertThat(CohortRetention.project(new long[] {50, 50, 50}).survival()).isNull();
        assertThat(CohortRetention.project(new long[] {50, 50, 50}).note()).contains("no departures yet");
        assertThat(CohortRetention.project(new long[] {50}).note()).contains("one quarter observed");
        assertThat(CohortRetention.project(new long[] {50, 50, 45}).note()).contains("departures seen in one quarter only");
    }
}
