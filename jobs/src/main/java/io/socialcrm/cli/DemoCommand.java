package io.socialcrm.cli;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.generate.GeneratorOptions;
import io.socialcrm.generate.SampleDataGenerator;
import io.socialcrm.generate.Scale;
import io.socialcrm.ingest.Landing;
import io.socialcrm.lake.Lake;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate small sample data into <out> (unless it is there), backfill all its days but the last in "
        + "one batch (the files that landed late are in by then), then run the last day as the nightly job does. "
        + "--per-night runs every day as its own night instead: a file that lands a day late is moved into the "
        + "landing area the next day and its date is rerun. The lake is <out>/lake.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "data", paramLabel = "DIR", description = "Folder for landing, late files, truth and lake (default ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--scale", defaultValue = "small", description = "small, medium or large (default ${DEFAULT-VALUE}).")
  Scale scale;

  @Option(names = "--days", description = "Days to generate (default: the scale's own).")
  Integer days;

  @Option(names = "--start", defaultValue = "2026-11-01", paramLabel = "YYYY-MM-DD")
  String start;

  @Option(names = "--per-night", description = "Run each day as its own night, as the nightly job would have (slower).")
  boolean perNight;

  @Option(names = {"-v", "--verbose"})
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    CommonOptions common = new CommonOptions();
    common.verbose = verbose;
    SparkSession spark = common.spark();
    Path dir = Path.of(out).toAbsolutePath();
    Path landingDir = dir.resolve("landing");
    Path lateDir = dir.resolve("late");
    if (!Files.isDirectory(landingDir)) {
      int n = days == null ? scale.defaultDays() : days;
      System.out.printf("generating %s sample data (%d days from %s) into %s ...%n", scale.name().toLowerCase(), n, start, dir);
      new SampleDataGenerator(spark).generate(new GeneratorOptions(scale, n, Dates.parse("--start", start), 42L, dir));
    } else {
      System.out.println("reusing the sample data in " + landingDir);
    }
    Settings settings = common.settings().with(Setting.LANDING, landingDir.toString())
        .with(Setting.LAKE, dir.resolve("lake").toString());
    PipelineRunner runner = new PipelineRunner(spark, settings, Clock.systemUTC());
    Landing landing = new Landing(landingDir.toString(), new Lake(spark, settings.get(Setting.LAKE)));
    List<LocalDate> dates = List.copyOf(landing.dates(Contracts.all()));
    long t0 = System.nanoTime();
    if (perNight) {
      runEachNight(runner, dates, lateDir, landingDir, t0);
    } else {
      LocalDate last = dates.get(dates.size() - 1);
      List<LocalDate> history = dates.subList(0, dates.size() - 1);
      for (LocalDate d : history) {
        moveLateFiles(lateDir, landingDir, d); // landed a day late: in by the last night
      }
      List<List<LocalDate>> batches = history.isEmpty() ? List.of()
          : BackfillCommand.batches(history.get(0), history.get(history.size() - 1), BackfillCommand.batchDays(settings));
      for (List<LocalDate> batch : batches) {
        System.out.printf("== backfill of %s to %s (elapsed %s)%n", batch.get(0), batch.get(batch.size() - 1),
            ConsoleProgress.elapsed(t0));
        ConsoleProgress.printSummary(System.out, runner.run(batch, Step.parse(null), new ConsoleProgress(System.out)), runner);
      }
      System.out.printf("== night of %s, as the nightly job runs it (elapsed %s)%n", last, ConsoleProgress.elapsed(t0));
      ConsoleProgress.printSummary(System.out, runner.run(last, Step.parse(null), new ConsoleProgress(System.out)), runner);
    }
    System.out.printf("%ndemo done in %s. The lake is %s (bronze/, quarantine/, silver/, gold/, _runs/).%n", ConsoleProgress.elapsed(t0),
        settings.get(Setting.LAKE));
    System.out.println("Query it, e.g.:");
    System.out.println("  ./socialcrm sql \"SELECT _ingest_date, count(*) AS posts FROM bronze.x_posts GROUP BY 1 ORDER BY 1\""
        + (out.equals("data") ? "" : " --lake " + settings.get(Setting.LAKE)));
    System.out.println("  ./socialcrm sql \"SELECT _input, r.code, count(*) FROM quarantine.x LATERAL VIEW explode(_reasons) t AS r GROUP BY 1, 2\""
        + (out.equals("data") ? "" : " --lake " + settings.get(Setting.LAKE)));
    System.out.println("  ./socialcrm sql \"SELECT platform, method, count(*) FROM silver.identity_links WHERE is_current GROUP BY 1, 2\""
        + (out.equals("data") ? "" : " --lake " + settings.get(Setting.LAKE)));
    System.out.println("  ./socialcrm sql \"SELECT model, round(sum(revenue), 2) AS revenue FROM gold.channel_attribution GROUP BY 1\""
        + (out.equals("data") ? "" : " --lake " + settings.get(Setting.LAKE)));
    System.out.println("  ./socialcrm sql \"SELECT rank, team, reason FROM gold.care_queue ORDER BY run_date DESC, rank LIMIT 10\""
        + (out.equals("data") ? "" : " --lake " + settings.get(Setting.LAKE)));
    System.out.println("  ./socialcrm identity eval --truth " + dir.resolve("truth")
        + (out.equals("data") ? "" : " --lake " + settings.get(Setting.LAKE)));
    return 0;
  }

  /** Every date as its own night, oldest first; a date's late files arrive the next day and its date is rerun. */
  private static void runEachNight(PipelineRunner runner, List<LocalDate> dates, Path lateDir, Path landingDir, long t0)
      throws IOException {
    for (int i = 0; i < dates.size(); i++) {
      LocalDate d = dates.get(i);
      System.out.printf("== night of %s (%d of %d, elapsed %s)%n", d, i + 1, dates.size(), ConsoleProgress.elapsed(t0));
      RunReport r = runner.run(d, Step.parse(null), new ConsoleProgress(System.out));
      System.out.printf("   %d read, %d loaded, %d quarantined%n", r.totals().read(), r.totals().loaded(), r.totals().quarantined());
      if (i > 0 && moveLateFiles(lateDir, landingDir, dates.get(i - 1))) {
        System.out.printf("== late files for %s arrived: rerunning that date%n", dates.get(i - 1));
        RunReport again = runner.run(dates.get(i - 1), Step.parse(null), new ConsoleProgress(System.out));
        ConsoleProgress.printSummary(System.out, again, runner);
      }
    }
  }

  /** Moves late files of a date (late/<input>/<date>/...) into the landing area; true if any moved. */
  static boolean moveLateFiles(Path lateDir, Path landingDir, LocalDate date) throws IOException {
    if (!Files.isDirectory(lateDir)) {
      return false;
    }
    boolean moved = false;
    try (Stream<Path> inputs = Files.list(lateDir)) {
      for (Path input : inputs.sorted().toList()) {
        Path from = input.resolve(date.toString());
        if (!Files.isDirectory(from)) {
          continue;
        }
        Path to = landingDir.resolve(input.getFileName()).resolve(date.toString());
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
          for (Path f : files.sorted().toList()) {
            Files.move(f, to.resolve(f.getFileName()));
            moved = true;
          }
        }
      }
    }
    return moved;
  }
}
