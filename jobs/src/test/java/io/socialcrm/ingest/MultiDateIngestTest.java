package io.socialcrm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.contracts.Contract;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.generate.GeneratorOptions;
import io.socialcrm.generate.SampleDataGenerator;
import io.socialcrm.generate.Scale;
import io.socialcrm.generate.Sizes;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.TableVersions;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunListener;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import io.socialcrm.orchestration.StepWork;
import io.socialcrm.privacy.ErasureJob;
import io.socialcrm.privacy.ErasureSubject;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Ingesting several dates in one pass (a backfill) gives exactly the bronze and quarantine tables, and the same
 * per-file counts, as ingesting the dates one by one; a rerun leaves the tables as they were; erased people stay
 * out; a date whose files are gone is emptied.
 */
class MultiDateIngestTest extends SparkTestBase {
  private static final Sizes TINY = Sizes.of(300, 900, 2_000, 3);
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 2);
  private static final LocalDate D3 = LocalDate.of(2026, 11, 3);
  private static final List<LocalDate> DATES = List.of(D1, D2, D3);
  private static final List<String> SOURCES = List.of("x", "facebook", "linkedin", "crm");

  /** Generated landing of 3 dates, shared by the tests (read only). */
  private static Path landing;

  /**
   * A generated landing of three dates, plus day 1's X posts again on day 2: the same keys on two dates are two
   * loads, so none of them is a duplicate (within a date, the generator's duplicates still are).
   */
  private Path landing() throws IOException {
    if (landing == null) {
      Path out = newTempDir("multi-date");
      new SampleDataGenerator(session()).generate(new GeneratorOptions(Scale.SMALL, 3, D1, 5L, out), TINY);
      Path posts = out.resolve("landing/x_posts");
      try (Stream<Path> files = Files.list(posts.resolve(D1.toString()))) {
        Path first = files.sorted().findFirst().orElseThrow();
        Files.copy(first, posts.resolve(D2.toString()).resolve("replayed-from-day-1.jsonl"));
      }
      landing = out.resolve("landing");
    }
    return landing;
  }

  private PipelineRunner runner(Path landingDir, Path lake) {
    Settings s = Settings.defaults().with(Setting.LANDING, landingDir.toString()).with(Setting.LAKE, lake.toString());
    return new PipelineRunner(session(), s, Clock.systemUTC());
  }

  private List<String> tables() {
    List<String> out = new ArrayList<>();
    Contracts.all().forEach(c -> out.add("bronze/" + c.name()));
    SOURCES.forEach(s -> out.add("quarantine/" + s));
    return out;
  }

  /** A table's rows as sorted JSON lines, without the columns naming the run: small tables, compared exactly. */
  private List<String> content(Path lake, String table) {
    String[] parts = table.split("/");
    return TableContent.of(session(), lake, parts[0], parts[1]).toJSON().collectAsList().stream().sorted().toList();
  }

  private Map<String, List<String>> contents(Path lake) {
    Map<String, List<String>> out = new TreeMap<>();
    tables().forEach(t -> out.put(t, content(lake, t)));
    return out;
  }

  private void assertSameTables(Path expected, Path actual) {
    Map<String, List<String>> want = contents(expected);
    Map<String, List<String>> got = contents(actual);
    for (String t : tables()) {
      assertEquals(want.get(t), got.get(t), t);
    }
  }

  /** file -> [date, read, quarantined, erased] over every input of the reports. */
  private static Map<String, List<Object>> fileCounts(List<RunReport> reports) {
    Map<String, List<Object>> out = new TreeMap<>();
    for (RunReport r : reports) {
      for (RunReport.SourceCounts s : r.sources()) {
        for (var f : s.files()) {
          Assertions.assertNull(out.put(s.input() + " " + f.file() + " " + f.date(),
              List.of(f.date(), f.read(), f.quarantined(), f.erased())), "each file once");
        }
      }
    }
    return out;
  }

  /** input -> [read, loaded, quarantined, erased, reasons] summed over the reports. */
  private static Map<String, List<Object>> inputCounts(List<RunReport> reports) {
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, Map<String, Long>> reasons = new TreeMap<>();
    for (RunReport r : reports) {
      for (RunReport.SourceCounts s : r.sources()) {
        long[] v = sums.computeIfAbsent(s.input(), k -> new long[4]);
        v[0] += s.read();
        v[1] += s.loaded();
        v[2] += s.quarantined();
        v[3] += s.erased();
        s.quarantineReasons().forEach((k, n) -> reasons.computeIfAbsent(s.input(), x -> new TreeMap<>()).merge(k, n, Long::sum));
      }
    }
    Map<String, List<Object>> out = new TreeMap<>();
    sums.forEach((k, v) -> out.put(k, List.of(v[0], v[1], v[2], v[3], reasons.getOrDefault(k, Map.of()))));
    return out;
  }

  @Test
  void threeDatesInOnePassEqualThreeSingleDateIngestsAndCountsReconcile() throws IOException {
    Path perDate = newTempDir("per-date-lake");
    List<RunReport> singles = new ArrayList<>();
    for (LocalDate d : DATES) {
      singles.add(runner(landing(), perDate).run(d, List.of(Step.INGEST), RunListener.NONE));
    }
    Path batched = newTempDir("batched-lake");
    RunReport batch = runner(landing(), batched).run(DATES, List.of(Step.INGEST), RunListener.NONE);

    assertEquals(RunReport.SUCCEEDED, batch.status());
    assertEquals(D3.toString(), batch.date());
    assertEquals(List.of("2026-11-01", "2026-11-02", "2026-11-03"), batch.dates());
    assertSameTables(perDate, batched);
    assertEquals(fileCounts(singles), fileCounts(List.of(batch)), "the same files with the same counts and dates");
    assertEquals(inputCounts(singles), inputCounts(List.of(batch)));

    // The replayed day-1 posts are valid on day 2: each date is its own load.
    Dataset<Row> posts = session().read().format("delta").load(batched.resolve("bronze/x_posts").toString());
    long replayed = posts.filter(functions.col(RawRecords.SOURCE_FILE).endsWith("replayed-from-day-1.jsonl")).count();
    Assertions.assertTrue(replayed > 0, "day 1's posts replayed on day 2 are loaded again");
    assertEquals(0L, posts.groupBy("id", BronzeTables.INGEST_DATE).count().filter("count > 1").count(),
        "no key twice within a date");

    // Counts reconcile per input and per file, against what the tables hold, and each file carries its date.
    Assertions.assertTrue(batch.totals().quarantined() > 0, "the generator's defects are quarantined");
    Map<String, Long> quarantinedPerSource = new TreeMap<>();
    for (RunReport.SourceCounts s : batch.sources()) {
      assertEquals(s.read(), s.loaded() + s.quarantined() + s.erased(), s.input());
      assertEquals(s.read(), s.files().stream().mapToLong(f -> f.read()).sum(), s.input());
      assertEquals(s.quarantined(), s.files().stream().mapToLong(f -> f.quarantined()).sum(), s.input());
      Dataset<Row> bronze = session().read().format("delta").load(batched.resolve("bronze/" + s.input()).toString());
      assertEquals(s.loaded(), bronze.count(), s.input());
      quarantinedPerSource.merge(s.source(), s.quarantined(), Long::sum);
      for (var f : s.files()) {
        Assertions.assertTrue(f.file().contains("/" + f.date() + "/"), f.file() + " is in its date's folder");
        assertEquals(f.read() - f.quarantined() - f.erased(),
            bronze.filter(functions.col(RawRecords.SOURCE_FILE).equalTo(f.file())
                .and(functions.col(BronzeTables.INGEST_DATE).equalTo(Date.valueOf(f.date())))).count(), f.file());
      }
    }
    for (String source : SOURCES) {
      assertEquals(quarantinedPerSource.get(source),
          session().read().format("delta").load(batched.resolve("quarantine/" + source).toString()).count(), source);
    }
    Set<String> dates = new TreeSet<>();
    batch.sources().forEach(s -> s.files().forEach(f -> dates.add(f.date())));
    assertEquals(new TreeSet<>(batch.dates()), dates, "every date's files are in the one report");
  }

  @Test
  void aRerunLeavesTheTablesAsTheyWereErasedPeopleStayOutAndAVanishedDateIsEmptied() throws IOException {
    Path copy = newTempDir("landing-copy");
    copyTree(landing(), copy);
    Path lake = newTempDir("rerun-lake");
    PipelineRunner runner = runner(copy, lake);
    runner.run(DATES, List.of(Step.INGEST), RunListener.NONE);
    Map<String, List<String>> before = contents(lake);
    TableVersions log = new TableVersions(new Lake(session(), lake.toString()));
    Map<String, Long> versions = log.latest(log.allTables());
    RunReport unchanged = runner.run(DATES, List.of(Step.INGEST), RunListener.NONE);
    assertEquals(versions, log.latest(log.allTables()), "a rerun of unchanged files writes nothing");
    unchanged.sources().forEach(s -> assertEquals(InputResult.UNCHANGED, s.status(), s.input()));
    assertEquals(StepWork.UNCHANGED, unchanged.stepWork().get("ingest").status());
    assertEquals(0L, unchanged.stepWork().get("ingest").sparkJobs(), "nothing read");
    runner.run(DATES, List.of(Step.INGEST), true, RunListener.NONE);
    assertEquals(before, contents(lake), "a forced rerun gives the same tables");

    // An erased customer's records are dropped again when the dates are ingested again (forced: the files are
    // as they were), and counted as erased.
    String customer = session().read().format("delta").load(lake.resolve("bronze/orders").toString())
        .groupBy("customer_id").count().orderBy(functions.desc("count"), functions.col("customer_id")).head().getString(0);
    new ErasureJob(session(), new Lake(session(), lake.toString()), Clock.systemUTC())
        .erase(ErasureSubject.customer(customer), "test");
    RunReport replay = runner.run(DATES, List.of(Step.INGEST), true, RunListener.NONE);
    Assertions.assertTrue(replay.totals().erased() > 0, "the erased customer's records are dropped");
    for (RunReport.SourceCounts s : replay.sources()) {
      assertEquals(s.read(), s.loaded() + s.quarantined() + s.erased(), s.input());
      assertEquals(s.erased(), s.files().stream().mapToLong(f -> f.erased()).sum(), s.input());
    }
    for (Contract c : Contracts.all()) {
      if (c.column("customer_id") != null) {
        assertEquals(0L, session().read().format("delta").load(lake.resolve("bronze/" + c.name()).toString())
            .filter(functions.col("customer_id").equalTo(customer)).count(), c.name());
      }
    }

    // Day 2's comments are withdrawn from the landing area: the rerun empties that partition, and only it.
    Path bronze = lake.resolve("bronze/facebook_comments");
    long day1 = countOn(bronze, D1);
    long day3 = countOn(bronze, D3);
    Assertions.assertTrue(countOn(bronze, D2) > 0);
    deleteTree(copy.resolve("facebook_comments").resolve(D2.toString()));
    RunReport rerun = runner.run(DATES, List.of(Step.INGEST), RunListener.NONE);
    assertEquals(List.of(day1, 0L, day3), List.of(countOn(bronze, D1), countOn(bronze, D2), countOn(bronze, D3)));
    assertEquals(0L, session().read().format("delta").load(lake.resolve("quarantine/facebook").toString())
        .filter("_input = 'facebook_comments' AND _ingest_date = '2026-11-02'").count());
    RunReport.SourceCounts comments = rerun.sources().stream().filter(s -> s.input().equals("facebook_comments"))
        .findFirst().orElseThrow();
    Assertions.assertTrue(comments.files().stream().noneMatch(f -> f.date().equals(D2.toString())));
  }

  @Test
  void aChangedOrLateFileReloadsItsSourceAndDateOnlyAndATouchedFileWithTheSameBytesDoesNot() throws IOException {
    Path copy = newTempDir("landing-changes");
    copyTree(landing(), copy);
    Path lakeDir = newTempDir("changes-lake");
    PipelineRunner runner = runner(copy, lakeDir);
    RunReport first = runner.run(DATES, List.of(Step.INGEST), RunListener.NONE);
    long readDay2 = first.sources().stream().filter(s -> s.input().equals("facebook_comments"))
        .flatMap(s -> s.files().stream()).filter(f -> f.date().equals(D2.toString())).mapToLong(f -> f.read()).sum();
    Lake lake = new Lake(session(), lakeDir.toString());
    TableVersions log = new TableVersions(lake);

    // Touched, same bytes: the hash says it is the file that was loaded.
    Path comments = firstFile(copy.resolve("facebook_comments").resolve(D2.toString()));
    Files.setLastModifiedTime(comments, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Map<String, Long> before = log.latest(log.allTables());
    RunReport touched = runner.run(DATES, List.of(Step.INGEST), RunListener.NONE);
    assertEquals(before, log.latest(log.allTables()));
    touched.sources().forEach(s -> assertEquals(InputResult.UNCHANGED, s.status(), s.input()));

    // A comment withdrawn from day 2's file: facebook's day 2 is reloaded (all its inputs, one commit each), only it.
    List<String> lines = Files.readAllLines(comments);
    Files.write(comments, lines.subList(0, lines.size() - 1));
    Path bronze = lakeDir.resolve("bronze/facebook_comments");
    long day1 = countOn(bronze, D1);
    RunReport changed = runner.run(DATES, List.of(Step.INGEST), RunListener.NONE);
    for (RunReport.SourceCounts s : changed.sources()) {
      assertEquals(s.source().equals("facebook") ? InputResult.LOADED : InputResult.UNCHANGED, s.status(), s.input());
      s.files().forEach(f -> assertEquals(D2.toString(), f.date(), "only the changed date is read: " + f.file()));
    }
    List<String> moved = TableVersions.moved(before, log.latest(log.allTables())).stream()
        .map(p -> p.substring(lake.root().length() + 1)).toList();
    assertEquals(List.of("bronze/facebook_comments", "bronze/facebook_posts", "bronze/facebook_reactions"),
        moved.stream().filter(t -> t.startsWith("bronze/")).toList());
    Assertions.assertTrue(moved.stream().allMatch(t -> t.startsWith("bronze/facebook") || t.equals("quarantine/facebook")),
        moved.toString());
    assertEquals(day1, countOn(bronze, D1));
    RunReport.SourceCounts reloaded = changed.sources().stream().filter(s -> s.input().equals("facebook_comments"))
        .findFirst().orElseThrow();
    Assertions.assertTrue(reloaded.read() < readDay2, "fewer records on day 2: " + reloaded.read() + " < " + readDay2);
    assertEquals(reloaded.read(), countOn(bronze, D2) + reloaded.quarantined(), "day 2 reloaded and reconciled");

    // A file landing late for day 1 is taken in by the next run over day 1: X's day 1, nothing else.
    Path posts = copy.resolve("x_posts").resolve(D1.toString());
    Files.copy(firstFile(copy.resolve("x_posts").resolve(D3.toString())), posts.resolve("late-part.jsonl"));
    Map<String, Long> beforeLate = log.latest(log.allTables());
    RunReport late = runner.run(DATES, List.of(Step.INGEST), RunListener.NONE);
    for (RunReport.SourceCounts s : late.sources()) {
      assertEquals(s.source().equals("x") ? InputResult.LOADED : InputResult.UNCHANGED, s.status(), s.input());
    }
    Assertions.assertTrue(late.sources().stream().filter(s -> s.input().equals("x_posts")).findFirst().orElseThrow()
        .files().stream().anyMatch(f -> f.file().endsWith("late-part.jsonl") && f.date().equals(D1.toString())));
    Assertions.assertTrue(TableVersions.moved(beforeLate, log.latest(log.allTables())).stream()
        .allMatch(p -> p.contains("/bronze/x_") || p.endsWith("/quarantine/x")));
  }

  private static Path firstFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
  }

  private long countOn(Path table, LocalDate date) {
    return session().read().format("delta").load(table.toString())
        .filter(functions.col(BronzeTables.INGEST_DATE).equalTo(Date.valueOf(date))).count();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
