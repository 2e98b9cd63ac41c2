package io.churnlens.schema;

import org.apache.spark.sql.types.DataType;

/**
 * One column of a published table as the data dictionary describes it.
 *
 * @param type      the Spark type written to Parquet (plain types only); for a folder column, the type Spark and
 *                  DuckDB infer from the folder name
 * @param nullable  whether the column may hold nulls
 * @param unit      what a number is counted in ("" when not a quantity)
 * @param meaning   what the value says, for an analyst
 * @param partition true when the value comes from a folder name ({@code as_of=...}), not from the files
 */
public record ColumnDoc(String name, DataType type, boolean nullable, String unit, String meaning, boolean partition) {}
