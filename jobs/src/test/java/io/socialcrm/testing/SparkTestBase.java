package io.socialcrm.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.socialcrm.common.SparkSessions;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base class of every Spark test: JUnit 5 around spark-testing-base's JUnit 4 suite base. The JUnit 4
 * {@code @Before} hook of {@link JavaDataFrameSuiteBase} is called from a JUnit 5 {@code @BeforeEach}; the
 * context it creates is static, so every test class in the JVM (surefire: one reused fork) shares one session,
 * configured exactly as production ({@link SparkSessions#configure}). The base's DataFrame assertions
 * ({@code assertDataFrameNoOrderEquals}, ...) are available to subclasses.
 */
public abstract class SparkTestBase extends JavaDataFrameSuiteBase {

  @Override
  public SparkConf conf() {
    return SparkSessions.configure(new SparkConf()
        .setMaster("local[2]")
        .setAppName("socialcrm-tests")
        .set("spark.ui.enabled", "false")
        // One session serves the whole suite: keep only a few finished jobs and queries in the status store, which
        // otherwise holds hundreds of big plans and runs the test JVM out of heap.
        .set("spark.sql.ui.retainedExecutions", "20")
        .set("spark.ui.retainedJobs", "50")
        .set("spark.ui.retainedStages", "50")
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.default.parallelism", "2")
        .set("spark.app.id", "socialcrm-tests"));
  }

  @Override
  public boolean enableHiveSupport() {
    return false;
  }

  @BeforeEach
  public final void bridgeJUnit4SparkHook() {
    runBefore();
  }

  protected SparkSession session() {
    return spark();
  }

  /** A new temporary folder, removed when the test JVM exits ({@link TempDirs}). */
  protected static Path newTempDir(String prefix) {
    return TempDirs.create(prefix);
  }
}
