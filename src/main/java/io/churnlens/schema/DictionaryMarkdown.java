package io.churnlens.schema;

import java.util.List;

/**
 * Writes {@code DATA_DICTIONARY.md} from {@link DataDictionary}: one section per table with its location,
 * partitioning, what a row is, and a column table (type, nulls, unit, meaning). Pure text; the test
 * {@code DataDictionaryTest} compares it with the checked-in file and rewrites the file on request.
 */
public final class DictionaryMarkdown {
    /** How to regenerate the file, named in the test's failure message and in the file itself. */
    public static final String REGENERATE =
            "mvn -B -o test -Dtest=DataDictionaryTest -Dchurnlens.dictionary.write=true";

    private DictionaryMarkdown() {}

    public static String render(List<TableDoc> tables) {
        StringBuilder b = new StringBuilder();
        b.append("# Data dictionary\n\n")
                .append("<!-- Generated from src/main/java/io/churnlens/schema/DataDictionary.java: do not edit by hand; ")
                .append("regenerate with `").append(REGENERATE).append("`. -->\n\n")
                .append("Every table churnlens publishes under the output root. Types are the plain Parquet types Spark ")
                .append("writes (string, int, bigint, double, decimal(18,2), date, timestamp, boolean); *partition* ")
                .append("columns come from the folder names (Spark partition discovery; DuckDB ")
                .append("`read_parquet('<root>/reports/<table>/*/*.parquet', hive_partitioning = true)`). ")
                .append("Timestamps are instants (UTC). Rules, formulas and fit states are in the README's ")
                .append("*Data dictionary* section.\n\n");
        for (TableDoc t : tables) b.append(index(t));
        b.append('\n');
        for (TableDoc t : tables) table(b, t);
        return b.toString();
    }

    private static String index(TableDoc t) {
        return "- [" + t.name() + "](#" + t.name().replaceAll("[^a-z0-9_ -]", "").replace(' ', '-') + ")\n";
    }

    private static void table(StringBuilder b, TableDoc t) {
        b.append("## ").append(t.name()).append("\n\n")
                .append("`<root>/").append(t.location()).append("` — ").append(t.rows()).append(".\n\n");
        List<String> partitions = t.partitionColumns();
        b.append("Partitioned by: ").append(partitions.isEmpty() ? "nothing" : "`" + String.join("`, `", partitions) + "`")
                .append(".\n\n")
                .append("| column | type | nulls | unit | meaning |\n|---|---|---|---|---|\n");
        for (ColumnDoc c : t.columns()) {
            b.append("| `").append(c.name()).append("` | ").append(c.type().simpleString())
                    .append(c.partition() ? " (partition)" : "").append(" | ").append(c.nullable() ? "yes" : "")
                    .append(" | ").append(cell(c.unit())).append(" | ").append(cell(c.meaning())).append(" |\n");
        }
        for (String note : t.notes()) b.append('\n').append(note).append('\n');
        b.append('\n');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
