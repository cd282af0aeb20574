package io.socialcrm.contracts;

import io.socialcrm.common.Errors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The contract types and their Spark types. {@code json} is a nested JSON value kept as its text. */
public record ColumnType(String name, DataType sparkType) {
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

  public static ColumnType parse(String type) {
    if (type == null) {
      throw Errors.invalidContract("?", "a column has no type");
    }
    String t = type.trim().toLowerCase();
    Matcher m = DECIMAL.matcher(t.replace(" ", ""));
    if (m.matches()) {
      return new ColumnType(t, DataTypes.createDecimalType(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    return switch (t) {
      case "string", "json" -> new ColumnType(t, DataTypes.StringType);
      case "int" -> new ColumnType(t, DataTypes.IntegerType);
      case "long" -> new ColumnType(t, DataTypes.LongType);
      case "double" -> new ColumnType(t, DataTypes.DoubleType);
      case "boolean" -> new ColumnType(t, DataTypes.BooleanType);
      case "date" -> new ColumnType(t, DataTypes.DateType);
      case "timestamp" -> new ColumnType(t, DataTypes.TimestampType);
      default -> throw Errors.invalidContract("?", "unknown column type '" + type + "'");
    };
  }

  public boolean isText() {
    return sparkType.equals(DataTypes.StringType);
  }
}
