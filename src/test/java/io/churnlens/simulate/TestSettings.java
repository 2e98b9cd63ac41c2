package io.churnlens.simulate;

import io.churnlens.config.ChurnlensConfig.Simulate;
import io.churnlens.config.ConfigLoader;

import java.util.ArrayList;
import java.util.List;

/** Generator settings for tests: the defaults of {@code churnlens-defaults.conf} with {@code --set}-style overrides. */
final class TestSettings {
    private TestSettings() {}

    static Simulate simulate(String... overrides) {
        return ConfigLoader.load(null, List.of(overrides)).simulate();
    }

    /** Overrides that leave one country and one channel, both with neutral factors: one BG/NBD population. */
    static List<String> oneGroup() {
        List<String> o = new ArrayList<>();
        o.add("simulate.countries=[GB]");
        o.add("simulate.country-shares=[1]");
        o.add("simulate.country-rate-factors=[1]");
        o.add("simulate.country-loyalty-factors=[1]");
        o.add("simulate.channels=[web]");
        o.add("simulate.channel-shares=[1]");
        o.add("simulate.channel-rate-factors=[1]");
        o.add("simulate.channel-loyalty-factors=[1]");
        return o;
    }
}
