package io.churnlens.impact;

import io.churnlens.config.ConfigException;
import io.churnlens.config.ConfigLoader;
import io.churnlens.config.SensitivitySettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** impact.sensitivity: defaults, the headline threshold added when not listed, and messages that name the key. */
class SensitivitySettingsTest {
    @Test
    void defaultsAndTheHeadlineAlwaysIncluded() {
        SensitivitySettings s = ConfigLoader.defaults().impact().sensitivity();
        assertThat(s.inactivityDays()).containsExactly(90, 180, 365);
        assertThat(s.pAliveCutoffs()).containsExactly(0.3, 0.5, 0.7);
        SensitivitySettings other = ConfigLoader.load(null, List.of("impact.sensitivity.inactivity-days=[365, 60, 60]",
                "impact.sensitivity.p-alive-cutoffs=[]")).impact().sensitivity();
        assertThat(other.inactivityDays()).containsExactly(60, 365);
        List<SensitivityDefinition> definitions = SensitivityDefinition.all(other, 120);
        assertThat(definitions).extracting(SensitivityDefinition::label)
                .containsExactly("inactive 60 days", "inactive 120 days", "inactive 365 days");
        assertThat(definitions).filteredOn(SensitivityDefinition::headline).extracting(SensitivityDefinition::days)
                .containsExactly(120);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("impact.sensitivity.inactivity-days=[0, 90]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("impact.sensitivity.inactivity-days");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("impact.sensitivity.p-alive-cutoffs=[1.5]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("impact.sensitivity.p-alive-cutoffs");
    }
}
