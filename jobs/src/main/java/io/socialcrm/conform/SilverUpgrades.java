package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.tables.DeltaTable;
import io.socialcrm.common.Errors;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.TableReader;
import io.socialcrm.lake.TableVersions;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Brings silver tables written by an earlier release to the shape their declarations now give, once, at the start
 * of step conform (before any write), keeping every value. Each upgrade looks only at the stored schema (the
 * newest commit's checksum file, no Spark job) when there is nothing to do, and is safe to redo after a failure.
 */
public final class SilverUpgrades {
  private SilverUpgrades() {}

  /** Runs every upgrade the lake needs; returns the names of those that ran. */
  public static List<String> run(SparkSession spark, Lake lake) {
    return moveProfileActivity(spark, lake) ? List.of("social_profile_activity") : List.of();
  }

  /**
   * Until 2026-12-07 social_profiles kept first_seen/last_seen on its versions (so a day's sightings rewrote most
   * of it): their span per account becomes {@code silver.social_profile_activity} (unless it already exists: a
   * redo after a failure), then social_profiles is rewritten without them (one commit; readers of its change feed
   * see its rows inserted again, unchanged).
   */
  static boolean moveProfileActivity(SparkSession spark, Lake lake) {
    String path = lake.path(SilverTables.SOCIAL_PROFILES.table());
    if (!lake.isDeltaTable(path) || !storedSchema(spark, lake, path).getFieldIndex(SeenSpan.LAST_SEEN).isDefined()) {
      return false;
    }
    try {
      Dataset<Row> stored = TableReader.read(spark, lake, path);
      String activity = lake.path(SilverTables.SOCIAL_PROFILE_ACTIVITY.table());
      if (!lake.isDeltaTable(activity)) {
        SilverTables.SOCIAL_PROFILE_ACTIVITY.conform(stored.groupBy("platform", "profile_id")
                .agg(min(col(SeenSpan.FIRST_SEEN)).as(SeenSpan.FIRST_SEEN), max(col(SeenSpan.LAST_SEEN)).as(SeenSpan.LAST_SEEN)))
            .write().format("delta").mode("errorifexists").save(activity);
      }
      SilverTables.SOCIAL_PROFILES.conform(stored).write().format("delta").mode("overwrite")
          .option("overwriteSchema", "true").save(path);
      return true;
    } catch (SocialCrmException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.unreadableLake(path, e);
    }
  }

  private static StructType storedSchema(SparkSession spark, Lake lake, String path) {
    JsonNode checksum = new TableVersions(lake).newestChecksum(path);
    JsonNode schema = checksum == null ? null : checksum.path("metadata").get("schemaString");
    return schema != null ? (StructType) DataType.fromJson(schema.asText())
        : DeltaTable.forPath(spark, path).toDF().schema();
  }
}
