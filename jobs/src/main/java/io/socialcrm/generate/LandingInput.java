package io.socialcrm.generate;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * One landing input (a data contract): what lands in each (day, file) unit, in file order, and how a record is
 * rendered. Subclasses are pure functions of the {@link World}; {@link LandingWriter} runs one Spark task per unit.
 *
 * @param <T> a lightweight reference to one record (rendered only when written)
 */
abstract class LandingInput<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final Format format;
  private final List<String> columns;

  LandingInput(String name, Format format, List<String> columns) {
    this.name = name;
    this.format = format;
    this.columns = List.copyOf(columns);
  }

  final String name() {
    return name;
  }

  final Format format() {
    return format;
  }

  /** The contract's column names, in order (the CSV header, the Parquet fields). */
  final List<String> columns() {
    return columns;
  }

  /** Expected records per day, which decides the number of files per day (1 to 4). */
  abstract double recordsPerDay(World w);

  int files(World w) {
    return Sizes.filesFor(recordsPerDay(w));
  }

  /** The records of one file of one day, in the order they are written. */
  abstract List<T> items(World w, int day, int file, int files);

  /** Whether a line-level defect may hit this record (never a customer's or a brand's own record). */
  boolean defectEligible(World w, T item) {
    return true;
  }

  /**
   * The record: a JSON object ({@code Map<String, Object>}) for JSON lines, the column values ({@code String[]})
   * for CSV, the field values ({@code Object[]}, Spark external types) for Parquet.
   */
  abstract Object render(World w, T item);

  /** The Parquet schema (Parquet inputs only). */
  StructType schema() {
    throw new UnsupportedOperationException(name + " is not a Parquet input");
  }
}
