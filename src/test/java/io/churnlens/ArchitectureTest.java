package io.churnlens;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape rules of {@code src/main/java}, read with the JDK's own parser (no compilation, no Spark): every method
 * at most {@value #MAX_METHOD_LINES} lines, and packages importing only packages earlier in the flow.
 *
 * <p>The flow, first to last ({@link #FLOW}):
 * <ul>
 *   <li>{@code schema} (column and table names) and {@code config} (typed settings) are read by everything;</li>
 *   <li>{@code io} owns every read and write; it knows names and settings and nothing of the stages that use it;</li>
 *   <li>{@code stage} (the Stage shape and StageContext) sits after {@code io} because a context hands out the
 *       table store, and before every package with a Stage class, which implement it;</li>
 *   <li>{@code simulate} (the generator) makes the raw export that {@code ingest} reads, so it comes before ingest
 *       and needs no stage;</li>
 *   <li>{@code ingest, features, segment}: the stages in the order they run;</li>
 *   <li>{@code btyd} (the BG/NBD, Pareto/NBD, Gamma-Gamma and sBG library) comes right before {@code clv}, its
 *       first user, and so before {@code model} and {@code impact} (cohorts), which use it too; it needs nothing
 *       of the stages before it, so the place only matters for who may use it;</li>
 *   <li>{@code clv, model, impact, drift, report}: the later stages (drift compares what they published with the
 *       previous snapshot, and the report shows it); {@code pipeline} (the stage catalogue) and
 *       {@code cli} (picocli adapters) come last, as they compose everything.</li>
 * </ul>
 * "io imports no stage package" follows from the order: every stage package comes after {@code io}. A package
 * missing from the list is an offender too, so a new one is placed on purpose.
 */
class ArchitectureTest {
    private static final int MAX_METHOD_LINES = 50;
    private static final String ROOT_PACKAGE = "io.churnlens.";
    private static final List<String> FLOW = List.of("schema", "config", "io", "stage", "simulate", "ingest",
            "features", "segment", "btyd", "clv", "model", "impact", "drift", "report", "pipeline", "cli");
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void noMethodInMainIsLongerThanFiftyLines() {
        List<String> offenders = new ArrayList<>();
        for (Unit unit : parse(mainSources())) {
            for (MethodSpan m : methodSpans(unit)) {
                if (m.lines() > MAX_METHOD_LINES) {
                    offenders.add(m.location() + " " + m.name() + " is " + m.lines() + " lines");
                }
            }
        }
        report("methods over " + MAX_METHOD_LINES + " lines", offenders);
        assertThat(offenders).as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
    }

    @Test
    void packagesImportOnlyPackagesEarlierInTheFlow() {
        List<String> offenders = new ArrayList<>();
        for (Unit unit : parse(mainSources())) {
            offenders.addAll(layeringOffences(unit));
        }
        report("references against the flow " + FLOW, offenders);
        assertThat(offenders).as("references against the flow %s", FLOW).isEmpty();
    }

    /** The measuring itself, on a source whose answers are known: the rules above are only as good as it. */
    @Test
    void measuresFromTheSignatureToTheClosingBraceAndSeesQualifiedNames() {
        String source = """
                package io.churnlens.io;

                import io.churnlens.schema.Tables;
                import static io.churnlens.ingest.RawRows.clean;

                class Sample {
                    /** Javadoc is not counted. */
                    @Override
                    public String toString() {
                        return "x";
                    }

                    Sample() { Object o = new io.churnlens.cli.Main(); }

                    abstract static class Shape { abstract void area(); }
                }
                """;
        Unit unit = parse(List.of(new InlineSource("Sample.java", source))).get(0);

        assertThat(methodSpans(unit)).extracting(MethodSpan::name, MethodSpan::lines)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("toString", 3),
                        org.assertj.core.groups.Tuple.tuple("<init>", 1));
        assertThat(layeringOffences(unit)).containsExactly(
                "Sample.java:4 io imports ingest (later in the flow)",
                "Sample.java:13 io imports cli (later in the flow)");
    }

    // ---- measuring ------------------------------------------------------------------------------------------

    private record Unit(CompilationUnitTree tree, SourcePositions positions, String file) {
        int line(long position) {
            LineMap lines = tree.getLineMap();
            return (int) lines.getLineNumber(position);
        }

        String topPackage() {
            return topPackageOf(tree.getPackageName() == null ? "" : tree.getPackageName().toString() + ".");
        }
    }

    private record MethodSpan(String location, String name, int lines) {}

    /**
     * Each method or constructor with a body, from the first token of its declaration after any annotations (an
     * {@code @Override} line is no code) to its closing brace. Methods of nested and anonymous classes count on
     * their own, and within the method that holds them.
     */
    private static List<MethodSpan> methodSpans(Unit unit) {
        List<MethodSpan> spans = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethod(MethodTree method, Void unused) {
                if (method.getBody() != null) {
                    int first = unit.line(declarationStart(unit, method));
                    int last = unit.line(unit.positions().getEndPosition(unit.tree(), method));
                    spans.add(new MethodSpan(unit.file() + ":" + first, method.getName().toString(), last - first + 1));
                }
                return super.visitMethod(method, unused);
            }
        }.scan(unit.tree(), null);
        return spans;
    }

    private static long declarationStart(Unit unit, MethodTree method) {
        long start = unit.positions().getStartPosition(unit.tree(), method);
        for (AnnotationTree a : method.getModifiers().getAnnotations()) {
            start = Math.max(start, unit.positions().getEndPosition(unit.tree(), a));
        }
        CharSequence text = sourceText(unit);
        while (start < text.length() && Character.isWhitespace(text.charAt((int) start))) {
            start++;
        }
        return start;
    }

    /**
     * Every reference to another churnlens package, by import (plain, static or on demand) or by a qualified name
     * in the code, that points later in the flow; one line per file and target package, at its first place.
     */
    private static List<String> layeringOffences(Unit unit) {
        String from = unit.topPackage();
        List<String> offences = new ArrayList<>();
        if (!FLOW.contains(from)) {
            offences.add(unit.file() + ":1 package " + from + " has no place in the flow " + FLOW);
            return offences;
        }
        Set<String> seen = new LinkedHashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                String to = topPackageOf(select.toString());
                if (to == null) {
                    return super.visitMemberSelect(select, unused); // e.g. a call's result: look inside it
                }
                if (!to.equals(from) && seen.add(to) && isLater(to, from)) {
                    offences.add(unit.file() + ":" + unit.line(start(select)) + " " + from + " imports " + to
                            + (FLOW.contains(to) ? " (later in the flow)" : " (a package not in the flow)"));
                }
                return null; // its qualifier names the same package
            }

            private long start(Tree tree) {
                return unit.positions().getStartPosition(unit.tree(), tree);
            }
        }.scan(unit.tree(), null);
        return offences;
    }

    private static boolean isLater(String to, String from) {
        return !FLOW.contains(to) || FLOW.indexOf(to) > FLOW.indexOf(from);
    }

    /** {@code ingest} for {@code io.churnlens.ingest.RawRows...}; null for anything outside churnlens. */
    private static String topPackageOf(String qualifiedName) {
        if (!qualifiedName.startsWith(ROOT_PACKAGE)) {
            return null;
        }
        String rest = qualifiedName.substring(ROOT_PACKAGE.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? null : rest.substring(0, dot); // no dot: a class in io.churnlens itself, or a package
    }

    // ---- parsing --------------------------------------------------------------------------------------------

    private static List<JavaFileObject> mainSources() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try (Stream<Path> walk = Files.walk(MAIN)) {
            List<Path> paths = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertThat(paths).as("sources under %s", MAIN.toAbsolutePath()).hasSizeGreaterThan(100);
            List<JavaFileObject> objects = new ArrayList<>();
            files.getJavaFileObjectsFromPaths(paths).forEach(objects::add);
            objects.sort(Comparator.comparing(JavaFileObject::getName));
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses only: no symbols are resolved, so the classpath does not matter and nothing is compiled. */
    private static List<Unit> parse(List<JavaFileObject> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavacTask task = (JavacTask) javac.getTask(null, null, null, List.of("-proc:none"), null, sources);
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<Unit> units = new ArrayList<>();
        try {
            for (CompilationUnitTree tree : task.parse()) {
                units.add(new Unit(tree, positions, relativeName(tree.getSourceFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return units;
    }

    private static String relativeName(JavaFileObject file) {
        URI uri = file.toUri();
        if (!"file".equals(uri.getScheme())) {
            return file.getName();
        }
        Path path = Path.of(uri);
        Path main = MAIN.toAbsolutePath();
        return path.startsWith(main) ? MAIN.resolve(main.relativize(path)).toString() : path.toString();
    }

    private static CharSequence sourceText(Unit unit) {
        try {
            return unit.tree().getSourceFile().getCharContent(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(String what, List<String> offenders) {
        System.out.println("ArchitectureTest: " + offenders.size() + " " + what);
        offenders.forEach(o -> System.out.println("  " + o));
    }

    private static final class InlineSource extends SimpleJavaFileObject {
        private final String text;

        InlineSource(String name, String text) {
            super(URI.create("string:///" + name), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        @Override
        public String getName() {
            return toUri().getPath().substring(1);
        }
    }
}
