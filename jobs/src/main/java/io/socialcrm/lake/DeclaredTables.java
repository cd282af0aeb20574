package io.socialcrm.lake;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Loads the table declarations {@code schemas/<layer>/<name>.json} (name, description, keys, columns with Spark
 * SQL types) from the class path. Silver and gold tables are declared this way, once; code names them through
 * {@code SilverTables} and {@code GoldTables}.
 */
public final class DeclaredTables {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private DeclaredTables() {}

  /** The JSON shape of a declaration. */
  record Declaration(String name, String description, List<String> keys, List<ColumnDeclaration> columns) {}

  /** One column: its name, Spark SQL type ("string", "bigint", "decimal(14,2)", "array<string>", ...), meaning. */
  record ColumnDeclaration(String name, String type, String description) {}

  /** The folder of a layer's declarations on the class path (and under the repository root). */
  public static String folder(Layer layer) {
    return "schemas/" + layer.folder();
  }

  /** Loads and checks the declaration {@code schemas/<layer>/<name>.json}. */
  public static DeclaredTable load(Layer layer, String name) {
    String resource = folder(layer) + "/" + name + ".json";
    try (InputStream in = DeclaredTables.class.getClassLoader().getResourceAsStream(resource)) {
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
        Metadata meta = c.description() == null ? Metadata.empty()
            : new MetadataBuilder().putString("comment", c.description()).build();
        schema = schema.add(new StructField(c.name(), type, true, meta));
      }
      List<String> names = List.of(schema.fieldNames());
      if (!names.containsAll(d.keys()) || names.stream().distinct().count() != names.size()) {
        throw Errors.invalidContract(resource, "keys " + d.keys() + " must name columns, and columns must be unique");
      }
      return new DeclaredTable(new LakeTable(layer, name), d.description(), schema, List.copyOf(d.keys()));
    } catch (IOException e) {
      throw Errors.invalidContract(resource, Errors.rootMessage(e));
    }
  }
}
