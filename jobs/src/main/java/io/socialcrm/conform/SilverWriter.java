package io.socialcrm.conform;

import io.socialcrm.common.JoinKeys;
import io.socialcrm.lake.DeclaredTable;
import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import io.socialcrm.common.Errors;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.RunScratch;
import io.socialcrm.lake.Schemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How a silver table takes a batch: {@link Scd2} versions or {@link LatestByKey} upserts. Both first compute,
 * purely, the rows to change (each with an {@link #ACTION}), then apply them in one Delta commit: a plain write
 * when the table does not exist yet, an append when every change is a new row, else one MERGE; with nothing to
 * change nothing is committed.
 */
public interface SilverWriter {
  /** Column of a change row saying what to do with it. */
  String ACTION = "_action";
  String INSERT = "insert";
  String UPDATE = "update";

  /**
   * Applies the transformed batch {@code rows} to {@code table}; returns rows inserted and updated. What it reads
   * more than once (the batch, the change rows) it keeps in the step's {@code scratch} files.
   */
  WriteCounts write(RunScratch scratch, Lake lake, DeclaredTable table, Dataset<Row> rows);

  /** The table's current content, or an empty frame of its schema when it does not exist yet. */
  static Dataset<Row> current(SparkSession spark, Lake lake, DeclaredTable table) {
    return table.read(spark, lake);
  }

  /**
   * Applies change rows (the table's columns plus {@link #ACTION}) in one commit: rows with action
   * {@link #INSERT} are inserted; the others are merged on {@code matchOn} by {@code clauses}. Counts come from
   * the change rows (computed once, kept in {@code scratch}), so a batch without changes commits nothing.
   */
  static WriteCounts apply(RunScratch scratch, Lake lake, DeclaredTable table, Dataset<Row> changes, String matchOn,
                           BiFunction<DeltaMergeBuilder, List<String>, DeltaMergeBuilder> clauses) {
    SparkSession spark = scratch.spark();
    String path = lake.path(table.table());
    List<Column> cols = new ArrayList<>();
    table.columnNames().forEach(c -> cols.add(col(c)));
    cols.add(col(ACTION));
    try {
      Dataset<Row> rows = scratch.keep(changes.select(cols.toArray(new Column[0])));
      Map<String, Long> byAction = new HashMap<>();
      for (Row r : rows.groupBy(ACTION).count().collectAsList()) {
        byAction.put(r.getString(0), r.getLong(1));
      }
      long inserted = byAction.getOrDefault(INSERT, 0L);
      long updated = byAction.values().stream().mapToLong(Long::longValue).sum() - inserted;
      boolean exists = lake.isDeltaTable(path);
      if (!exists) {
        // First batch: the table is created by the write of its rows (one commit, even when empty).
        spark.createDataFrame(table.conform(rows.filter(col(ACTION).equalTo(INSERT))).javaRDD(),
                Schemas.nullable(table.schema()))
            .write().format("delta").mode("errorifexists").save(path);
        return new WriteCounts(inserted, 0);
      }
      if (inserted + updated == 0) {
        return WriteCounts.NONE;
      }
      if (updated == 0) {
        // Only new keys: an append, which reads none of the table (a MERGE would scan it for matches).
        table.conform(rows.filter(col(ACTION).equalTo(INSERT))).write().format("delta").mode("append").save(path);
        return new WriteCounts(inserted, 0);
      }
      DeltaMergeBuilder merge = DeltaTable.forPath(spark, path).as("t").merge(rows.as("s"), matchOn);
      Map<String, String> all = new LinkedHashMap<>();
      table.columnNames().forEach(c -> all.put(c, "s." + c));
      merge = clauses.apply(merge, table.columnNames());
      merge.whenNotMatched("s." + ACTION + " = '" + INSERT + "'").insertExpr(all).execute();
      return new WriteCounts(inserted, updated);
    } catch (SocialCrmException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.unreadableLake(path, e);
    }
  }

  /** Batches of at most this many rows look up their keys' stored rows through a broadcast of their keys. */
  long BROADCAST_KEYS_MAX_ROWS = 1_000_000L;

  /**
   * The stored rows whose {@code keys} occur in {@code batch}: the only ones a batch can change, so a night's change
   * rows are computed over them instead of the whole table. {@code batch} is counted (keep it first): up to
   * {@link #BROADCAST_KEYS_MAX_ROWS} rows its keys are broadcast and the table is filtered where it is read, with
   * no shuffle of it; a larger batch (a backfill) gets the stored table whole.
   */
  static Dataset<Row> storedOfBatchKeys(Dataset<Row> stored, Dataset<Row> batch, List<String> keys) {
    if (batch.count() > BROADCAST_KEYS_MAX_ROWS) {
      return stored;
    }
    Dataset<Row> batchKeys = batch.select(keys.stream().map(k -> col(k)).toArray(Column[]::new)).distinct();
    return stored.join(org.apache.spark.sql.functions.broadcast(batchKeys),
        JoinKeys.on(keys), "left_semi");
  }

  /** "t.a = s.a AND t.b = s.b" over the given columns. */
  static String keysEqual(List<String> keys) {
    return String.join(" AND ", keys.stream().map(k -> "t." + k + " = s." + k).toList());
  }
}
