package io.socialcrm.conform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The silver tables, each declared once as data in {@code schemas/silver/<name>.json} (name, description, keys,
 * columns with Spark SQL types) and named here. Other stages code against these names and columns.
 */
public final class SilverTables {
  public static final String FOLDER = "schemas/silver";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  public static final SilverTable CUSTOMERS = load("customers");
  public static final SilverTable SOCIAL_PROFILES = load("social_profiles");
  public static final SilverTable CONSENT = load("consent");
  public static final SilverTable STEWARD_DECISIONS = load("steward_decisions");
  public static final SilverTable INTERACTIONS = load("interactions");
  public static final SilverTable ORDERS = load("orders");
  public static final SilverTable CAMPAIGNS = load("campaigns");
  public static final SilverTable SPEND = load("spend");
  public static final SilverTable SUPPORT_CASES = load("support_cases");
  public static final SilverTable LEADS = load("leads");

  /** Conform's own bookkeeping: per bronze table, the last Delta version conform has processed. */
  public static final LakeTable CONFORM_STATE = new LakeTable(Layer.SILVER, "_conform_state");
  public static final StructType CONFORM_STATE_SCHEMA = new StructType()
      .add("input", DataTypes.StringType)
      .add("version", DataTypes.LongType)
      .add("run_id", DataTypes.StringType)
      .add("updated_at", DataTypes.TimestampType);

  private SilverTables() {}

  /** The JSON shape of a declaration. */
  record Declaration(String name, String description, List<String> keys, List<ColumnDeclaration> columns) {}

  /** One column: its name and Spark SQL type ("string", "bigint", "decimal(14,2)", "array<string>", ...). */
  record ColumnDeclaration(String name, String type) {}

  /** Loads and checks the declaration {@code schemas/silver/<name>.json} from the class path. */
  public static SilverTable load(String name) {
    String resource = FOLDER + "/" + name + ".json";
    try (InputStream in = SilverTables.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw Errors.invalidContract(resource, "not found on the class path");
      }
      Declaration d = JSON.readValue(in, Declaration.class);
      if (!name.equals(d.name()) || d.columns() == null || d.columns().isEmpty() || d.keys() == null) {
        throw Errors.invalidContract(resource, "needs name '" + name + "', keys and columns");
      }
      StructType schema = new StructType();
      for (ColumnDeclaration c : d.columns()) {
        DataType type;
        try {
          type = DataType.fromDDL(c.type());
        } catch (RuntimeException e) {
          throw Errors.invalidContract(resource, "column " + c.name() + " has an unknown type '" + c.type() + "'");
        }
        schema = schema.add(new StructField(c.name(), type, true, Metadata.empty()));
      }
      List<String> names = List.of(schema.fieldNames());
      if (!names.containsAll(d.keys()) || names.stream().distinct().count() != names.size()) {
        throw Errors.invalidContract(resource, "keys " + d.keys() + " must name columns, and columns must be unique");
      }
      return new SilverTable(new LakeTable(Layer.SILVER, name), d.description(), schema, List.copyOf(d.keys()));
    } catch (IOException e) {
      throw Errors.invalidContract(resource, Errors.rootMessage(e));
    }
  }
}
