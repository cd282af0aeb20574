package io.socialcrm.contracts;

import java.util.List;

/**
 * One column of a data contract. {@code path} is where the value sits in a JSON record (dot separated, e.g.
 * {@code data.public_metrics.like_count}); CSV, Parquet and JDBC inputs use the column name. {@code subject}
 * ({@code customer} or {@code profile}, optional) marks a column naming the person a record is about, which
 * erasure (see {@code io.socialcrm.privacy}) deletes by and ingestion screens against.
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
    String description,
    String subject) {

  /** {@code "subject": "customer"}: the column holds the customer_id of the person the record is about. */
  public static final String SUBJECT_CUSTOMER = "customer";
  /** {@code "subject": "profile"}: the column holds a profile id on the contract's platform (see {@link Contract#subjectPlatform}). */
  public static final String SUBJECT_PROFILE = "profile";

  /** A column that names no data subject (the contract files may omit {@code subject}). */
  public ColumnSpec(String name, String path, String type, Boolean nullable, String format, String pattern,
                    List<String> allowed, Double min, Double max, Boolean pii, String description) {
    this(name, path, type, nullable, format, pattern, allowed, min, max, pii, description, null);
  }

  /** Columns are nullable unless the contract says {@code "nullable": false}. */
  public boolean required() {
    return Boolean.FALSE.equals(nullable);
  }

  public boolean personal() {
    return Boolean.TRUE.equals(pii);
  }

  /** True when the column says who the record is about (a customer or a social profile). */
  public boolean isSubject() {
    return subject != null;
  }

  public String pathOrName() {
    return path == null ? name : path;
  }

  public ColumnType columnType() {
    return ColumnType.parse(type);
  }
}
