package io.churnlens.cli;

import io.churnlens.simulate.World;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code generate --world}: bgnbd unless told, either world by name, anything else refused before Spark starts. */
class GenerateWorldOptionTest {

    @Test
    void worldDefaultsToBgNbdAndParsesByName() {
        GenerateCommand plain = new GenerateCommand();
        new CommandLine(plain).parseArgs();
        assertThat(World.parse(plain.world)).isEqualTo(World.BGNBD);

        GenerateCommand disengaging = new GenerateCommand();
        new CommandLine(disengaging).parseArgs("--world", "Disengaging");
        assertThat(World.parse(disengaging.world)).isEqualTo(World.DISENGAGING);
    }

    @Test
    void unknownWorldFailsBeforeSpark() {
        GenerateCommand command = new GenerateCommand();
        new CommandLine(command).parseArgs("--world", "pareto");
        assertThatThrownBy(() -> command.beforeSpark(null))
                .isInstanceOf(io.churnlens.config.ConfigException.class).hasMessageContaining("bgnbd").hasMessageContaining("disengaging");
    }
}
