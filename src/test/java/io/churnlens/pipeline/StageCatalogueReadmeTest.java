package io.churnlens.pipeline;

import io.churnlens.stage.Stage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's stage table says what the catalogue says, in the same order, and names files that exist. */
class StageCatalogueReadmeTest {
    private static final String HEADER = "| stage | package | reads | publishes |";

    @Test
    void readmeTableMatchesTheCatalogue() throws Exception {
        List<String[]> rows = tableRows(Files.readString(Path.of("README.md")));
        List<Stage> stages = StageCatalogue.all();
        assertThat(rows).as("README stage table rows").hasSize(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            String[] row = rows.get(i);
            assertThat(row[0]).as("stage in row %d", i + 1).isEqualTo(stage.name());
            assertThat(row[1]).as("package of %s", stage.name()).isEqualTo(packageFolder(stage) + "/");
            assertThat(names(row[2])).as("reads of %s", stage.name()).isEqualTo(stage.reads());
            assertThat(names(row[3])).as("publishes of %s", stage.name()).isEqualTo(stage.publishes());
        }
    }

    @Test
    void everyStageIsFoundAtPackageSlashNameStage() {
        for (Stage stage : StageCatalogue.all()) {
            String file = "src/main/java/io/churnlens/" + packageFolder(stage) + "/"
                    + stage.getClass().getSimpleName() + ".java";
            assertThat(stage.getClass().getSimpleName()).isEqualTo(
                    stage.name().substring(0, 1).toUpperCase(Locale.ROOT) + stage.name().substring(1) + "Stage");
            assertThat(Path.of(file)).exists();
        }
    }

    @Test
    void stageNamesAreUnique() {
        assertThat(StageCatalogue.all().stream().map(Stage::name)).doesNotHaveDuplicates();
    }

    private static String packageFolder(Stage stage) {
        String pkg = stage.getClass().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    /** The cells of each row after the header and its separator, backticks removed. */
    static List<String[]> tableRows(String readme) {
        List<String> lines = readme.lines().toList();
        int header = lines.indexOf(HEADER);
        assertThat(header).as("README has a line " + HEADER).isNotNegative();
        return lines.subList(header + 2, lines.size()).stream()
                .takeWhile(l -> l.startsWith("|"))
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("\\|"))
                        .map(c -> c.replace("`", "").trim()).toArray(String[]::new))
                .toList();
    }

    /** A comma-separated cell as names, with a trailing remark in parentheses dropped. */
    private static List<String> names(String cell) {
        String withoutRemark = cell.replaceAll("\\s*\\((on its own|not in)[^)]*\\)$", "");
        return Arrays.stream(withoutRemark.split(",\\s*")).map(String::trim).toList();
    }
}
