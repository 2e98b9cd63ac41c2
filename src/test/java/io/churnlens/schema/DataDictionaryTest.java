package io.churnlens.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.churnlens.model.ModelMetadata;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DATA_DICTIONARY.md is what {@link DictionaryMarkdown} writes from {@link DataDictionary}, every table name in
 * {@link Tables} has its description, and the README links to the file. With
 * {@code -Dchurnlens.dictionary.write=true} the test rewrites the file instead of comparing.
 */
class DataDictionaryTest {
    private static final Path FILE = Path.of("DATA_DICTIONARY.md");

    @Test
    void checkedInDictionaryIsWhatTheGeneratorWrites() throws IOException {
        String generated = DictionaryMarkdown.render(DataDictionary.TABLES);
        if (Boolean.getBoolean("churnlens.dictionary.write")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(FILE).as("DATA_DICTIONARY.md is missing; write it with: " + DictionaryMarkdown.REGENERATE).exists();
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("DATA_DICTIONARY.md differs from schema/DataDictionary.java; regenerate it with: "
                        + DictionaryMarkdown.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everyTableNameHasItsDescription() throws IllegalAccessException {
        List<String> described = DataDictionary.TABLES.stream().map(TableDoc::name).toList();
        List<String> missing = new ArrayList<>();
        for (Field f : Tables.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) continue;
            String name = (String) f.get(null);
            if (name.equals(Tables.AS_OF)) continue;
            String table = name.equals(Tables.CHURN_MODEL) ? "models/" + name : name;
            if (!described.contains(table)) missing.add(f.getName() + " = \"" + name + "\"");
        }
        assertThat(missing).as("Tables without a TableDoc in schema/DataDictionary.java (add one and list it in TABLES)")
                .isEmpty();
        assertThat(described).doesNotHaveDuplicates();
    }

    @Test
    void columnNamesAreUniquePerTable() {
        for (TableDoc t : DataDictionary.TABLES) {
            // models/churn: as_of is both a JSON field and the folder's partition
            assertThat(t.columns().stream().filter(c -> !c.partition()).map(ColumnDoc::name).toList()).as(t.name())
                    .doesNotHaveDuplicates();
            assertThat(t.columns()).as(t.name()).allSatisfy(c -> assertThat(c.meaning() + c.unit()).isNotBlank());
        }
    }

    @Test
    void modelMetadataFieldsAreTheDocumentedOnes() {
        // metadata.json names its keys by Jackson's snake_case strategy from the record components
        var snake = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        List<String> json = new ArrayList<>();
        for (var c : ModelMetadata.class.getRecordComponents()) {
            json.add(snake.translate(c.getName()));
        }
        List<String> documented = DataDictionary.CHURN_MODEL.columns().stream().filter(c -> !c.partition())
                .map(ColumnDoc::name).toList();
        assertThat(documented).containsExactlyElementsOf(json);
    }

    @Test
    void readmeLinksToTheDictionary() throws IOException {
        assertThat(Files.readString(Path.of("README.md"))).contains("(DATA_DICTIONARY.md)");
    }
}
