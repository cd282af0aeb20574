package io.socialcrm.serve;

import io.socialcrm.lake.Lake;
import io.socialcrm.lake.Layer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the lake's Delta tables in the session catalog as {@code <layer>.<table>} (databases bronze, silver,
 * gold, quarantine), pointing at their folders, so Spark SQL can name them.
 */
public final class LakeCatalog {
  private LakeCatalog() {}

  /** Registers every Delta table found under the lake's layer folders; returns their SQL names. */
  public static List<String> register(SparkSession spark, Lake lake) {
    return register(spark, lake, List.of(Layer.values()), true);
  }

  /**
   * Registers the Delta tables of the given layers, with the internal ones (names starting with "_": the steps'
   * state, e.g. identity's scored pairs) or without; returns their SQL names.
   */
  public static List<String> register(SparkSession spark, Lake lake, List<Layer> layers, boolean internal) {
    List<String> names = new ArrayList<>();
    for (Layer layer : layers) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.folder());
      String dir = Lake.join(lake.root(), layer.folder());
      for (String table : lake.deltaTables(layer)) {
        if (!internal && table.startsWith("_")) {
          continue;
        }
        String location = Lake.join(dir, table);
        String name = layer.folder() + ".`" + table + "`";
        // External tables: dropping the catalog entry leaves the data; re-creating points it at this lake.
        spark.sql("DROP TABLE IF EXISTS " + name);
        spark.sql("CREATE TABLE " + name + " USING delta LOCATION '" + location.replace("'", "\\'") + "'");
        names.add(layer.folder() + "." + table);
      }
    }
    return names;
  }
}
