package io.churnlens.drift;

import io.churnlens.schema.DriftColumns;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The population stability index against values worked out by hand (shares, then Σ (a - e) ln(a / e)). */
class PsiTest {
    private static final double EPS = 1e-4;

    @Test
    void threeBinsMatchTheHandComputation() {
        // e = (0.5, 0.3, 0.2), a = (0.4, 0.3, 0.3):
        // (0.4 - 0.5) ln(0.4 / 0.5) + 0 + (0.3 - 0.2) ln(0.3 / 0.2) = 0.0223144 + 0.0405465 = 0.0628609
        assertThat(Psi.index(new long[] {50, 30, 20}, new long[] {40, 30, 30}, EPS)).isCloseTo(0.0628609, within(1e-6));
        // shares, not counts: 10x the customers give the same index
        assertThat(Psi.index(new long[] {500, 300, 200}, new long[] {4, 3, 3}, EPS)).isCloseTo(0.0628609, within(1e-6));
    }

    @Test
    void identicalDistributionsGiveZeroAndTheIndexIsSymmetric() {
        assertThat(Psi.index(new long[] {7, 0, 3}, new long[] {70, 0, 30}, EPS)).isCloseTo(0.0, within(1e-12));
        long[] e = {12, 40, 25, 23};
        long[] a = {30, 20, 20, 30};
        assertThat(Psi.index(e, a, EPS)).isCloseTo(Psi.index(a, e, EPS), within(1e-12)).isGreaterThan(0.1);
    }

    @Test
    void aBinEmptyInOneSnapshotGetsTheEpsilonShareAndBothAreRenormalised() {
        // e = (100, 0) -> (1, 1e-4) / 1.0001; a = (0.5, 0.5):
        // (0.5 - 0.99990001) ln(0.5 / 0.99990001) + (0.5 - 0.000099990001) ln(0.5 / 0.000099990001) = 4.6042492
        assertThat(Psi.index(new long[] {100, 0}, new long[] {50, 50}, EPS)).isCloseTo(4.6042492, within(1e-6));
        assertThat(Psi.shares(new long[] {100, 0}, new long[] {50, 50}, new long[] {100, 0}, EPS))
                .containsExactly(new double[] {1 / 1.0001, 1e-4 / 1.0001}, within(1e-12));
    }

    @Test
    void aBinEmptyInBothSnapshotsIsLeftOut() {
        assertThat(Psi.index(new long[] {50, 30, 0, 20}, new long[] {40, 30, 0, 30}, EPS)).isCloseTo(0.0628609, within(1e-6));
    }

    @Test
    void levelsFollowTheConventionalCutOffs() {
        assertThat(Psi.level(0.05, 0.1, 0.25)).isEqualTo(DriftColumns.LEVEL_STABLE);
        assertThat(Psi.level(0.1, 0.1, 0.25)).isEqualTo(DriftColumns.LEVEL_MODERATE);
        assertThat(Psi.level(0.25, 0.1, 0.25)).isEqualTo(DriftColumns.LEVEL_MODERATE);
        assertThat(Psi.level(0.26, 0.1, 0.25)).isEqualTo(DriftColumns.LEVEL_MAJOR);
    }

    @Test
    void refusesMismatchedOrEmptyCounts() {
        assertThatThrownBy(() -> Psi.index(new long[] {1, 2}, new long[] {1}, EPS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Psi.index(new long[] {0, 0}, new long[] {1, 2}, EPS)).isInstanceOf(IllegalArgumentException.class);
    }
}
