package io.socialcrm.lake;

import io.delta.tables.DeltaTable;
import io.socialcrm.common.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps the lake's Delta tables small and cheap to read: every table of every layer is compacted (OPTIMIZE: a
 * night's small files become a few large ones; a commit that changes no data, so change feeds skip it) and then
 * vacuumed (VACUUM: files no version younger than the retention needs are deleted); a table of one file or none is
 * not compacted (there is nothing to merge), and one whose files are all younger than the retention is not vacuumed
 * (there is nothing to delete). Tables are done one at a time (two at a time was no faster on 2 cores:
 * README, "Maintenance");
 * a failure stops the run with the table's name, and what was done before it stays done. Running it twice does
 * nothing more the second time.
 */
public final class LakeMaintenance {
  /** Delta's own safe minimum: the default {@code delta.deletedFileRetentionDuration} of 7 days. */
  public static final long MIN_RETAIN_HOURS = 168;
  static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

  private final SparkSession spark;
  private final Lake lake;

  public LakeMaintenance(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /**
   * What maintenance did to one table.
   *
   * @param filesBefore data files of the current version before OPTIMIZE
   * @param filesAfter  data files of the current version after it
   * @param vacuumed    files VACUUM deleted (old versions' data and change-feed files), counted on disk
   */
  public record TableResult(String table, long filesBefore, long filesAfter, long vacuumed, long durationMs) {}

  /**
   * Compacts and vacuums every table, reporting each as it is done.
   *
   * @param retainHours VACUUM keeps what versions younger than this need; below {@link #MIN_RETAIN_HOURS} only when
   *     Delta's retention check is turned off (the one way to erase old versions on purpose)
   */
  public List<TableResult> run(long retainHours, Consumer<TableResult> onTable) {
    boolean checked = !"false".equalsIgnoreCase(spark.conf().get(RETENTION_CHECK, "true"));
    if (retainHours < 0 || (checked && retainHours < MIN_RETAIN_HOURS)) {
      throw Errors.unsafeRetention(retainHours, MIN_RETAIN_HOURS);
    }
    List<TableResult> out = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      for (String name : lake.deltaTables(layer)) {
        TableResult r = maintain(layer.folder() + "." + name, Lake.join(lake.root(), layer.folder(), name), retainHours);
        onTable.accept(r);
        out.add(r);
      }
    }
    return out;
  }

  private TableResult maintain(String table, String path, long retainHours) {
    long t0 = System.nanoTime();
    try {
      DeltaTable delta = DeltaTable.forPath(spark, path);
      long before = numFiles(delta);
      long after = before;
      if (before > 1) {
        delta.optimize().executeCompaction();
        after = numFiles(delta);
      }
      // VACUUM deletes only files older than the retention: when none is, it has nothing to do (and its listing and
      // jobs cost seconds per table), so it is not run.
      Lake.TableFiles onDisk = lake.tableFiles(path);
      long vacuumed = 0;
      if (onDisk.oldestModifiedMs() <= System.currentTimeMillis() - retainHours * 3_600_000L) {
        delta.vacuum(retainHours);
        vacuumed = onDisk.count() - lake.countTableFiles(path);
      }
      return new TableResult(table, before, after, vacuumed, (System.nanoTime() - t0) / 1_000_000);
    } catch (Exception e) { // Spark and Delta throw checked exceptions (SparkException) undeclared
      throw Errors.maintenanceFailed(table, e);
    }
  }

  private static long numFiles(DeltaTable delta) {
    Row detail = delta.detail().select("numFiles").first();
    return detail.isNullAt(0) ? 0 : detail.getLong(0);
  }
}
