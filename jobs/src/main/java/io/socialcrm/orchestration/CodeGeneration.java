package io.socialcrm.orchestration;

import io.socialcrm.lake.Lake;
import io.socialcrm.lake.TableVersions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a step's Spark queries generate Java code. Spark writes Java source for every query (whole-stage code
 * generation, and the projections, predicates and orderings of its operators), compiles it with Janino and loads it,
 * and the JVM then compiles the hot parts of Janino and of the new classes again. On a small night that is most of
 * the CPU: the JVM's compilers alone used 121 of a small night's 297 CPU-seconds, and the night took 113-132 s
 * interpreted against 158-178 s with generated code (README, "Speed"). On a medium lake the rows win it back (the
 * marts took 290 s interpreted against 205 s). So a step whose data is small evaluates its expressions interpreted:
 * below {@code run.codegen.min.mb} of input, measured before the step from what it reads without a Spark job (the
 * landing files of its dates for ingest, the Delta checksum files of the tables it watches for the other steps; a
 * size that cannot be read counts as large). Results are the same either way; the setting only moves time.
 *
 * <p>The run report's figures, read after the steps from five tables, follow the same rule.
 *
 * <p>Spark settings given by the user ({@code --conf spark.sql.codegen.wholeStage=...}) win: then nothing is changed.
 * The previous values are put back when the step ends.
 */
final class CodeGeneration implements AutoCloseable {
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  static final long UNKNOWN = -1L;
  private static final Logger LOG = LoggerFactory.getLogger(CodeGeneration.class);

  private final RuntimeConfig conf;
  private final Map<String, String> previous;
  private final boolean generated;

  private CodeGeneration(RuntimeConfig conf, Map<String, String> previous, boolean generated) {
    this.conf = conf;
    this.previous = previous;
    this.generated = generated;
  }

  /**
   * Turns code generation off for a step whose input ({@code inputBytes}, {@link #UNKNOWN} when it could not be
   * measured) is below {@code minBytes}; {@code minBytes} 0 keeps it on.
   */
  static CodeGeneration forInput(SparkSession spark, String step, long inputBytes, long minBytes) {
    RuntimeConfig conf = spark.conf();
    boolean userSet = spark.sparkContext().getConf().contains(WHOLE_STAGE)
        || spark.sparkContext().getConf().contains(FACTORY_MODE);
    if (userSet || minBytes <= 0 || inputBytes == UNKNOWN || inputBytes >= minBytes) {
      return new CodeGeneration(conf, Map.of(), true);
    }
    Map<String, String> previous = new LinkedHashMap<>();
    previous.put(WHOLE_STAGE, conf.getOption(WHOLE_STAGE).getOrElse(() -> null));
    previous.put(FACTORY_MODE, conf.getOption(FACTORY_MODE).getOrElse(() -> null));
    conf.set(WHOLE_STAGE, "false");
    conf.set(FACTORY_MODE, "NO_CODEGEN");
    LOG.info("step {}: {} bytes of input, below {}: expressions interpreted, no generated code", step, inputBytes,
        minBytes);
    return new CodeGeneration(conf, previous, false);
  }

  /** Whether the step runs with generated code. */
  boolean generated() {
    return generated;
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
