package io.socialcrm.lake;

import io.socialcrm.common.Errors;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step's intermediate results, written as Parquet under {@code <lake>/_scratch/<step>-<id>/} and read back, removed
 * when the step ends ({@link #close}).
 *
 * <p>Why not {@code persist}: a persisted frame keeps its whole lineage in every plan that reads it, and Spark
 * prints, re-analyses and re-plans that lineage for each query and each adaptive stage (on a small night most of
 * the marts' driver time went there: plan descriptions alone were 18-22 % of the CPU, over 60 % of their text the
 * cached plans printed again). A frame read back from files has a plan of one scan. And unlike
 * {@code localCheckpoint}, the files survive a lost executor: a task that fails is retried by reading them again.
 * A run killed before {@code close} leaves its folder behind; nothing reads it, and it may be deleted by hand when
 * no run is going (README, "Operating it").
 */
public final class RunScratch implements AutoCloseable {
  public static final String FOLDER = "_scratch";
  private static final Logger LOG = LoggerFactory.getLogger(RunScratch.class);
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final SparkSession spark;
  private final String dir;
  private final AtomicInteger next = new AtomicInteger();
  private final Set<Dataset<Row>> kept = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

  public RunScratch(SparkSession spark, Lake lake, String step) {
    this.spark = spark;
    this.dir = Lake.join(lake.root(), FOLDER, step + "-" + UUID.randomUUID());
  }

  /** Computes {@code rows} once into files and returns them read back: same rows, same schema, a one-scan plan. */
  public Dataset<Row> keep(Dataset<Row> rows) {
    String path = Lake.join(dir, Integer.toString(next.incrementAndGet()));
    long t0 = System.nanoTime();
    try {
      rows.write().mode(SaveMode.ErrorIfExists).parquet(path);
    } catch (RuntimeException e) {
      throw Errors.unreadableLake(path, e);
    }
    if (LOG.isInfoEnabled()) {
      LOG.info("scratch: kept {} in {} ms", WALKER.walk(frames -> frames.skip(1).findFirst()
          .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + ":" + f.getLineNumber())
          .orElse("?")), (System.nanoTime() - t0) / 1_000_000);
    }
    Dataset<Row> files = spark.read().schema(rows.schema()).parquet(path);
    kept.add(files);
    return files;
  }

  /** The session the files are written and read with. */
  public SparkSession spark() {
    return spark;
  }

  /** Whether {@code rows} is a frame {@link #keep} returned: already a scan of files, not worth keeping again. */
  public boolean holds(Dataset<Row> rows) {
    return kept.contains(rows);
  }

  /** Removes the step's folder. */
  @Override
  public void close() {
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(p, true);
      Path parent = p.getParent();
      if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
        fs.delete(parent, false);
      }
    } catch (IOException e) {
      throw Errors.io("cannot remove " + dir, e);
    }
  }

  /** The folder of this step's files (for tests). */
  String dir() {
    return dir;
  }
}
