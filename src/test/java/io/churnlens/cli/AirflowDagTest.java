package io.churnlens.cli;

import io.churnlens.pipeline.StageCatalogue;
import io.churnlens.stage.Stage;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Airflow runs here, so the DAG is checked against the real command line: its entry point is Main, every task
 * is a subcommand in the pipeline's order, and every task's arguments (with the templates rendered as Airflow would)
 * parse through Main's picocli command line with no unknown option and no stray argument. The cron file's commands
 * are checked the same way.
 */
class AirflowDagTest {
    private static final Path DAG = Path.of("jobs/airflow/churnlens_quarterly.py");
    /** What the AS_OF template renders to (the quarter end before the logical date). */
    private static final String RENDERED_AS_OF = "2026-09-30";

    @Test
    void entryPointIsMain() throws IOException {
        assertThat(constant(read(), "ENTRY_POINT")).isEqualTo(Main.class.getName());
    }

    @Test
    void tasksAreThePipelineStagesInOrder() throws IOException {
        List<String> pipeline = new ArrayList<>(List.of(StageCatalogue.ingest().name()));
        StageCatalogue.analysis().stream().map(Stage::name).forEach(pipeline::add);
        assertThat(list(read(), "STAGES")).containsExactlyElementsOf(pipeline);
    }

    @Test
    void everyTaskParsesThroughTheRealCommandLine() throws IOException {
        String dag = read();
        assertThat(constant(dag, "AS_OF")).as("the template must render YYYY-MM-DD for --as-of").contains("%Y-%m-%d");
        Map<String, String> names = Map.of("CONFIG", constant(dag, "CONFIG"), "AS_OF", RENDERED_AS_OF);
        Matcher args = Pattern.compile("application_args=\\[([^]]*)]").matcher(dag);
        assertThat(args.find()).as("application_args in the DAG").isTrue();
        for (String stage : list(dag, "STAGES")) {
            List<String> argv = new ArrayList<>();
            for (String token : args.group(1).split(",")) {
                String t = token.strip();
                argv.add(t.equals("stage") ? stage : t.startsWith("\"") ? unquote(t) : requireName(names, t));
            }
            assertParses(argv, stage);
        }
    }

    @Test
    void cronCommandsParseThroughTheRealCommandLine() throws IOException {
        List<String> lines;
        try (Stream<String> all = Files.lines(Path.of("jobs/cron/churnlens.crontab"))) {
            lines = all.filter(l -> l.contains("jobs/churnlens ")).filter(l -> !l.startsWith("#")).toList();
        }
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            String command = line.substring(line.indexOf("jobs/churnlens ") + "jobs/churnlens ".length(), line.indexOf(">>"));
            // the shell renders "$(date -d yesterday +%F)" to a date
            String rendered = command.replaceAll("\"\\$\\([^)]*\\)\"", RENDERED_AS_OF);
            List<String> argv = List.of(rendered.strip().split("\\s+"));
            assertParses(argv, argv.get(0));
        }
    }

    private static void assertParses(List<String> argv, String subcommand) {
        CommandLine cli = new CommandLine(new Main());
        assertThat(cli.getSubcommands()).as("a subcommand %s", subcommand).containsKey(subcommand);
        ParseResult parsed = cli.parseArgs(argv.toArray(String[]::new)); // throws on an unknown option or bad value
        assertThat(parsed.subcommand()).as("%s", argv).isNotNull();
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(subcommand);
        assertThat(parsed.subcommand().unmatched()).as("%s", argv).isEmpty();
        assertThat(parsed.subcommand().matchedOptions()).as("%s", argv).isNotEmpty();
    }

    private static String requireName(Map<String, String> names, String name) {
        assertThat(names).as("a DAG constant the test knows how to render").containsKey(name);
        return names.get(name);
    }

    private static String read() throws IOException {
        return Files.readString(DAG);
    }

    /** NAME = "..." or NAME = ( "..." "..." ): the string value, implicit concatenation joined. */
    private static String constant(String source, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " = (\\(\\s*(?:\"[^\"]*\"\\s*)+\\)|\"[^\"]*\")").matcher(source);
        assertThat(m.find()).as("%s in the DAG", name).isTrue();
        StringBuilder b = new StringBuilder();
        Matcher part = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
        while (part.find()) b.append(part.group(1));
        return b.toString();
    }

    private static List<String> list(String source, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " = \\[([^]]*)]").matcher(source);
        assertThat(m.find()).as("%s in the DAG", name).isTrue();
        return Stream.of(m.group(1).split(",")).map(String::strip).map(AirflowDagTest::unquote).toList();
    }

    private static String unquote(String s) {
        return s.replaceAll("^\"|\"$", "");
    }
}
