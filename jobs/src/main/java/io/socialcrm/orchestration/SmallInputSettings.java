package io.socialcrm.orchestration;

import io.socialcrm.common.SparkSessions;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.TableVersions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark settings a step runs with when its input is small. On small data a query's cost is its planning, not its
 * rows, and two of Spark's defaults multiply the planning:
 * <ul>
 *   <li>code generation: Spark writes Java source for every query (whole-stage code generation, and the projections,
 *   predicates and orderings of its operators), compiles it with Janino and loads it, and the JVM then compiles the
 *   hot parts of Janino and of the new classes again, which on a small night costs more than the rows;</li>
 *   <li>adaptive execution: each query runs stage by stage, one Spark job per stage, re-planned after each.</li>
 * </ul>
 * On a medium lake the rows win back what these cost, and adaptive execution sizes shuffles and picks joins from
 * what the stages really held (the measurements are in the README, "Speed"). So below
 * {@code run.small.input.mb} of input a step evaluates its expressions interpreted, plans each query once, and
 * shuffles into one partition per core. The input is measured before the step from what it reads without a Spark
 * job: the landing files of its dates for ingest, the Delta checksum files of the tables it watches for the other
 * steps; a size that cannot be read counts as large. Results are the same either way; the settings only move time.
 *
 * <p>The run report's figures, read after the steps from five tables, follow the same rule.
 *
 * <p>A setting the user gave Spark ({@code --conf spark.sql.adaptive.enabled=...}) wins: it is left as it is. The
 * previous values are put back when the step ends.
 */
final class SmallInputSettings implements AutoCloseable {
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  static final long UNKNOWN = -1L;
  private static final Logger LOG = LoggerFactory.getLogger(SmallInputSettings.class);

  private final RuntimeConfig conf;
  private final Map<String, String> previous;
  private final boolean small;

  private SmallInputSettings(RuntimeConfig conf, Map<String, String> previous, boolean small) {
    this.conf = conf;
    this.previous = previous;
    this.small = small;
  }

  /**
   * The settings for a step whose input is {@code inputBytes} ({@link #UNKNOWN} when it could not be measured): those
   * of a small input below {@code maxBytes}, Spark's own otherwise; {@code maxBytes} 0 keeps Spark's own always.
   */
  static SmallInputSettings forInput(SparkSession spark, String step, long inputBytes, long maxBytes) {
    RuntimeConfig conf = spark.conf();
    if (maxBytes <= 0 || inputBytes == UNKNOWN || inputBytes >= maxBytes) {
      return new SmallInputSettings(conf, Map.of(), false);
    }
    Map<String, String> small = new LinkedHashMap<>();
    small.put(WHOLE_STAGE, "false");
    small.put(FACTORY_MODE, "NO_CODEGEN");
    small.put(ADAPTIVE, "false");
    small.put(SHUFFLE_PARTITIONS, Integer.toString(Math.max(1, spark.sparkContext().defaultParallelism())));
    SparkConf given = spark.sparkContext().getConf();
    Map<String, String> previous = new LinkedHashMap<>();
    small.forEach((key, value) -> {
      if (!SparkSessions.userGiven(given, key)) {
        previous.put(key, conf.getOption(key).getOrElse(() -> null));
        conf.set(key, value);
      }
    });
    LOG.info("step {}: {} bytes of input, below {}: small-input settings {}", step, inputBytes, maxBytes, small);
    return new SmallInputSettings(conf, previous, true);
  }

  /** Whether the step runs with the small-input settings. */
  boolean small() {
    return small;
  }

  @Override
  public void close() {
    previous.forEach((key, value) -> {
      if (value == null) {
        conf.unset(key);
      } else {
        conf.set(key, value);
      }
    });
  }

  /** The bytes of the Delta tables at these paths; {@link #UNKNOWN} when one exists but its size cannot be read. */
  static long tableBytes(Lake lake, List<String> paths) {
    TableVersions versions = new TableVersions(lake);
    long sum = 0;
    for (String path : paths) {
      long size = versions.sizeBytes(path);
      if (size == TableVersions.SIZE_UNKNOWN) {
        return UNKNOWN;
      }
      sum += Math.max(0, size);
    }
    return sum;
  }
}
