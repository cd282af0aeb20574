package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.socialcrm.common.Errors;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.contracts.Contract;
import io.socialcrm.ingest.BronzeTables;
import io.socialcrm.ingest.RawRecords;
import io.socialcrm.lake.Lake;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads what changed in bronze since conform last ran, through Delta's Change Data Feed, and keeps the last
 * bronze version processed per table in {@code silver/_conform_state}. A table never processed is read in full
 * (at its latest version); if it has no Change Data Feed yet (an older lake), the feed is turned on then. Rows a
 * re-ingestion rewrote come back as inserts: the silver writers treat them as the no-ops they are.
 */
public final class BronzeChanges {
  /** Change types that carry a row as it now is. */
  static final List<String> NEW_ROWS = List.of("insert", "update_postimage");
  static final List<String> CDF_COLUMNS = List.of("_change_type", "_commit_version", "_commit_timestamp");

  private final SparkSession spark;
  private final Lake lake;

  public BronzeChanges(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /**
   * One bronze table's new rows for this run.
   *
   * @param rows        the rows (bronze columns), empty when nothing is new or the table does not exist
   * @param version     the bronze version read up to (to store as processed); null when the table does not exist
   * @param full        whether the whole table was read (first run over it)
   * @param nothingNew  whether there was nothing to read (table missing or no new version)
   */
  public record Batch(String input, Dataset<Row> rows, Long version, boolean full, boolean nothingNew) {}

  /** The last version processed per bronze table (empty before the first run). */
  public Map<String, Long> processedVersions() {
    Map<String, Long> out = new TreeMap<>();
    String path = lake.path(SilverTables.CONFORM_STATE);
    if (!lake.isDeltaTable(path)) {
      return out;
    }
    // One row per bronze table: a handful of rows.
    for (Row r : spark.read().format("delta").load(path).select("input", "version").collectAsList()) {
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
    String path = lake.path(SilverTables.CONFORM_STATE);
    try {
      spark.createDataFrame(rows, SilverTables.CONFORM_STATE_SCHEMA).coalesce(1)
          .write().format("delta").mode("overwrite").save(path);
    } catch (RuntimeException e) {
      throw Errors.unreadableLake(path, e);
    }
  }

  /** The rows of {@code contract}'s bronze table after version {@code processed} (null: never processed). */
  public Batch read(Contract contract, Long processed) {
    String path = lake.path(BronzeTables.bronze(contract));
    if (!lake.isDeltaTable(path)) {
      return new Batch(contract.name(), empty(contract), null, false, true);
    }
    try {
      DeltaTable table = DeltaTable.forPath(spark, path);
      long latest = latestVersion(table);
      if (processed != null && processed >= latest) {
        return new Batch(contract.name(), empty(contract), processed, false, true);
      }
      if (processed == null) {
        Dataset<Row> all = spark.read().format("delta").option("versionAsOf", latest).load(path);
        Map<String, String> props = table.detail().select("properties").head().getJavaMap(0);
        if (!"true".equalsIgnoreCase(props.get("delta.enableChangeDataFeed"))) {
          spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (delta.enableChangeDataFeed = true)");
          latest = latestVersion(DeltaTable.forPath(spark, path));
        }
        return new Batch(contract.name(), all, latest, true, false);
      }
      Dataset<Row> changes = spark.read().format("delta")
          .option("readChangeFeed", "true")
          .option("startingVersion", processed + 1)
          .option("endingVersion", latest)
          .load(path)
          .filter(col("_change_type").isin(NEW_ROWS.toArray()))
          .drop(CDF_COLUMNS.toArray(new String[0]));
      return new Batch(contract.name(), changes, latest, false, false);
    } catch (SocialCrmException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.unreadableLake(path, e);
    }
  }

  private static long latestVersion(DeltaTable table) {
    return table.history(1).select("version").head().getLong(0);
  }

  /** An empty frame shaped like the contract's bronze table. */
  public Dataset<Row> empty(Contract contract) {
    StructType s = contract.sparkSchema()
        .add(RawRecords.EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add(RawRecords.SOURCE_FILE, DataTypes.StringType)
        .add(RawRecords.SOURCE_ROW, DataTypes.LongType)
        .add(BronzeTables.RUN_ID, DataTypes.StringType)
        .add(BronzeTables.INGESTED_AT, DataTypes.TimestampType)
        .add(BronzeTables.INGEST_DATE, DataTypes.DateType);
    return spark.createDataFrame(new ArrayList<Row>(), s);
  }
}
