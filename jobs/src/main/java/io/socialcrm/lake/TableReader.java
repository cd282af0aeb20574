package io.socialcrm.lake;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the newest version of a Delta table. Delta 3.3 lists a table's files for every read with a Spark job over its
 * cached log state ({@code DataSkippingReaderBase.filesForScan}, "Filtering files for query"), after another job that
 * builds that state for each new version ("Compute snapshot"): on a small night about 210 of its 497 jobs. For a
 * small table Delta also writes the whole file list into the version's checksum file ({@code _delta_log/NNN.crc},
 * {@code allFiles}, up to 50 files). Where that list can stand for Delta's own reader, this reads those files as a
 * plain Parquet scan with the table's schema: same rows, no Spark job before the query's own.
 *
 * <p>It stands for Delta's reader when the newest commit has a checksum file with the file list, the table needs no
 * reader feature (reader protocol version 1: no deletion vectors, no column mapping), is not partitioned, has no
 * more files than Spark lists on the driver (32 by default), and its paths hold no glob characters. Otherwise, and
 * when {@link #ENABLED} is set false, the table is read through Delta. A read as of an older version always goes
 * through Delta.
 */
public final class TableReader {
  /** Spark setting that turns reads from the checksum's file list off ({@code false}); on by default. */
  public static final String ENABLED = "spark.socialcrm.lake.readFromChecksum";

  /** Up to this many paths Spark lists a Parquet scan's files on the driver; more would cost a listing job. */
  private static final String LISTED_ON_DRIVER = "spark.sql.sources.parallelPartitionDiscovery.threshold";

  private TableReader() {}

  /** The newest version of the Delta table at {@code path}. */
  public static Dataset<Row> read(SparkSession spark, Lake lake, String path) {
    if (Boolean.parseBoolean(spark.conf().get(ENABLED, "true"))) {
      Optional<Dataset<Row>> plain = fromChecksum(spark, lake, path);
      if (plain.isPresent()) {
        return plain.get();
      }
    }
    return spark.read().format("delta").load(path);
  }

  /** The table's files as a Parquet scan, when its newest checksum lists them and they can stand for Delta's read. */
  static Optional<Dataset<Row>> fromChecksum(SparkSession spark, Lake lake, String path) {
    JsonNode state = hasGlob(path) ? null : new TableVersions(lake).newestChecksum(path);
    if (state == null) {
      return Optional.empty();
    }
    JsonNode files = state.get("allFiles");
    JsonNode metadata = state.get("metadata");
    JsonNode protocol = state.get("protocol");
    if (files == null || !files.isArray() || metadata == null || protocol == null
        || protocol.path("minReaderVersion").asInt(99) != 1
        || metadata.path("partitionColumns").size() > 0
        || files.size() > Integer.parseInt(spark.conf().get(LISTED_ON_DRIVER, "32"))
        || !"parquet".equals(metadata.path("format").path("provider").asText("parquet"))) {
      return Optional.empty();
    }
    StructType schema = (StructType) DataType.fromJson(metadata.get("schemaString").asText());
    List<String> paths = new ArrayList<>();
    for (JsonNode add : files) {
      JsonNode dv = add.get("deletionVector");
      if (dv != null && !dv.isNull()) {
        return Optional.empty();
      }
      String absolute = absolute(path, add.path("path").asText());
      if (absolute == null || hasGlob(absolute)) {
        return Optional.empty();
      }
      paths.add(absolute);
    }
    if (paths.isEmpty()) {
      return Optional.of(spark.createDataFrame(new ArrayList<Row>(), schema));
    }
    return Optional.of(spark.read().schema(schema).parquet(paths.toArray(new String[0])));
  }

  /** A data file's path as Delta gives it (relative to the table and URI-encoded, or absolute) made absolute. */
  private static String absolute(String table, String encoded) {
    try {
      Path p = new Path(new URI(encoded));
      return (p.isAbsolute() ? p : new Path(new Path(table), p)).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean hasGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{' || c == '\\');
  }
}
