package io.socialcrm.testing;

import static org.apache.spark.sql.functions.lit;

import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructField;

/** Hand-made rows written as a lake's declared table, for tests that start from a given silver state. */
public final class TestTables {
  private TestTables() {}

  /** Writes rows as the table: its columns in its order, absent ones null. */
  public static void write(Lake lake, DeclaredTable table, Dataset<Row> rows) {
    Dataset<Row> full = rows;
    for (StructField f : table.schema().fields()) {
      if (!List.of(full.columns()).contains(f.name())) {
        full = full.withColumn(f.name(), lit(null).cast(f.dataType()));
      }
    }
    full = table.conform(full).localCheckpoint();
    full.write().format("delta").mode(SaveMode.Overwrite).save(lake.path(table.table()));
  }
}
