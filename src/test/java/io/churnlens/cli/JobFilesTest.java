package io.churnlens.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduling files in jobs/ name the entry point and subcommands that exist. */
class JobFilesTest {
    private static final Path DAG = Path.of("jobs/airflow/churnlens_quarterly.py");

    @Test
    void airflowDagParsesAndItsStagesAreSubcommands() throws Exception {
        String source = Files.readString(DAG);
        assertThat(source).contains("ENTRY_POINT = \"" + Main.class.getName() + "\"");
        List<String> stages = stagesOf(source);
        assertThat(stages).isNotEmpty();
        assertThat(new CommandLine(new Main()).getSubcommands().keySet()).containsAll(stages);

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || which("python3"),
                "python3 not installed: the DAG's Python syntax was not checked");
        Process p = new ProcessBuilder("python3", "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", DAG.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void crontabUsesTheLauncherWithExistingSubcommands() throws Exception {
        String cron = Files.readString(Path.of("jobs/cron/churnlens.crontab"));
        for (String line : cron.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
            String sub = line.replaceAll(".*jobs/churnlens (\\S+).*", "$1");
            assertThat(new CommandLine(new Main()).getSubcommands()).containsKey(sub);
        }
    }

    static List<String> stagesOf(String dagSource) {
        String list = dagSource.replaceAll("(?s).*STAGES = \\[([^]]*)].*", "$1");
        return Arrays.stream(list.split(",")).map(s -> s.trim().replace("\"", "")).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean which(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
