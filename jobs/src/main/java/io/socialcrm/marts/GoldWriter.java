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

  /**
   * What one write did.
   *
   * @param rows       the rows in the written scope
   * @param changed    whether a commit was made
   * @param durationMs the write's wall time, including computing its rows (they are lazy until written)
   */
  public record Written(String table, long rows, boolean changed, long durationMs) {}

  /** Replaces the whole table with {@code rows} (conformed to its declaration) unless it already holds them. */
  public Written replaceAll(DeclaredTable table, Dataset<Row> rows) {
    return timed(() -> replace(table, rows, null));
  }

  /**
   * Replaces the rows matching {@code scope} (a SQL predicate over the table's columns, e.g.
   * {@code "date >= '2026-11-01'"}) with {@code rows}, which must all match it, unless they are the same.
   */
  public Written replaceWhere(DeclaredTable table, Dataset<Row> rows, String scope) {
    return timed(() -> replace(table, rows, scope));
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
        return new Written(table.name(), nextPrint.getLong(0), false, 0);
      }
    }
    var writer = next.write().format("delta").mode(SaveMode.Overwrite);
    if (scope != null && exists) {
      writer = writer.option("replaceWhere", scope);
    } else {
      writer = writer.option("overwriteSchema", "true");
    }
    writer.save(path);
    return new Written(table.name(), nextPrint.getLong(0), true, 0);
  }

  /**
   * Inserts new keys and updates rows whose values changed (one Delta MERGE on the table's keys); rows of the table
   * not in {@code rows} stay. For tables fed incrementally, such as the per-post scores.
   */
  public Written upsert(DeclaredTable table, Dataset<Row> rows) {
    return timed(() -> merge(table, rows));
  }

  private Written merge(DeclaredTable table, Dataset<Row> rows) {
    Dataset<Row> next = table.conform(rows);
    String path = lake.path(table.table());
    if (!lake.isDeltaTable(path)) {
      next.write().format("delta").mode(SaveMode.Overwrite).save(path);
      return new Written(table.name(), next.count(), true, 0);
    }
    String on = table.keys().stream().map(k -> "t.`" + k + "` = s.`" + k + "`")
        .collect(java.util.stream.Collectors.joining(" AND "));
    String changed = table.columnNames().stream().filter(c -> !table.keys().contains(c))
        .map(c -> "NOT (t.`" + c + "` <=> s.`" + c + "`)").collect(java.util.stream.Collectors.joining(" OR "));
    var merge = io.delta.tables.DeltaTable.forPath(next.sparkSession(), path).as("t").merge(next.as("s"), on);
    if (!changed.isEmpty()) {
      merge = merge.whenMatched(changed).updateAll();
    }
    merge.whenNotMatched().insertAll().execute();
    Row metrics = io.delta.tables.DeltaTable.forPath(next.sparkSession(), path).history(1)
        .select("operation", "operationMetrics").first();
    long touched = 0;
    if ("MERGE".equals(metrics.getString(0))) {
      java.util.Map<String, String> m = metrics.getJavaMap(1);
      touched = Long.parseLong(m.getOrDefault("numTargetRowsInserted", "0"))
          + Long.parseLong(m.getOrDefault("numTargetRowsUpdated", "0"));
    }
    return new Written(table.name(), touched, touched > 0, 0);
  }

  /** Runs a write and records its wall time in the result. */
  private static Written timed(java.util.function.Supplier<Written> write) {
    long t0 = System.nanoTime();
    Written w = write.get();
    return new Written(w.table(), w.rows(), w.changed(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Row count and an order-independent hash of the rows. */
  static Row fingerprint(Dataset<Row> rows) {
    Column[] cols = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return rows.agg(count(lit(1)), coalesce(sum(xxhash64(cols).cast("decimal(38,0)")), lit(0).cast("decimal(38,0)")))
        .first();
  }
}
