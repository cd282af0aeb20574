package io.socialcrm.conform;

import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.common.Errors;
import io.socialcrm.lake.Lake;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a silver table's transform may read: the rows of its bronze inputs that are new since the last run (an
 * empty frame of the bronze shape when there are none), and the current content of silver tables built earlier
 * in the step (e.g. campaigns for interactions).
 */
public record ConformInputs(SparkSession spark, Lake lake, Map<String, Dataset<Row>> bronzeChanges) {

  /** The new rows of bronze table {@code input}, which must be one of the build's declared inputs. */
  public Dataset<Row> bronze(String input) {
    Dataset<Row> rows = bronzeChanges.get(input);
    if (rows == null) {
      throw Errors.badArgument("bronze input", input, "one of the inputs the silver table declares " + bronzeChanges.keySet());
    }
    return rows;
  }

  /** The whole current content of a silver table (empty, with its schema, while it does not exist). */
  public Dataset<Row> silver(DeclaredTable table) {
    return SilverWriter.current(spark, lake, table);
  }
}
