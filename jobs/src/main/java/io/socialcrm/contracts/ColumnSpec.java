package io.socialcrm.contracts;

import java.util.List;

/**
 * One column of a data contract. {@code path} is where the value sits in a JSON record (dot separated, e.g.
 * {@code data.public_metrics.like_count}); CSV, Parquet and JDBC inputs use the column name.
 */
public record ColumnSpec(
    String name,
    String path,
    String type,
    Boolean nullable,
    String format,
    String pattern,
    List<String> allowed,
    Double min,
    Double max,
    Boolean pii,
    String description) {

  /** Columns are nullable unless the contract says {@code "nullable": false}. */
  public boolean required() {
    return Boolean.FALSE.equals(nullable);
  }

  public boolean personal() {
    return Boolean.TRUE.equals(pii);
  }

  public String pathOrName() {
    return path == null ? name : path;
  }

  public ColumnType columnType() {
    return ColumnType.parse(type);
  }
}
