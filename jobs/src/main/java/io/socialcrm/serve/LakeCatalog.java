package io.socialcrm.serve;

import io.socialcrm.lake.Lake;
import io.socialcrm.lake.Layer;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Registers the lake's Delta tables in the session catalog as {@code <layer>.<table>} (databases bronze, silver,
 * gold, quarantine), pointing at their folders, so Spark SQL can name them.
 */
public final class LakeCatalog {
  private LakeCatalog() {}

  /** Registers every Delta table found under the lake's layer folders; returns their SQL names. */
  public static List<String> register(SparkSession spark, Lake lake) {
    List<String> names = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.folder());
      String dir = Lake.join(lake.root(), layer.folder());
      for (String table : deltaTablesIn(spark, dir, lake)) {
        String location = Lake.join(dir, table);
        spark.sql("CREATE TABLE IF NOT EXISTS " + layer.folder() + ".`" + table + "` USING delta LOCATION '"
            + location.replace("'", "\\'") + "'");
        names.add(layer.folder() + "." + table);
      }
    }
    return names;
  }

  private static List<String> deltaTablesIn(SparkSession spark, String dir, Lake lake) {
    List<String> out = new ArrayList<>();
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(p)) {
        if (st.isDirectory() && lake.isDeltaTable(st.getPath().toString())) {
          out.add(st.getPath().getName());
        }
      }
    } catch (java.io.IOException e) {
      throw io.socialcrm.common.Errors.unreadableLake(dir, e);
    }
    out.sort(String::compareTo);
    return out;
  }
}
