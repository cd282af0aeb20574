package io.socialcrm.common;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The one place Spark is configured: the CLI, the jobs and the tests all build their session from here. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Adds what every socialcrm session needs: Delta Lake, shuffles sized for a small machine with adaptive
   * execution, UTC timestamps, and no `_SUCCESS` markers in landing output. Values already set win, so
   * `spark-submit --conf` overrides these.
   */
  public static SparkConf configure(SparkConf conf) {
    setIfMissing(conf, "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    setIfMissing(conf, "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    setIfMissing(conf, "spark.sql.shuffle.partitions", "8");
    setIfMissing(conf, "spark.sql.adaptive.enabled", "true");
    setIfMissing(conf, "spark.sql.adaptive.coalescePartitions.enabled", "true");
    setIfMissing(conf, "spark.sql.session.timeZone", "UTC");
    setIfMissing(conf, "spark.sql.ansi.enabled", "false");
    setIfMissing(conf, "spark.ui.showConsoleProgress", "false");
    // Plan strings are for logs and the SQL status store only: the marts' plans are big enough that rendering them
    // whole on every adaptive re-plan ran the driver out of heap (small night, 5 GB heap), so they are cut at 1 MB.
    setIfMissing(conf, "spark.sql.maxPlanStringLength", "1000000");
    setIfMissing(conf, "spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
    setIfMissing(conf, "spark.databricks.delta.schema.autoMerge.enabled", "false");
    setIfMissing(conf, "spark.databricks.delta.snapshotPartitions", "2");
    // Listing a table's files (VACUUM) runs as one Spark job of this many tasks: Spark's default of 10,000 made each
    // VACUUM of a small table take 20 s of task scheduling on 2 cores.
    setIfMissing(conf, "spark.sql.sources.parallelPartitionDiscovery.parallelism", "8");
    // Every table the lake creates records its changes, so a step reads only what the step before it added.
    setIfMissing(conf, "spark.databricks.delta.properties.defaults.enableChangeDataFeed", "true");
    return conf;
  }

  /** A session for the CLI: local mode on all cores unless a master was given (spark-submit sets one). */
  public static SparkSession getOrCreate(String appName) {
    return getOrCreate(appName, Map.of());
  }

  /** {@link #getOrCreate(String)} with settings of the command's own (e.g. the SQL endpoint's catalog) on top. */
  public static SparkSession getOrCreate(String appName, Map<String, String> settings) {
    SparkConf conf = new SparkConf().setAppName(appName);
    settings.forEach(conf::set);
    configure(conf);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    setIfMissing(conf, "spark.ui.enabled", "false");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** The conf key listing the keys {@link #configure} set itself (so a later rule can tell them from the user's). */
  static final String PROJECT_DEFAULTS = "spark.socialcrm.projectDefaults";

  /** Whether the user gave Spark {@code key} (spark-submit --conf, -D): set, and not by {@link #configure}. */
  public static boolean userGiven(SparkConf conf, String key) {
    return conf.contains(key) && !Arrays.asList(conf.get(PROJECT_DEFAULTS, "").split(",")).contains(key);
  }

  private static void setIfMissing(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
      String set = conf.get(PROJECT_DEFAULTS, "");
      conf.set(PROJECT_DEFAULTS, set.isEmpty() ? key : set + "," + key);
    }
  }
}
