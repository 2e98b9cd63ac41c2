package io.churnlens.io;

import io.churnlens.schema.QuarantineReason;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.lit;

/**
 * Raw input rows as the sources wrote them, mapped by each file's own header: every input column as a decoded
 * string (null where a file lacks the column), the file each row came from, and the reader's verdict on the row.
 *
 * <p>The reader's verdict ({@link #READER_REASON}, {@link #READER_DETAIL}) is null for rows it read cleanly, and
 * otherwise a {@link QuarantineReason} name ({@code MISSING_COLUMN}, {@code MALFORMED_ROW}, {@code ENCODING}) with a
 * human-readable detail; ingest quarantines such rows before any other rule.
 *
 * @param rows         the input columns (strings), {@link #SOURCE_FILE}, {@link #READER_REASON},
 *                     {@link #READER_DETAIL} and the instant columns of {@code instants}
 * @param columns      the input's column names: the union of the files' headers, in order of first appearance
 * @param instants     input column → name of a companion timestamp column in {@code rows} that holds the event
 *                     instant already typed by the source (Parquet TIMESTAMP/DATE), so it is not re-parsed from text
 * @param refusedFiles one message per file whose rows are all quarantined as MISSING_COLUMN (empty when none)
 * @param warnings     what the reader noticed without quarantining anything (e.g. header-only files)
 */
public record RawRows(Dataset<Row> rows, List<String> columns, Map<String, String> instants,
                      List<String> refusedFiles, List<String> warnings) {
    /** Path of the file the row came from. */
    public static final String SOURCE_FILE = "_source_file";
    /** The reader's quarantine reason for the row, null when the row was read cleanly. */
    public static final String READER_REASON = "_reader_reason";
    /** Why the reader rejected the row (bounded text, names the column or shows the raw line); null when clean. */
    public static final String READER_DETAIL = "_reader_detail";

    public RawRows {
        columns = List.copyOf(columns);
        instants = Map.copyOf(instants);
        refusedFiles = List.copyOf(refusedFiles);
        warnings = List.copyOf(warnings);
    }

    /** Rows that need no reader verdict (generated data): adds the verdict columns as nulls. */
    public static RawRows clean(Dataset<Row> rowsWithSource, List<String> columns) {
        Dataset<Row> rows = rowsWithSource
                .withColumn(READER_REASON, lit(null).cast(DataTypes.StringType))
                .withColumn(READER_DETAIL, lit(null).cast(DataTypes.StringType));
        return new RawRows(rows, columns, Map.of(), List.of(), List.of());
    }

    /** The typed instant column standing in for an input column, when the source had one. */
    public Optional<String> instantOf(String inputColumn) {
        return Optional.ofNullable(inputColumn).map(instants::get);
    }

    /**
     * Fails (exit 3) when files were refused, after the caller has ingested the rest: their rows are in the
     * quarantine as MISSING_COLUMN, and the message names each file and what it lacks.
     */
    public void requireNoRefusedFiles() {
        if (!refusedFiles.isEmpty()) {
            throw new InputException(refusedFiles.size() + " input file(s) refused, their rows quarantined as "
                    + "MISSING_COLUMN (the other files were ingested): " + String.join("; ", refusedFiles));
        }
    }
}
