package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.contracts.Contract;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.generate.GeneratorOptions;
import io.socialcrm.generate.SampleDataGenerator;
import io.socialcrm.generate.Scale;
import io.socialcrm.ingest.Landing;
import io.socialcrm.lake.Lake;
import io.socialcrm.marts.LabelledPosts;
import io.socialcrm.marts.PostSignals;
import io.socialcrm.marts.SentimentEvaluation;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunListener;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Benchmarks (not tests). 'benchmark ingest' generates a data set if --work has none, then times "
        + "a plain Spark read of the landing files against the ingest step over the same files, and prints "
        + "records per second per core and their ratio. 'benchmark sentiment' scores the hand-labelled posts "
        + "shipped in schemas/lexicons/labelled and prints, per language, sentiment macro-F1 and accuracy and intent "
        + "to buy precision, recall and F1. 'benchmark nightly' generates --days + 1 days if --work has none, times "
        + "a backfill of --days days into a new lake, the next night with all steps, and a rerun of that night, appends "
        + "the result to <work>/nightly.tsv and prints every recorded scale with its growth against the smallest. "
        + "'benchmark sql --lake L' serves L over JDBC on loopback and times a BI dashboard's queries on the gold marts "
        + "(once cold, then --repeat times) against a one-second goal.")
final class BenchmarkCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WHAT", description = "What to benchmark: ingest, sentiment, nightly or sql.")
  String what;

  @Option(names = "--scale", defaultValue = "medium", description = "small, medium or large (default ${DEFAULT-VALUE}).")
  Scale scale;

  @Option(names = "--days", description = "Days to generate and ingest (default: the scale's own).")
  Integer days;

  @Option(names = "--work", defaultValue = "bench", paramLabel = "DIR",
      description = "Work folder: <work>/<scale>/landing is reused when present (default ${DEFAULT-VALUE}).")
  String work;

  @Option(names = "--lake", paramLabel = "DIR", description = "sql: the lake to serve (default: the lake setting).")
  String servedLake;

  @Option(names = "--repeat", defaultValue = "5", description = "sql: warm runs of each query (default ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = {"-v", "--verbose"})
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!List.of("ingest", "sentiment", "nightly", "sql").contains(what)) {
      throw Errors.badArgument("benchmark", what, "ingest, sentiment, nightly or sql");
    }
    if ("sql".equals(what)) {
      // The endpoint needs a session of its own (the Hive catalog), made before any other.
      Settings settings = new CommonOptions().settings();
      return SqlBenchmark.run(servedLake == null ? settings : settings.with(Setting.LAKE, servedLake), repeat);
    }
    CommonOptions common = new CommonOptions();
    common.verbose = verbose;
    SparkSession spark = common.spark();
    if ("sentiment".equals(what)) {
      return sentiment(spark);
    }
    int nDays = days == null ? scale.defaultDays() : days;
    if ("nightly".equals(what)) {
      if (nDays < 1 || nDays > 89) {
        throw Errors.badArgument("--days", Integer.toString(nDays), "a number of days from 1 to 89");
      }
      NightlyBenchmark bench = new NightlyBenchmark(spark, Path.of(work));
      System.out.printf("benchmark nightly, scale %s, %d days, %d cores%n", scale.name().toLowerCase(), nDays,
          spark.sparkContext().defaultParallelism());
      bench.run(scale, nDays, common.settings());
      bench.printGrowth();
      return 0;
    }
    int cores = spark.sparkContext().defaultParallelism();
    Path dir = Path.of(work, scale.name().toLowerCase()).toAbsolutePath();
    Path landingDir = dir.resolve("landing");
    if (!Files.isDirectory(landingDir)) {
      System.out.printf("generating %s data (%d days) into %s ...%n", scale.name().toLowerCase(), nDays, dir);
      long g0 = System.nanoTime();
      new SampleDataGenerator(spark).generate(new GeneratorOptions(scale, nDays, LocalDate.of(2026, 10, 1), 42L, dir));
      System.out.printf("generated in %.1fs%n", (System.nanoTime() - g0) / 1e9);
    }
    Path lakeDir = dir.resolve("lake");
    NightlyBenchmark.deleteRecursively(lakeDir);
    Settings settings = Settings.defaults().with(Setting.LANDING, landingDir.toString()).with(Setting.LAKE, lakeDir.toString());
    Lake lake = new Lake(spark, lakeDir.toString());
    Landing landing = new Landing(landingDir.toString(), lake);
    List<Contract> contracts = Contracts.all();
    SortedSet<LocalDate> dates = landing.dates(contracts);

    long p0 = System.nanoTime();
    long plainRecords = 0;
    for (LocalDate d : dates) {
      for (Contract c : contracts) {
        for (String f : landing.files(c, d)) {
          plainRecords += plainRead(spark, f);
        }
      }
    }
    double plainSec = (System.nanoTime() - p0) / 1e9;

    PipelineRunner runner = new PipelineRunner(spark, settings, Clock.systemUTC());
    long i0 = System.nanoTime();
    long read = 0;
    long loaded = 0;
    long quarantined = 0;
    for (LocalDate d : dates) {
      RunReport r = runner.run(d, List.of(Step.INGEST), RunListener.NONE);
      read += r.totals().read();
      loaded += r.totals().loaded();
      quarantined += r.totals().quarantined();
      System.out.printf("  %s: %d records, elapsed %.1fs%n", d, r.totals().read(), (System.nanoTime() - i0) / 1e9);
    }
    double ingestSec = (System.nanoTime() - i0) / 1e9;
    System.out.printf("benchmark ingest, scale %s, %d dates, %d cores%n", scale.name().toLowerCase(), dates.size(), cores);
    System.out.printf("plain Spark read : %,d records in %.1fs = %,.0f records/s/core%n", plainRecords, plainSec,
        plainRecords / plainSec / cores);
    System.out.printf("ingest (validate, quarantine, Delta write): %,d records (%,d loaded, %,d quarantined) in %.1fs = %,.0f records/s/core%n",
        read, loaded, quarantined, ingestSec, read / ingestSec / cores);
    System.out.printf("ratio ingest/plain throughput: %.3f (ingest takes %.1fx the time of a plain read)%n",
        (read / ingestSec) / (plainRecords / plainSec), ingestSec / plainSec);
    return 0;
  }

  /** Scores the labelled posts and prints the agreement per language (the arithmetic is SentimentEvaluation's). */
  private static int sentiment(SparkSession spark) {
    Dataset<Row> scored = PostSignals.score(LabelledPosts.load(spark));
    List<SentimentEvaluation.Result> results =
        SentimentEvaluation.results(SentimentEvaluation.counts(scored).collectAsList());
    System.out.println("benchmark sentiment: hand-labelled posts of " + LabelledPosts.FOLDER);
    System.out.printf("%-4s %5s %10s %9s %17s %14s %10s%n", "lang", "n", "macro-F1", "accuracy", "intent precision",
        "intent recall", "intent F1");
    for (SentimentEvaluation.Result r : results) {
      System.out.printf("%-4s %5d %10.3f %9.3f %17.3f %14.3f %10.3f%n", r.lang(), r.n(), r.macroF1(), r.accuracy(),
          r.intentPrecision(), r.intentRecall(), r.intentF1());
    }
    return 0;
  }

  /** Reading the file with Spark's own reader and counting: the floor any ingestion is compared with. */
  private static long plainRead(SparkSession spark, String file) {
    String f = file.toLowerCase();
    if (f.endsWith(".parquet")) {
      return spark.read().parquet(file).count();
    }
    if (f.endsWith(".csv")) {
      return spark.read().option("header", "true").option("multiLine", "true").csv(file).count();
    }
    return spark.read().text(file).filter("trim(value) <> ''").count();
  }
}
