package io.churnlens.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsLoadAndDescribeTheBundledSample() {
        ChurnlensConfig c = ConfigLoader.defaults();
        assertThat(c.input().path()).isEqualTo("data-samples/transactions.csv");
        assertThat(c.churn().horizonDays()).isEqualTo(90);
        assertThat(c.time().unit()).isEqualTo(ChurnlensConfig.TimeUnit.WEEKS);
        assertThat(c.run().asOf()).isNull();
    }

    @Test
    void fileOverridesDefaultsAndSetOverridesFile() throws Exception {
        Path file = write("churn { horizon-days = 60 }\ninput { delimiter = \";\" }\n");
        ChurnlensConfig c = ConfigLoader.load(file, List.of("churn.horizon-days=30"));
        assertThat(c.churn().horizonDays()).isEqualTo(30);
        assertThat(c.input().delimiter()).isEqualTo(";");
        assertThat(c.hash()).isNotEqualTo(ConfigLoader.defaults().hash());
    }

    @Test
    void unknownKeyInFileNamesTheKeyAndSuggestsTheFix() throws Exception {
        Path file = write("churn { horizon-dayz = 60 }\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'churn.horizon-dayz'")
                .hasMessageContaining("did you mean 'churn.horizon-days'");
    }

    @Test
    void wrongTypeNamesTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("churn.horizon-days=ninety")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("churn.horizon-days");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("churn.horizon-days=-5")))
                .hasMessageContaining("churn.horizon-days").hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("time.unit=months")))
                .hasMessageContaining("time.unit").hasMessageContaining("[days, weeks]");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("input.timezone=Mars/Olympus")))
                .hasMessageContaining("input.timezone");
    }

    @Test
    void missingFileAndMalformedOverrideAreClear() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.conf"), List.of()))
                .hasMessageContaining("config file not found");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("no-equals-sign")))
                .hasMessageContaining("key=value");
    }

    @Test
    void mappingNeedsAnAmountOrQuantityAndPrice() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("mapping.amount=")))
                .hasMessageContaining("mapping.amount").hasMessageContaining("unit-price");
        ChurnlensConfig c = ConfigLoader.load(null, List.of("mapping.amount=", "mapping.quantity=Quantity",
                "mapping.unit-price=UnitPrice"));
        assertThat(c.mapping().amount()).isNull();
        assertThat(c.mapping().quantity()).isEqualTo("Quantity");
    }

    @Test
    void barePunctuationOverridesAreTakenAsStrings() {
        ChurnlensConfig c = ConfigLoader.load(null, List.of("input.delimiter=|", "mapping.return-flag-column=Invoice",
                "mapping.return-flag-pattern=^C"));
        assertThat(c.input().delimiter()).isEqualTo("|");
        assertThat(c.mapping().returnFlagPattern()).isEqualTo("^C");
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("job.conf");
        Files.writeString(file, text);
        return file;
    }
}
