package io.socialcrm.cli;

import static org.apache.spark.sql.functions.col;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.generate.GeneratorOptions;
import io.socialcrm.generate.SampleDataGenerator;
import io.socialcrm.generate.Scale;
import io.socialcrm.lake.Lake;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import io.socialcrm.orchestration.StepWork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.SparkSession;

/**
 * {@code benchmark nightly}: the pipeline's speed as its users meet it. On a scale's generated data of
 * {@code days + 1} days it times (1) the backfill of the first {@code days} days into a new lake, as
 * {@code backfill} runs it, (2) the nightly run of the next day with all steps on that lake, per step, and (3) a
 * rerun of that day (which finds every step unchanged and commits nothing), with the Spark jobs and Delta commits
 * of (2) and (3). Each result is appended to
 * {@code <work>/nightly.tsv}, and the growth from the smallest scale measured is printed as ratios, so how the
 * costs grow from small to medium to large is read off one table. A benchmark, never a test.
 */
final class NightlyBenchmark {
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 1);
  private static final String RESULTS = "nightly.tsv";
  private static final List<String> STEPS = Step.parse(null).stream().map(Step::id).toList();

  /**
   * One measurement: the data it ran on, the seconds each phase took, and the Spark jobs and Delta commits of the
   * night and of its rerun (summed over the steps).
   */
  record Result(String scale, int days, long customers, long profiles, long interactions, double backfillSec,
                double nightSec, Map<String, Double> nightStepSec, double rerunSec, long nightJobs, long nightCommits,
                long rerunJobs, long rerunCommits) {
    String tsv() {
      List<String> cells = new ArrayList<>(List.of(scale, Integer.toString(days), Long.toString(customers),
          Long.toString(profiles), Long.toString(interactions), seconds(backfillSec), seconds(nightSec)));
      STEPS.forEach(s -> cells.add(seconds(nightStepSec.getOrDefault(s, 0.0))));
      cells.add(seconds(rerunSec));
      List.of(nightJobs, nightCommits, rerunJobs, rerunCommits).forEach(n -> cells.add(Long.toString(n)));
      return String.join("\t", cells);
    }

    static String header() {
      List<String> cells = new ArrayList<>(List.of("scale", "days", "customers", "profiles", "interactions",
          "backfill_s", "night_s"));
      STEPS.forEach(s -> cells.add("night_" + s + "_s"));
      cells.add("rerun_s");
      cells.addAll(List.of("night_jobs", "night_commits", "rerun_jobs", "rerun_commits"));
      return String.join("\t", cells);
    }

    static Result parse(String line) {
      String[] c = line.split("\t");
      Map<String, Double> steps = new LinkedHashMap<>();
      for (int i = 0; i < STEPS.size(); i++) {
        steps.put(STEPS.get(i), Double.parseDouble(c[7 + i]));
      }
      int n = 8 + STEPS.size(); // rows recorded before the counts were added have none: -1
      long[] counts = new long[4];
      for (int i = 0; i < 4; i++) {
        counts[i] = c.length > n + i ? Long.parseLong(c[n + i]) : -1;
      }
      return new Result(c[0], Integer.parseInt(c[1]), Long.parseLong(c[2]), Long.parseLong(c[3]),
          Long.parseLong(c[4]), Double.parseDouble(c[5]), Double.parseDouble(c[6]), steps,
          Double.parseDouble(c[7 + STEPS.size()]), counts[0], counts[1], counts[2], counts[3]);
    }
  }

  private final SparkSession spark;
  private final Path work;

  NightlyBenchmark(SparkSession spark, Path work) {
    this.spark = spark;
    this.work = work.toAbsolutePath();
  }

  /** Generates the data when absent, runs the three phases on a new lake and records the result. */
  Result run(Scale scale, int days, Settings base) throws IOException {
    String name = scale.name().toLowerCase();
    Path dir = work.resolve(name + "-" + days + "d");
    Path landingDir = dir.resolve("landing");
    LocalDate night = FIRST_DAY.plusDays(days);
    if (!Files.isDirectory(landingDir.resolve("x_posts").resolve(night.toString()))) {
      System.out.printf("generating %s data (%d days) into %s ...%n", name, days + 1, dir);
      new SampleDataGenerator(spark).generate(new GeneratorOptions(scale, days + 1, FIRST_DAY, 42L, dir));
    }
    Path lakeDir = dir.resolve("lake");
    deleteRecursively(lakeDir);
    Settings settings = base.with(Setting.LANDING, landingDir.toString()).with(Setting.LAKE, lakeDir.toString());
    PipelineRunner runner = new PipelineRunner(spark, settings, Clock.systemUTC());
    List<Step> all = Step.parse(null);

    long t0 = System.nanoTime();
    for (List<LocalDate> batch : BackfillCommand.batches(FIRST_DAY, night.minusDays(1),
        BackfillCommand.batchDays(settings))) {
      RunReport r = runner.run(batch, all, new ConsoleProgress(System.out));
      System.out.printf("  backfill %s to %s: %s%n", batch.get(0), batch.get(batch.size() - 1), steps(r));
    }
    double backfill = (System.nanoTime() - t0) / 1e9;

    long t1 = System.nanoTime();
    RunReport nightly = runner.run(night, all, new ConsoleProgress(System.out));
    double nightSec = (System.nanoTime() - t1) / 1e9;
    System.out.printf("  night %s: %s%n", night, steps(nightly));

    long t2 = System.nanoTime();
    RunReport rerun = runner.run(night, all, new ConsoleProgress(System.out));
    double rerunSec = (System.nanoTime() - t2) / 1e9;
    System.out.printf("  rerun %s: %s%n", night, steps(rerun));

    Lake lake = new Lake(spark, lakeDir.toString());
    Map<String, Double> stepSec = new LinkedHashMap<>();
    nightly.stepDurationsMs().forEach((s, ms) -> stepSec.put(s, ms / 1000.0));
    Result result = new Result(name, days,
        SilverTables.CUSTOMERS.read(spark, lake).where(col("is_current")).count(),
        SilverTables.SOCIAL_PROFILES.read(spark, lake).where(col("is_current")).count(),
        SilverTables.INTERACTIONS.read(spark, lake).count(), backfill, nightSec, stepSec, rerunSec,
        total(nightly, StepWork::sparkJobs), total(nightly, StepWork::deltaCommits), total(rerun, StepWork::sparkJobs),
        total(rerun, StepWork::deltaCommits));
    record(result);
    return result;
  }

  /** Prints every recorded result and its growth against the first (smallest) scale recorded. */
  void printGrowth() throws IOException {
    List<Result> results = new ArrayList<>();
    for (String line : Files.readAllLines(work.resolve(RESULTS), StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("scale\t")) {
        results.add(Result.parse(line));
      }
    }
    results.sort(Comparator.comparingLong(Result::interactions));
    Result base = results.get(0);
    System.out.printf("%-7s %5s %9s %9s %12s %11s %9s  %s %9s %19s %19s  %-32s%n", "scale", "days", "customers",
        "profiles", "interactions", "backfill s", "night s",
        String.join(" ", STEPS.stream().map(s -> String.format("%8s", s)).toList()), "rerun s", "night jobs/commits",
        "rerun jobs/commits", "growth vs " + base.scale() + " (data, backfill, night)");
    for (Result r : results) {
      StringBuilder steps = new StringBuilder();
      STEPS.forEach(s -> steps.append(String.format("%8.1f ", r.nightStepSec().getOrDefault(s, 0.0))));
      System.out.printf("%-7s %5d %,9d %,9d %,12d %11.1f %9.1f  %s%9.1f %19s %19s  x%.1f, x%.1f, x%.1f%n", r.scale(),
          r.days(), r.customers(), r.profiles(), r.interactions(), r.backfillSec(), r.nightSec(), steps, r.rerunSec(),
          r.nightJobs() + "/" + r.nightCommits(), r.rerunJobs() + "/" + r.rerunCommits(),
          (double) r.interactions() / base.interactions(), r.backfillSec() / base.backfillSec(),
          r.nightSec() / base.nightSec());
    }
  }

  private void record(Result r) throws IOException {
    Path file = work.resolve(RESULTS);
    Files.createDirectories(work);
    if (!Files.exists(file)) {
      Files.writeString(file, Result.header() + "\n", StandardCharsets.UTF_8);
    }
    Files.writeString(file, r.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  private static String steps(RunReport r) {
    StringBuilder out = new StringBuilder();
    r.stepWork().forEach((s, w) -> out.append(String.format("%s %s %.1fs (%d jobs, %d commits)  ", s, w.status(),
        w.wallMs() / 1000.0, w.sparkJobs(), w.deltaCommits())));
    return out.toString().trim();
  }

  private static long total(RunReport r, ToLongFunction<StepWork> count) {
    return r.stepWork().values().stream().mapToLong(count).sum();
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
