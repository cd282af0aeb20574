package io.socialcrm.marts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a gold mart: the rows for a scope (the whole table, or the rows a SQL predicate selects) replace what the
 * table holds in that scope, in one Delta commit, and only when they differ from it. A rerun that computes the
 * same rows therefore commits nothing, and the table stays byte-for-byte the same.
 */
public final class GoldWriter {
  private final Lake lake;

  public GoldWriter(Lake lake) {
    this.lake = lake;
  }

  /** What one write did. */
  public record Written(String table, long rows, boolean changed) {}

  /** Replaces the whole table with {@code rows} (conformed to its declaration) unless it already holds them. */
  public Written replaceAll(DeclaredTable table, Dataset<Row> rows) {
    return replace(table, rows, null);
  }

  /**
   * Replaces the rows matching {@code scope} (a SQL predicate over the table's columns, e.g.
   * {@code "date >= '2026-11-01'"}) with {@code rows}, which must all match it, unless they are the same.
   */
  public Written replaceWhere(DeclaredTable table, Dataset<Row> rows, String scope) {
    return replace(table, rows, scope);
  }

  private Written replace(DeclaredTable table, Dataset<Row> rows, String scope) {
    Dataset<Row> next = table.conform(rows);
    if (scope != null) {
      next = next.where(scope); // rows outside the scope would break replaceWhere's check
    }
    String path = lake.path(table.table());
    boolean exists = lake.isDeltaTable(path);
    Row nextPrint = fingerprint(next);
    if (exists) {
      Dataset<Row> current = next.sparkSession().read().format("delta").load(path);
      if (scope != null) {
        current = current.where(scope);
      }
      if (fingerprint(current).equals(nextPrint)) {
        return new Written(table.name(), nextPrint.getLong(0), false);
      }
    }
    var writer = next.write().format("delta").mode(SaveMode.Overwrite);
    if (scope != null && exists) {
      writer = writer.option("replaceWhere", scope);
    } else {
      writer = writer.option("overwriteSchema", "true");
    }
    writer.save(path);
    return new Written(table.name(), nextPrint.getLong(0), true);
  }

  /** Row count and an order-independent hash of the rows. */
  static Row fingerprint(Dataset<Row> rows) {
    Column[] cols = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return rows.agg(count(lit(1)), coalesce(sum(xxhash64(cols).cast("decimal(38,0)")), lit(0).cast("decimal(38,0)")))
        .first();
  }
}
