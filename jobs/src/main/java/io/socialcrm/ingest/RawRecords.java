package io.socialcrm.ingest;

/**
 * The shape every landing reader produces, whatever the format: the contract's columns as nullable strings
 * (null when absent), plus these columns.
 */
public final class RawRecords {
  /** File (or JDBC table) the record came from. */
  public static final String SOURCE_FILE = "_source_file";
  /** 1-based line (JSON lines) or data row (CSV, Parquet, JDBC) within {@link #SOURCE_FILE}. */
  public static final String SOURCE_ROW = "_source_row";
  /** The whole record as it arrived (the JSON line; CSV/Parquet/JDBC rows as a JSON object of all fields). */
  public static final String RECORD = "_record";
  /** True when the record could not be parsed at all. */
  public static final String MALFORMED = "_malformed";
  /** Fields the contract does not know, kept: name (dot path for nested JSON) to value text. */
  public static final String EXTRA = "_extra";

  private RawRecords() {}
}
