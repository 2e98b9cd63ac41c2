package io.churnlens.model;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigException;
import io.churnlens.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model section: defaults parse; invalid values stop the run naming the key. */
class ModelConfigTest {

    @Test
    void defaultsParse() {
        ChurnlensConfig.Model m = ConfigLoader.load(null, List.of()).model();
        assertThat(m.candidates()).containsExactly("logistic", "gbt");
        assertThat(m.baselines()).containsExactly("recency", "rfm_segment", "bg_nbd");
        assertThat(m.trainFraction() + m.validationFraction()).isLessThan(1);
        assertThat(m.riskHigh()).isGreaterThan(m.riskMedium());
        assertThat(m.features()).contains("recency_days").doesNotContain("churned");
    }

    @Test
    void addedInputsAndCampaignDefaultsParseAndBadValuesAreRejected() {
        ChurnlensConfig.Model m = ConfigLoader.load(null, List.of()).model();
        assertThat(m.inputs().btyd()).isTrue();
        assertThat(m.inputs().groups()).containsExactly("country", "channel");
        assertThat(m.inputs().rareLevelShare()).isEqualTo(0.01);
        assertThat(m.campaign().costPerContact()).isEqualTo(8.0);
        assertThat(m.campaign().saveRate()).isEqualTo(0.2);
        assertThat(m.campaign().valueColumn()).isEqualTo("spend_365d");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("model.campaign.save-rate=1.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.campaign.save-rate");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("model.campaign.cost-per-contact=-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.campaign.cost-per-contact");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("model.inputs.rare-level-share=2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.inputs.rare-level-share");
    }

    @Test
    void fractionsLeavingNoHoldoutAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("model.train-fraction=0.7", "model.validation-fraction=0.3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.validation-fraction");
    }

    @Test
    void unknownCandidateAndInvertedTiersAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("model.candidates=[forest]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.candidates");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("model.risk-medium=0.8", "model.risk-high=0.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("model.risk-high");
    }
}
