package io.socialcrm.marts;

import io.socialcrm.lake.Lake;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Step {@code marts}: builds the gold marts from the current silver tables and identity links. Wires reads,
 * transforms and writes only; every mart's logic is a pure Dataset transform in this package, and every write
 * goes through {@link GoldWriter}, so a rerun that computes the same rows commits nothing.
 */
public final class MartsJob {
  private final SparkSession spark;
  private final Lake lake;
  private final MartSettings settings;

  public MartsJob(SparkSession spark, Lake lake, MartSettings settings) {
    this.spark = spark;
    this.lake = lake;
    this.settings = settings;
  }

  /** Runs the step for the run's {@code date} (the per-run marts are stamped with it). */
  public MartsResult run(LocalDate date, String runId) {
    long t0 = System.nanoTime();
    MartInputs in = MartInputs.read(spark, lake);
    GoldWriter writer = new GoldWriter(lake);
    List<GoldWriter.Written> written = new ArrayList<>();
    // The marts are wired here as they land (see the package's classes).
    return new MartsResult(written, (System.nanoTime() - t0) / 1_000_000);
  }
}
