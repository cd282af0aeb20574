package io.socialcrm.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.socialcrm.common.Errors;
import io.socialcrm.common.SocialCrmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what changed in a Delta table since a step last processed it, through Delta's Change Data Feed, and keeps
 * the last version processed per input table in a small state table of the step (one row per input). A table never
 * processed is read in full (at its latest version); if it has no Change Data Feed yet (an older lake), the feed is
 * turned on then. So is a table whose changes since the step last ran are gone (VACUUM after a long idle time): a
 * warning says so, and the step rebuilds from the whole table. The changes of several versions are reduced to one
 * row per key (see {@link #read}). Rows a rewrite brought back come as inserts: consumers treat them as the no-ops
 * they are.
 */
public final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  /** Change types that carry a row as it now is. */
  public static final List<String> NEW_ROWS = List.of("insert", "update_postimage");
  public static final List<String> CDF_COLUMNS = List.of("_change_type", "_commit_version", "_commit_timestamp");
  /** The columns of a step's state table. */
  public static final StructType STATE_SCHEMA = new StructType()
      .add("input", DataTypes.StringType)
      .add("version", DataTypes.LongType)
      .add("run_id", DataTypes.StringType)
      .add("updated_at", DataTypes.TimestampType);

  private final SparkSession spark;
  private final Lake lake;
  private final LakeTable state;

  /** @param state the step's state table (e.g. silver/_conform_state) */
  public ChangeFeed(SparkSession spark, Lake lake, LakeTable state) {
    this.spark = spark;
    this.lake = lake;
    this.state = state;
  }

  /**
   * One input table's new rows for this run.
   *
   * @param rows        the rows (the table's columns), empty when nothing is new or the table does not exist
   * @param gone        the rows as they were before this batch updated or deleted them (update pre-images and
   *                    deletes, the table's columns): what a consumer that keeps derived state must take back; empty
   *                    when the batch is the whole table or nothing is new
   * @param version     the version read up to (to store as processed); null when the table does not exist
   * @param full        whether the whole table was read (first run over it)
   * @param nothingNew  whether there was nothing to read (table missing or no new version)
   */
  public record Batch(String input, Dataset<Row> rows, Dataset<Row> gone, Long version, boolean full,
      boolean nothingNew) {}

  /** Change types that carry a row as it was before an update or a delete. */
  public static final List<String> GONE_ROWS = List.of("update_preimage", "delete");

  /** The last version processed per input table (empty before the first run). */
  public Map<String, Long> processedVersions() {
    Map<String, Long> out = new TreeMap<>();
    String path = lake.path(state);
    if (!lake.isDeltaTable(path)) {
      return out;
    }
    // One row per input table: a handful of rows.
    for (Row r : TableReader.read(spark, lake, path).select("input", "version").collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** Stores the processed versions (one small overwrite); does nothing when they did not change. */
  public void saveProcessedVersions(Map<String, Long> versions, Map<String, Long> before, String runId) {
    if (versions.equals(before)) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    versions.forEach((input, v) -> rows.add(RowFactory.create(input, v, runId, now)));
    String path = lake.path(state);
    try {
      spark.createDataFrame(rows, STATE_SCHEMA).coalesce(1)
          .write().format("delta").mode("overwrite").save(path);
    } catch (RuntimeException e) {
      throw Errors.unreadableLake(path, e);
    }
  }

  private static Batch nothing(String input, Supplier<Dataset<Row>> empty, Long version) {
    Dataset<Row> none = empty.get();
    return new Batch(input, none, none, version, false, true);
  }

  /**
   * The rows of the table {@code input} at {@code path} after version {@code processed} (null: never processed);
   * {@code empty} gives an empty frame with the table's columns for a table that does not exist yet. The feed of
   * several versions holds a row once per change: it is reduced by {@code keys} (the columns that identify a row) to
   * one row per key, so a consumer can MERGE it: {@link Batch#rows} the newest image of each key that still exists,
   * {@link Batch#gone} the image each updated or deleted key had at version {@code processed} (none for a key the
   * batch itself inserted).
   */
  public Batch read(String input, String path, Long processed, Supplier<Dataset<Row>> empty, List<String> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a change feed is read by the keys that identify a row of " + input);
    }
    if (!lake.isDeltaTable(path)) {
      return nothing(input, empty, null);
    }
    try {
      // The version from the log's file names: a table with nothing new costs no Spark job and no snapshot.
      TableVersions versions = new TableVersions(lake);
      long latest = versions.latest(path);
      if (processed != null && processed >= latest) {
        return nothing(input, empty, processed);
      }
      if (processed != null && versions.onlyMaintenance(path, processed, latest)) {
        return nothing(input, empty, latest);
      }
      if (processed == null) {
        return whole(input, path, latest, versions);
      }
      if (!versions.changesReadable(path, processed, latest)) {
        LOG.warn("{}: the changes after version {} of {} are gone (VACUUM removed their files, or the log was cleaned"
            + " up, after the step was idle longer than the retention): reading the whole table at version {} instead",
            input, processed, path, latest);
        return whole(input, path, latest, versions);
      }
      Dataset<Row> feed = spark.read().format("delta")
          .option("readChangeFeed", "true")
          .option("startingVersion", processed + 1)
          .option("endingVersion", latest)
          .load(path);
      if (versions.onlyAppends(path, processed, latest)) {
        // Inserts only, each row once: nothing to reduce, nothing gone.
        Dataset<Row> inserted = feed.filter(col("_change_type").equalTo("insert"))
            .drop(CDF_COLUMNS.toArray(new String[0]));
        return new Batch(input, inserted, inserted.limit(0), latest, false, false);
      }
      return new Batch(input, newest(feed, keys), oldest(feed, keys), latest, false, false);
    } catch (SocialCrmException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.unreadableLake(path, e);
    }
  }

  /** The whole table at {@code latest}, its Change Data Feed turned on if it was not (an older lake). */
  private Batch whole(String input, String path, long latest, TableVersions versions) {
    DeltaTable table = DeltaTable.forPath(spark, path);
    Dataset<Row> all = spark.read().format("delta").option("versionAsOf", latest).load(path);
    Map<String, String> props = table.detail().select("properties").head().getJavaMap(0);
    if (!"true".equalsIgnoreCase(props.get("delta.enableChangeDataFeed"))) {
      spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (delta.enableChangeDataFeed = true)");
      latest = versions.latest(path);
    }
    return new Batch(input, all, all.limit(0), latest, true, false);
  }

  /**
   * Per key, the row as the last version of the feed left it: its newest change (a delete loses to an insert of the
   * same version, as when a rewrite replaces a row), kept when that change carries a row ({@link #NEW_ROWS}).
   */
  static Dataset<Row> newest(Dataset<Row> feed, List<String> keys) {
    Column carriesRow = col("_change_type").isin(NEW_ROWS.toArray());
    return firstPerKey(feed, keys, col("_commit_version").desc(), when(carriesRow, 0).otherwise(1))
        .filter(carriesRow).drop(CDF_COLUMNS.toArray(new String[0]));
  }

  /**
   * Per key, the row as it was before the feed's first version: the key's earliest change, kept when it is an update
   * pre-image or a delete ({@link #GONE_ROWS}); a key first inserted within the feed had no row before it.
   */
  static Dataset<Row> oldest(Dataset<Row> feed, List<String> keys) {
    Column tookRow = col("_change_type").isin(GONE_ROWS.toArray());
    return firstPerKey(feed, keys, col("_commit_version").asc(), when(tookRow, 0).otherwise(1))
        .filter(tookRow).drop(CDF_COLUMNS.toArray(new String[0]));
  }

  private static Dataset<Row> firstPerKey(Dataset<Row> feed, List<String> keys, Column... order) {
    WindowSpec byKey = Window.partitionBy(keys.stream().map(k -> col(k)).toArray(Column[]::new)).orderBy(order);
    return feed.withColumn("_change_rank", row_number().over(byKey)).filter(col("_change_rank").equalTo(1))
        .drop("_change_rank");
  }
}
