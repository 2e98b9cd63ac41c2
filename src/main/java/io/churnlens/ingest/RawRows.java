package io.churnlens.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * Raw input rows as the source wrote them: every input column as a string, plus the file each row came from and,
 * for rows the reader could not split into columns, the raw line.
 *
 * @param rows        the input columns (strings), {@link #SOURCE_FILE} and {@link #MALFORMED}
 * @param columns     the input's column names, in file order
 */
public record RawRows(Dataset<Row> rows, List<String> columns) {
    /** Path of the file the row came from. */
    public static final String SOURCE_FILE = "_source_file";
    /** The raw text of a row that could not be split into the expected columns; null for well-formed rows. */
    public static final String MALFORMED = "_malformed";
}
