package io.churnlens.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.churnlens.schema.DataDictionary;
import io.churnlens.schema.TableDoc;
import io.churnlens.schema.Tables;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table and column a notebook reads exists in schema/: the notebooks read report tables only through
 * {@code table("name", ["column", ...])} (which also fails at run time on a column the output lacks), so the table
 * names and column lists can be checked here without running anything. Partition column: {@code as_of}.
 */
class NotebookSchemaTest {
    private static final Pattern READ = Pattern.compile("table\\(\\s*\"(\\w+)\"\\s*,\\s*\\[([^\\]]*)\\]");
    private static final Pattern ANY_READ = Pattern.compile("(?<![\\w.])table\\(");
    private static final Pattern NAME = Pattern.compile("\"(\\w+)\"");

    /** Each described table with its columns (partition columns included), from schema/DataDictionary. */
    private static final Map<String, Set<String>> COLUMNS = DataDictionary.TABLES.stream()
            .collect(Collectors.toMap(TableDoc::name, t -> names(t.schema())));

    @Test
    void everyTableAndColumnANotebookReadsIsInTheSchema() throws Exception {
        List<Path> notebooks = NotebooksIT.notebooks();
        assertThat(notebooks).hasSizeGreaterThanOrEqualTo(4);
        Set<String> tables = constants(Tables.class);
        int reads = 0;
        for (Path nb : notebooks) {
            String code = code(nb);
            Matcher m = READ.matcher(code);
            int found = 0;
            while (m.find()) {
                found++;
                String table = m.group(1);
                assertThat(tables).as("%s reads table %s", nb, table).contains(table);
                assertThat(COLUMNS).as("%s reads %s: describe it in schema/DataDictionary", nb, table).containsKey(table);
                List<String> columns = new ArrayList<>();
                Matcher c = NAME.matcher(m.group(2));
                while (c.find()) columns.add(c.group(1));
                assertThat(columns).as("%s reads %s with no column list", nb, table).isNotEmpty();
                Set<String> known = new HashSet<>(COLUMNS.get(table));
                known.add(Tables.AS_OF);
                assertThat(known).as("%s: columns of %s", nb, table).containsAll(columns);
            }
            Matcher any = ANY_READ.matcher(code);
            int calls = 0;
            while (any.find()) calls++;
            // one extra occurrence: the helper's own definition in the setup cell
            assertThat(found).as("%s: every table(...) names its table and columns literally", nb).isEqualTo(calls - 1);
            assertThat(found).as("%s reads some table", nb).isPositive();
            reads += found;
        }
        assertThat(reads).isGreaterThanOrEqualTo(10);
    }

    @Test
    void eachNotebookOpensWithOneParameterCellForTheOutputRootAndSnapshot() throws Exception {
        for (Path nb : NotebooksIT.notebooks()) {
            List<JsonNode> codeCells = new ArrayList<>();
            new ObjectMapper().readTree(Files.readString(nb)).get("cells").forEach(c -> {
                if (c.get("cell_type").asText().equals("code")) codeCells.add(c);
            });
            String first = source(codeCells.get(0));
            assertThat(first).as(nb.toString()).contains("OUTPUT_ROOT =").contains("SNAPSHOT =");
            assertThat(codeCells.get(0).path("metadata").path("tags").toString()).contains("parameters");
            for (JsonNode c : codeCells.subList(1, codeCells.size())) {
                assertThat(source(c)).as("%s: parameters only in the first cell", nb).doesNotContain("OUTPUT_ROOT =");
                assertThat(c.path("outputs").size()).as("%s is committed without outputs", nb).isZero();
            }
        }
    }

    private static String code(Path nb) throws Exception {
        StringBuilder s = new StringBuilder();
        new ObjectMapper().readTree(Files.readString(nb)).get("cells").forEach(c -> {
            if (c.get("cell_type").asText().equals("code")) s.append(source(c)).append('\n');
        });
        return s.toString();
    }

    private static String source(JsonNode cell) {
        JsonNode src = cell.get("source");
        if (src.isTextual()) return src.asText();
        StringBuilder s = new StringBuilder();
        src.forEach(line -> s.append(line.asText()));
        return s.toString();
    }

    private static Set<String> names(StructType schema) {
        return new HashSet<>(Arrays.asList(schema.fieldNames()));
    }

    /** The values of a class's public static String constants. */
    private static Set<String> constants(Class<?> type) {
        Set<String> out = new HashSet<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    out.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
