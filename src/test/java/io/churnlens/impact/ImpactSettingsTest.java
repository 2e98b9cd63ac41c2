package io.churnlens.impact;

import io.churnlens.config.ConfigException;
import io.churnlens.config.ConfigLoader;
import io.churnlens.config.ImpactSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The impact section: defaults, marketing spend entries, and messages that name the key. */
class ImpactSettingsTest {
    @Test
    void defaults() {
        ImpactSettings s = ConfigLoader.defaults().impact();
        assertThat(s.marketingSpend()).isEmpty();
        assertThat(s.retentionCostPerCustomer()).isNull();
        assertThat(s.scenarioReductionsPp()).containsExactly(1.0, 2.0, 5.0, 10.0);
        assertThat(s.wordOfMouth().enabled()).isFalse();
        assertThat(s.wordOfMouth().effective()).isZero();
        assertThat(s.referral().effective()).isZero();
        assertThat(s.reference().revenueLostShare()).isEqualTo(0.12);
        assertThat(s.reference().acquisitionToRetentionCost()).isEqualTo(5.0);
    }

    @Test
    void marketingSpendPerQuarter() {
        ImpactSettings s = ConfigLoader.load(null, List.of("impact.marketing-spend=[\"2026-Q3=45000\", \"2026-Q2 = 1234.5\"]")).impact();
        assertThat(s.spendFor("2026-Q3")).isEqualByComparingTo(new BigDecimal("45000"));
        assertThat(s.spendFor("2026-Q2")).isEqualByComparingTo(new BigDecimal("1234.5"));
        assertThat(s.spendFor("2026-Q1")).isNull();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("impact.marketing-spend=[\"Q3 2026: 45000\"]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("impact.marketing-spend");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("impact.marketing-spend=[\"2026-Q3=1\", \"2026-Q3=2\"]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("impact.retention-cost-per-customer=cheap")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("impact.retention-cost-per-customer");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("impact.scenario-churn-reductions-pp=[0]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("impact.scenario-churn-reductions-pp");
    }
}
