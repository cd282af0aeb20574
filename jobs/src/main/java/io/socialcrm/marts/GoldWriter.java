package io.socialcrm.marts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.delta.tables.DeltaTable;
import io.socialcrm.common.JoinKeys;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.RunScratch;
import io.socialcrm.lake.TableReader;
import io.socialcrm.lake.TableVersions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes a gold mart: the rows for a scope (the whole table, or the rows a SQL predicate selects) replace what the
 * table holds in that scope, in one Delta commit, and only when they differ from it. A rerun that computes the
 * same rows therefore commits nothing, and the table stays byte-for-byte the same.
 */
public final class GoldWriter {
  /** The source column of {@link #replaceMatching} marking a row to delete. */
  private static final String DELETE = "_delete";

  private final Lake lake;
  private final RunScratch scratch;

  /** A writer that persists a write's new rows in the session's cache while it compares and writes them. */
  public GoldWriter(Lake lake) {
    this(lake, null);
  }

  /**
   * A writer that keeps a write's new rows in the run's scratch files ({@link RunScratch}) instead, so that the
   * comparison and the write plan a file scan, not the rows' whole lineage.
   */
  public GoldWriter(Lake lake, RunScratch scratch) {
    this.lake = lake;
    this.scratch = scratch;
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
    Dataset<Row> conformed = table.conform(rows);
    if (scope != null) {
      conformed = conformed.where(scope); // rows outside the scope would break replaceWhere's check
    }
    // computed once for the fingerprint and the write
    Dataset<Row> next = computed(rows, conformed);
    try {
      return replaceComputed(table, next, scope);
    } finally {
      release(next);
    }
  }

  private Written replaceComputed(DeclaredTable table, Dataset<Row> next, String scope) {
    String path = lake.path(table.table());
    boolean exists = lake.isDeltaTable(path);
    Prints prints;
    if (exists) {
      Dataset<Row> current = TableReader.read(next.sparkSession(), lake, path);
      if (scope != null) {
        current = current.where(scope);
      }
      prints = Prints.of(next, current);
      if (prints.same()) {
        return new Written(table.name(), prints.rows(), false, 0);
      }
    } else {
      prints = Prints.of(next, null);
    }
    var writer = next.write().format("delta").mode(SaveMode.Overwrite);
    if (scope != null && exists) {
      writer = writer.option("replaceWhere", scope);
    } else {
      writer = writer.option("overwriteSchema", "true");
    }
    writer.save(path);
    return new Written(table.name(), prints.rows(), true, 0);
  }

  /**
   * Replaces the table's rows that {@code scope} selects with {@code rows} (which must all fall in that scope), in one
   * Delta MERGE on the table's keys: new keys are inserted, rows whose values changed are updated, and the scope's
   * rows whose keys {@code rows} no longer has are deleted (the source carries a delete marker for each). Rows outside
   * the scope stay. Nothing is committed when the scope already holds exactly {@code rows}. For marts recomputed for
   * some people only, e.g. the scope is the rows of the people a night's data touched.
   *
   * @param scope the rows in scope among the table's rows (e.g. a semi-join with the touched people)
   */
  public Written replaceMatching(DeclaredTable table, Dataset<Row> rows, UnaryOperator<Dataset<Row>> scope) {
    return timed(() -> {
      String path = lake.path(table.table());
      if (!lake.isDeltaTable(path)) {
        return replace(table, rows, null);
      }
      // computed once for the comparison and the MERGE
      Dataset<Row> next = computed(rows, table.conform(rows));
      try {
        return mergeScope(table, path, next, scope);
      } finally {
        release(next);
      }
    });
  }

  /** The MERGE of {@link #replaceMatching}, when the table exists; {@code next} is conformed and persisted. */
  private Written mergeScope(DeclaredTable table, String path, Dataset<Row> next, UnaryOperator<Dataset<Row>> scope) {
    // the table's columns in its order, whatever the scope's joins did to them, so the fingerprints compare
    Dataset<Row> current = table.conform(scope.apply(TableReader.read(next.sparkSession(), lake, path)));
    Prints prints = Prints.of(next, current);
    if (prints.same()) {
      return new Written(table.name(), prints.rows(), false, 0);
    }
    Dataset<Row> gone = current.join(next, JoinKeys.on(table.keys()), "left_anti");
    Dataset<Row> source = next.withColumn(DELETE, lit(false)).unionByName(gone.withColumn(DELETE, lit(true)));
    Map<String, String> all = new LinkedHashMap<>();
    table.columnNames().forEach(c -> all.put("`" + c + "`", "s.`" + c + "`"));
    DeltaTable.forPath(next.sparkSession(), path).as("t").merge(source.as("s"), keysMatch(table))
        .whenMatched("s." + DELETE).delete()
        .whenMatched("NOT s." + DELETE + " AND (" + anyChanged(table) + ")").updateExpr(all)
        .whenNotMatched("NOT s." + DELETE).insertExpr(all)
        .execute();
    return new Written(table.name(), prints.rows(), true, 0);
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
    String changed = anyChanged(table);
    var merge = DeltaTable.forPath(next.sparkSession(), path).as("t").merge(next.as("s"), keysMatch(table));
    if (!changed.isEmpty()) {
      merge = merge.whenMatched(changed).updateAll();
    }
    merge.whenNotMatched().insertAll().execute();
    // What the MERGE did, from its own log entry (no second pass over the table).
    TableVersions.Commit commit = new TableVersions(lake).lastCommit(path);
    long touched = 0;
    if (commit != null && "MERGE".equals(commit.operation())) {
      touched = commit.metric("numTargetRowsInserted") + commit.metric("numTargetRowsUpdated");
    }
    return new Written(table.name(), touched, touched > 0, 0);
  }

  /**
   * The {@code conformed} rows computed once: kept in the scratch files when there are (not again when the caller's
   * {@code rows} are kept there already: conforming a scan is cheap to repeat), else persisted.
   */
  private Dataset<Row> computed(Dataset<Row> rows, Dataset<Row> conformed) {
    if (scratch == null) {
      return conformed.persist(StorageLevel.MEMORY_AND_DISK());
    }
    return scratch.holds(rows) ? conformed : scratch.keep(conformed);
  }

  /** Releases what {@link #computed} persisted (scratch files go with the run's). */
  private void release(Dataset<Row> rows) {
    if (scratch == null) {
      rows.unpersist();
    }
  }

  /** The MERGE condition: the target's and the source's keys are equal. */
  private static String keysMatch(DeclaredTable table) {
    return table.keys().stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
  }

  /** A MERGE condition: some non-key column differs between target and source (nulls compare equal). */
  private static String anyChanged(DeclaredTable table) {
    return table.columnNames().stream().filter(c -> !table.keys().contains(c))
        .map(c -> "NOT (t.`" + c + "` <=> s.`" + c + "`)").collect(Collectors.joining(" OR "));
  }

  /** Runs a write and records its wall time in the result. */
  private static Written timed(Supplier<Written> write) {
    long t0 = System.nanoTime();
    Written w = write.get();
    return new Written(w.table(), w.rows(), w.changed(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Row count and an order-independent hash of the rows. */
  static Row fingerprint(Dataset<Row> rows) {
    return rows.agg(count(lit(1)), coalesce(sum(rowHash(rows)), lit(0).cast("decimal(38,0)"))).first();
  }

  /** A row's hash over all its columns, widened so that summing many never overflows. */
  private static Column rowHash(Dataset<Row> rows) {
    Column[] cols = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return xxhash64(cols).cast("decimal(38,0)");
  }

  /**
   * The fingerprints ({@link #fingerprint}) of a write's new rows and of the rows they would replace, computed in one
   * aggregation over both (one scan of each, one Spark job pair instead of two).
   *
   * @param rows    the new rows' count
   * @param same    whether both sides have the same count and hash (false without a current side)
   */
  record Prints(long rows, boolean same) {
    private static final String SIDE = "_goldwriter_side";

    /** Both fingerprints; {@code current} null (a table not written yet) fingerprints the new rows only. */
    static Prints of(Dataset<Row> next, Dataset<Row> current) {
      if (current == null) {
        return new Prints(fingerprint(next).getLong(0), false);
      }
      Dataset<Row> both = next.select(lit(true).as(SIDE), rowHash(next).as("h"))
          .unionByName(current.select(lit(false).as(SIDE), rowHash(current).as("h")));
      Column isNext = col(SIDE);
      Column zero = lit(0).cast("decimal(38,0)");
      Row r = both.agg(count(when(isNext, 1)), coalesce(sum(when(isNext, col("h"))), zero),
          count(when(not(isNext), 1)), coalesce(sum(when(not(isNext), col("h"))), zero)).first();
      boolean same = r.getLong(0) == r.getLong(2) && r.getDecimal(1).equals(r.getDecimal(3));
      return new Prints(r.getLong(0), same);
    }
  }
}
