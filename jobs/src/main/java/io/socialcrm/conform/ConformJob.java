package io.socialcrm.conform;

import io.socialcrm.lake.ChangeFeed;
import io.socialcrm.lake.RunScratch;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.lake.Lake;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Step {@code conform}: builds the silver tables from what changed in bronze since its last run (Delta Change
 * Data Feed), each table written at most once, then records the bronze versions processed. Wires reads,
 * transforms and writes only. Every write is idempotent (SCD2 ignores observations not newer than the current
 * version, current-state tables take only strictly newer rows), so a run that fails before recording its
 * versions is simply redone by the next run, and a run with nothing new commits nothing.
 */
public final class ConformJob {
  /** The silver tables the step builds, in order: one line each. */
  public static final List<SilverBuild> BUILDS = List.of(
      CustomersTransform.BUILD,
      ProfilesTransform.BUILD,
      ConsentTransform.BUILD,
      StewardDecisionsTransform.BUILD,
      CrmFactsTransform.CAMPAIGNS_BUILD,
      CrmFactsTransform.SPEND_BUILD,
      CrmFactsTransform.SUPPORT_CASES_BUILD,
      CrmFactsTransform.LEADS_BUILD,
      OrdersTransform.BUILD,
      InteractionsTransform.BUILD); // after campaigns: it reads silver.campaigns

  private final SparkSession spark;
  private final Lake lake;
  private final List<SilverBuild> builds;

  public ConformJob(SparkSession spark, Lake lake) {
    this(spark, lake, BUILDS);
  }

  public ConformJob(SparkSession spark, Lake lake, List<SilverBuild> builds) {
    this.spark = spark;
    this.lake = lake;
    this.builds = List.copyOf(builds);
  }

  private static Map<String, Dataset<Row>> inputsOf(SilverBuild build, Map<String, Dataset<Row>> rows) {
    Map<String, Dataset<Row>> mine = new LinkedHashMap<>();
    build.inputs().forEach(i -> mine.put(i, rows.get(i)));
    return mine;
  }

  /** Runs the step; {@code date} is the run's date (reported), the bronze changes read do not depend on it. */
  public ConformResult run(LocalDate date, String runId) {
    MatchKeys.register(spark);
    BronzeChanges changes = new BronzeChanges(spark, lake);
    Map<String, Long> before = changes.processedVersions();
    Map<String, Long> after = new TreeMap<>(before);
    Set<String> inputs = new LinkedHashSet<>();
    builds.forEach(b -> inputs.addAll(b.inputs()));

    Map<String, Dataset<Row>> rows = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    try (RunScratch scratch = new RunScratch(spark, lake, "conform")) {
      for (String input : inputs) {
        ChangeFeed.Batch batch = changes.read(Contracts.get(input), before.get(input));
        if (batch.nothingNew()) {
          rows.put(input, batch.rows());
          counts.put(input, 0L);
        } else {
          // Read once, shared by every silver table built from this input.
          Dataset<Row> r = scratch.keep(batch.rows());
          rows.put(input, r);
          counts.put(input, r.count());
        }
        if (batch.version() != null) {
          after.put(input, batch.version());
        }
      }
      List<ConformResult.TableResult> results = new ArrayList<>();
      Map<String, Long> durations = new LinkedHashMap<>();
      for (SilverBuild build : builds) {
        long t0 = System.nanoTime();
        long read = build.inputs().stream().mapToLong(counts::get).sum();
        WriteCounts written = read == 0 ? WriteCounts.NONE
            : build.writer().write(scratch, lake, build.table(),
                build.transform().apply(new ConformInputs(spark, lake, inputsOf(build, rows))));
        results.add(new ConformResult.TableResult(build.table().name(), read, written.inserted(), written.updated()));
        durations.put(build.table().name(), (System.nanoTime() - t0) / 1_000_000);
      }
      changes.saveProcessedVersions(after, before, runId);
      return new ConformResult(runId, date.toString(), results, durations);
    }
  }
}
