package io.socialcrm.orchestration;

import io.socialcrm.lake.Lake;
import io.socialcrm.lake.TableVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlanInfo;
import org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import scala.collection.JavaConverters;

/**
 * Counts the work of a step while it runs: Spark jobs and SQL executions (a listener on the session's context),
 * the lake tables its queries scanned (the scan nodes' locations in each SQL execution's plan), and, from the lake's
 * transaction logs before and after, the Delta commits it made and the tables it wrote. What a night costs on small
 * data is these counts more than its rows, so they are reported per step (see {@link StepWork}).
 */
public final class WorkMeter implements AutoCloseable {
  private static final Pattern LOCATION_PATHS = Pattern.compile("\\[([^\\]]*)\\]");

  private final SparkSession spark;
  private final Lake lake;
  private final TableVersions versions;
  private final Listener listener = new Listener();

  public WorkMeter(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
    this.versions = new TableVersions(lake);
    spark.sparkContext().addSparkListener(listener);
  }

  /** A reading taken when a step starts. */
  public final class Reading {
    private final long t0 = System.nanoTime();
    private final long jobs = listener.jobs.get();
    private final long sql = listener.sql.get();
    private final Map<String, Long> before = versions.latest(versions.allTables());

    private Reading() {
      listener.scanned.clear();
    }

    /**
     * The step's work since this reading; {@code status} says whether it ran or found nothing to do,
     * {@code smallInput} whether it ran with the small-input settings (null when it did nothing).
     */
    public StepWork finish(String status, Boolean smallInput) {
      // Listener events arrive on Spark's bus thread: wait until those of the step's jobs are in.
      try {
        spark.sparkContext().listenerBus().waitUntilEmpty(10_000L);
      } catch (TimeoutException e) {
        // counts of the last moment may be short by the events still queued; they are figures, not results
      }
      Map<String, Long> after = versions.latest(versions.allTables());
      List<String> read = new ArrayList<>();
      for (String table : after.keySet()) {
        if (listener.scanned.stream().anyMatch(loc -> mentions(loc, table))) {
          read.add(name(table));
        }
      }
      return new StepWork(status, (System.nanoTime() - t0) / 1_000_000, listener.jobs.get() - jobs,
          listener.sql.get() - sql, TableVersions.commitsBetween(before, after), read,
          TableVersions.moved(before, after).stream().map(WorkMeter.this::name).toList(), smallInput);
    }
  }

  public Reading start() {
    return new Reading();
  }

  /** "layer.table" for a table path of the lake. */
  private String name(String tablePath) {
    String rel = tablePath.substring(lake.root().length() + 1);
    return rel.replace('/', '.');
  }

  /** Whether a scan location names the table's folder (or a file or folder inside it). */
  private static boolean mentions(String location, String tablePath) {
    int i = location.indexOf(tablePath);
    while (i >= 0) {
      int end = i + tablePath.length();
      if (end == location.length() || location.charAt(end) == '/') {
        return true;
      }
      i = location.indexOf(tablePath, i + 1);
    }
    return false;
  }

  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(listener);
  }

  private static final class Listener extends SparkListener {
    final AtomicLong jobs = new AtomicLong();
    final AtomicLong sql = new AtomicLong();
    final Set<String> scanned = ConcurrentHashMap.newKeySet();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
      if (event instanceof SparkListenerSQLExecutionStart start) {
        sql.incrementAndGet();
        collect(start.sparkPlanInfo());
      } else if (event instanceof SparkListenerSQLAdaptiveExecutionUpdate update) {
        collect(update.sparkPlanInfo());
      }
    }

    private void collect(SparkPlanInfo plan) {
      if (plan == null) {
        return;
      }
      String location = plan.metadata().contains("Location") ? plan.metadata().apply("Location") : null;
      if (location != null) {
        Matcher m = LOCATION_PATHS.matcher(location);
        while (m.find()) {
          for (String p : m.group(1).split(",\\s*")) {
            scanned.add(p.replaceFirst("^file:(//)?", ""));
          }
        }
      }
      for (SparkPlanInfo child : JavaConverters.seqAsJavaList(plan.children())) {
        collect(child);
      }
    }
  }
}
