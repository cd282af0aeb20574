package io.socialcrm.contracts;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A data contract: one input (a social export or a CRM table), read from {@code schemas/}. It is the only
 * declaration of the input's columns, types and rules; the bronze table of the same name takes its schema from
 * here.
 */
public record Contract(
    String name,
    String source,
    String description,
    String format,
    List<String> keys,
    List<ColumnSpec> columns,
    List<RuleSpec> rules,
    Map<String, String> jdbc) {

  public static final String FORMAT_JSONL = "jsonl";
  public static final String FORMAT_CSV = "csv";
  /** CRM tables: CSV or Parquet dumps in the landing area, or the CRM database over JDBC. */
  public static final String FORMAT_CRM = "crm";

  public boolean isCrm() {
    return FORMAT_CRM.equals(format);
  }

  public ColumnSpec column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  /** The social platforms whose profile ids contracts carry (a contract's {@code source} for social inputs). */
  public static final List<String> PLATFORMS = List.of("x", "facebook", "linkedin");
  /** The column that names the platform of a profile subject in contracts whose source is not a platform. */
  public static final String PLATFORM_COLUMN = "platform";

  /**
   * The platform of this contract's profile subjects: the source when it is a platform (x, facebook, linkedin),
   * else null, and the platform is in each record's {@link #PLATFORM_COLUMN} column (steward decisions).
   */
  public String subjectPlatform() {
    return PLATFORMS.contains(source) ? source : null;
  }

  /** The columns marked with a {@code subject}, in contract order. */
  public List<ColumnSpec> subjectColumns() {
    return columns.stream().filter(ColumnSpec::isSubject).toList();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  /** The typed schema of the contract's columns, as bronze stores them. */
  public StructType sparkSchema() {
    StructType s = new StructType();
    for (ColumnSpec c : columns) {
      s = s.add(new StructField(c.name(), c.columnType().sparkType(), true, Metadata.empty()));
    }
    return s;
  }

  /** Every column as a nullable string: how raw records look before validation. */
  public StructType rawSchema() {
    StructType s = new StructType();
    for (ColumnSpec c : columns) {
      s = s.add(c.name(), DataTypes.StringType, true);
    }
    return s;
  }
}
