package io.churnlens.impact;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A report row filled by column name (names from {@code schema/}), so a row cannot shift when a column is added.
 * An unknown name fails at once; a non-nullable column left unset fails when the row is built.
 */
final class NamedRow {
    private final StructType schema;
    private final Object[] values;

    NamedRow(StructType schema) {
        this.schema = schema;
        this.values = new Object[schema.size()];
    }

    NamedRow set(String column, Object value) {
        values[schema.fieldIndex(column)] = value;
        return this;
    }

    Row row() {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (values[i] == null && !fields[i].nullable()) {
                throw new IllegalStateException("column " + fields[i].name() + " is not nullable and was not set");
            }
        }
        return RowFactory.create(values.clone());
    }
}
