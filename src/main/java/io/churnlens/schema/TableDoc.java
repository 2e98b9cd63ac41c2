package io.churnlens.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * One published table of the data dictionary: where it lives, how it is partitioned, what a row is, and each column
 * with its type, unit and meaning. Where a table's Spark schema is defined in {@code schema/}, it is built from
 * this description ({@link #schema()}), so the dictionary and what is written cannot differ.
 */
public final class TableDoc {
    private final String name;
    private final String location;
    private final String rows;
    private final List<ColumnDoc> columns = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private TableDoc(String name, String location, String rows) {
        this.name = name;
        this.location = location;
        this.rows = rows;
    }

    /** A report table under {@code reports/<name>/as_of=YYYY-MM-DD/}, partitioned by the snapshot date. */
    static TableDoc report(String name, String rows) {
        return new TableDoc(name, "reports/" + name + "/as_of=YYYY-MM-DD/", rows);
    }

    /** A table (or file) at another place under the output root; say its partition columns with {@link #partition}. */
    static TableDoc at(String name, String location, String rows) {
        return new TableDoc(name, location, rows);
    }

    TableDoc column(String column, DataType type, boolean nullable, String unit, String meaning) {
        columns.add(new ColumnDoc(column, type, nullable, unit, meaning, false));
        return this;
    }

    /** A partition column: its value is in the folder name (e.g. {@code as_of=2026-09-30}), not in the files. */
    TableDoc partition(String column, DataType type, String meaning) {
        columns.add(new ColumnDoc(column, type, false, "", meaning, true));
        return this;
    }

    /** The {@code as_of} partition every report table has. */
    TableDoc asOf() {
        return partition(Tables.AS_OF, DataTypes.DateType, "the snapshot date T the row belongs to");
    }

    /** A sentence printed under the column table (allowed values, formulas). */
    TableDoc note(String text) {
        notes.add(text);
        return this;
    }

    public String name() {
        return name;
    }

    public String location() {
        return location;
    }

    public String rows() {
        return rows;
    }

    public List<ColumnDoc> columns() {
        return List.copyOf(columns);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<String> partitionColumns() {
        return columns.stream().filter(ColumnDoc::partition).map(ColumnDoc::name).toList();
    }

    /** Every column in declared order, partition columns included: the schema of a table written partitioned. */
    public StructType schema() {
        return struct(columns);
    }

    /** The columns in the files, in order (folder columns left out): the schema the stage writes. */
    public StructType fileSchema() {
        return struct(columns.stream().filter(c -> !c.partition()).toList());
    }

    private static StructType struct(List<ColumnDoc> of) {
        return new StructType(of.stream()
                .map(c -> new StructField(c.name(), c.type(), c.nullable(), org.apache.spark.sql.types.Metadata.empty()))
                .toArray(StructField[]::new));
    }

    /** The file columns followed by the partition columns: what a reader of the table's folder sees. */
    public StructType readSchema() {
        StructType s = fileSchema();
        for (ColumnDoc c : columns) {
            if (c.partition()) s = s.add(c.name(), c.type(), true);
        }
        return s;
    }
}
