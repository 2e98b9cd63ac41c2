package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code simulate} section: defaults resolve, and a bad value stops the run with a message naming the key. */
class SimulateSettingsTest {

    @Test
    void defaultsResolveTheTruthSnapshotFromTheChurnHorizon() {
        Simulate s = TestSettings.simulate();
        assertThat(s.endDate()).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(s.horizonDays()).isEqualTo(90);
        assertThat(s.truthAsOf()).isEqualTo(LocalDate.of(2026, 7, 2));
        assertThat(TestSettings.simulate("churn.horizon-days=30").truthAsOf()).isEqualTo(LocalDate.of(2026, 8, 31));
    }

    @Test
    void sharesThatDoNotMatchTheValuesNameTheKey() {
        assertThatThrownBy(() -> TestSettings.simulate("simulate.country-shares=[0.5, 0.5]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("simulate.country-shares");
    }

    @Test
    void truthSnapshotOutsideThePeriodAndInfiniteMeanSpendAreRejected() {
        assertThatThrownBy(() -> TestSettings.simulate("simulate.truth-as-of=2027-01-01"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("simulate.truth-as-of");
        assertThatThrownBy(() -> TestSettings.simulate("simulate.spend.q=1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("simulate.spend.q");
        assertThatThrownBy(() -> TestSettings.simulate("simulate.messy.duplicate=1.5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("simulate.messy.duplicate");
    }
}
