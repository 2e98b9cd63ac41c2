package io.churnlens.features;

import io.churnlens.config.ChurnlensConfig;
import io.churnlens.config.ConfigException;
import io.churnlens.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The features and segment sections of the configuration, as parsed by ChurnlensConfig. */
class FeatureSpecTest {

    @Test
    void defaults() {
        ChurnlensConfig config = ConfigLoader.defaults();
        FeatureSpec spec = FeatureSpec.from(config);
        assertThat(spec.windowsDays()).containsExactly(30, 90, 180, 365);
        assertThat(spec.trendWindowDays()).isEqualTo(90);
        assertThat(spec.timeUnit()).isEqualTo(ChurnlensConfig.TimeUnit.WEEKS);
        assertThat(spec.descriptiveColumns()).as("the default mapping has no product/category/country/channel").isFalse();
        ChurnlensConfig.Segment segment = config.segment();
        assertThat(segment.kMin()).isEqualTo(2);
        assertThat(segment.kMax()).isEqualTo(8);
        assertThat(segment.seed()).isEqualTo(42L);
        assertThat(segment.maxRowsForKSelection()).isEqualTo(200_000);
        assertThat(segment.clusterFeatures()).contains("monetary_total");
    }

    @Test
    void overridesAndValidation() {
        ChurnlensConfig config = ConfigLoader.load(null, List.of("features.windows-days=[7, 28]", "mapping.country=cc"));
        assertThat(FeatureSpec.from(config).windowsDays()).containsExactly(7, 28);
        assertThat(FeatureSpec.from(config).descriptiveColumns()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("features.windows-days=[30, -1]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("features.windows-days");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("segment.k-max=1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("segment.k-max");
    }
}
