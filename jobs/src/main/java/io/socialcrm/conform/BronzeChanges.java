package io.socialcrm.conform;

import io.socialcrm.contracts.Contract;
import io.socialcrm.ingest.BronzeTables;
import io.socialcrm.ingest.RawRecords;
import io.socialcrm.lake.ChangeFeed;
import io.socialcrm.lake.Lake;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What changed in bronze since conform last ran: the {@link ChangeFeed} of each bronze table, with the last
 * bronze version processed per table kept in {@code silver/_conform_state}.
 */
public final class BronzeChanges {
  private final SparkSession spark;
  private final Lake lake;
  private final ChangeFeed feed;

  public BronzeChanges(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
    this.feed = new ChangeFeed(spark, lake, SilverTables.CONFORM_STATE);
  }

  /** The last version processed per bronze table (empty before the first run). */
  public Map<String, Long> processedVersions() {
    return feed.processedVersions();
  }

  /** Stores the processed versions (one small overwrite); does nothing when they did not change. */
  public void saveProcessedVersions(Map<String, Long> versions, Map<String, Long> before, String runId) {
    feed.saveProcessedVersions(versions, before, runId);
  }

  /**
   * The columns that identify a bronze record: its source and row there, and the date it was ingested for (a CRM
   * table read over JDBC is one source for every date).
   */
  public static final List<String> KEYS = List.of(RawRecords.SOURCE_FILE, BronzeTables.INGEST_DATE,
      RawRecords.SOURCE_ROW);

  /** The rows of {@code contract}'s bronze table after version {@code processed} (null: never processed). */
  public ChangeFeed.Batch read(Contract contract, Long processed) {
    return feed.read(contract.name(), lake.path(BronzeTables.bronze(contract)), processed, () -> empty(contract),
        KEYS);
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
