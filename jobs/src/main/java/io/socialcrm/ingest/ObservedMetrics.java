package io.socialcrm.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.collection.JavaConverters;

/**
 * Aggregates observed on a query as it runs ({@code Dataset.observe}): computed by the same pass as the write
 * that carries them, so counting costs no job of its own. A listener on the session collects them when the query
 * ends; the wait for them is bounded, so a plan from which Spark removed the observation is noticed (and counted
 * another way) instead of waited for, unlike {@code Observation.get}.
 */
final class ObservedMetrics implements QueryExecutionListener, AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  private final SparkSession spark;
  private final String prefix = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
  private final Map<String, Row> seen = new ConcurrentHashMap<>();

  ObservedMetrics(SparkSession spark) {
    this.spark = spark;
    spark.listenerManager().register(this);
  }

  /** The rows, unchanged, with the metrics observed on them under the name. */
  Dataset<Row> observe(Dataset<Row> rows, String name, Column[] metrics) {
    return rows.observe(prefix + name, metrics[0], Arrays.copyOfRange(metrics, 1, metrics.length));
  }

  /** The same metrics computed by an aggregation of their own (a Spark job), for when an observation is missing. */
  static Row aggregate(Dataset<Row> rows, Column[] metrics) {
    return rows.agg(metrics[0], Arrays.copyOfRange(metrics, 1, metrics.length)).first();
  }

  /** The metrics of the name, once the query that computed them has ended; empty when none came within the wait. */
  Optional<Row> await(String name, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (seen) {
      while (!seen.containsKey(prefix + name)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          seen.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
      return Optional.of(seen.get(prefix + name));
    }
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    Map<String, Row> observed = JavaConverters.mapAsJavaMapConverter(qe.observedMetrics()).asJava();
    if (observed.keySet().stream().anyMatch(k -> k.startsWith(prefix))) {
      synchronized (seen) {
        observed.forEach((k, v) -> {
          if (k.startsWith(prefix)) {
            seen.put(k, v);
          }
        });
        seen.notifyAll();
      }
    }
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {}

  @Override
  public void close() {
    spark.listenerManager().unregister(this);
  }
}
