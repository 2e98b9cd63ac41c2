package io.churnlens.schema;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * One published table of the data dictionary: where it lives, what a row is, and each column (partition columns
 * included) with its type, unit and meaning. Where a table's Spark schema is defined in {@code schema/}, it is built
 * from this description ({@link #schema()}, {@link #fileSchema()}), so the dictionary and what is written cannot
 * differ. Immutable: each builder step returns a new description.
 *
 * @param location where under the output root, with the partition folders
 * @param rows     what one row is
 * @param notes    sentences printed under the column table (allowed values, formulas)
 */
public record TableDoc(String name, String location, String rows, List<ColumnDoc> columns, List<String> notes) {
    public TableDoc {
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }

    /** A report table under {@code reports/<name>/as_of=YYYY-MM-DD/}; add its partition with {@link #asOf()}. */
    static TableDoc report(String name, String rows) {
        return at(name, "reports/" + name + "/as_of=YYYY-MM-DD/", rows);
    }

    /** A table (or file) at another place under the output root; say its partition columns with {@link #partition}. */
    static TableDoc at(String name, String location, String rows) {
        return new TableDoc(name, location, rows, List.of(), List.of());
    }

    TableDoc column(String column, DataType type, boolean nullable, String unit, String meaning) {
        return with(new ColumnDoc(column, type, nullable, unit, meaning, false));
    }

    /** A partition column: its value is in the folder name (e.g. {@code as_of=2026-09-30}), not in the files. */
    TableDoc partition(String column, DataType type, String meaning) {
        return with(new ColumnDoc(column, type, false, "", meaning, true));
    }

    /** The {@code as_of} partition every report table has. */
    TableDoc asOf() {
        return partition(Tables.AS_OF, DataTypes.DateType, "the snapshot date T the row belongs to");
    }

    TableDoc note(String text) {
        List<String> more = new ArrayList<>(notes);
        more.add(text);
        return new TableDoc(name, location, rows, columns, more);
    }

    private TableDoc with(ColumnDoc c) {
        List<ColumnDoc> more = new ArrayList<>(columns);
        more.add(c);
        return new TableDoc(name, location, rows, more, notes);
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
                .map(c -> new StructField(c.name(), c.type(), c.nullable(), Metadata.empty()))
                .toArray(StructField[]::new));
    }
}
