package io.socialcrm.cli;

import static io.socialcrm.testing.CliRunner.assertOneLineError;
import static io.socialcrm.testing.CliRunner.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.ingest.LandingFixtureAccess;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.testing.CliRunner.Result;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code backfill}: one run per batch of dates by default, one run per date with {@code --per-date}. */
class BackfillCommandTest extends SparkTestBase {

  /** The run reports of a lake, oldest first (dates, then steps, per report). */
  private static List<RunReport> reports(Path lake) {
    try (Stream<Path> files = Files.list(lake.resolve("_runs"))) {
      return files.filter(p -> p.toString().endsWith(".json")).map(p -> {
        try {
          return PipelineRunner.readReport(Files.readString(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sorted(Comparator.comparing(RunReport::date)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long count(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).count();
  }

  @Test
  void byDefaultTheDatesAreIngestedInOnePassAndTheOtherStepsRunOnce() throws IOException {
    Path landing = newTempDir("landing");
    LandingFixtureAccess.standard(landing);
    Path lake = newTempDir("lake");
    Result r = cli("backfill", "--from", "2026-11-01", "--to", "2026-11-02", "--steps", "ingest,conform",
        "--landing", landing.toString(), "--lake", lake.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1, count(r.out(), "ingest done"), r.out());
    assertEquals(1, count(r.out(), "conform done"), r.out());
    Assertions.assertTrue(r.out().contains("== dates 2026-11-01 to 2026-11-02 (1 of 1"), r.out());
    Assertions.assertTrue(r.out().contains("(2026-11-01 to 2026-11-02, 2 dates) succeeded"), r.out());
    // The summary table sums both dates: x_posts has 1 file of 6 lines on day 1 and 1 of 2 on day 2.
    Assertions.assertTrue(r.out().matches("(?s).*\\| x\\s+\\| x_posts\\s+\\| loaded\\s+\\|\\s+2 \\|\\s+8 \\|\\s+6 \\|\\s+2 \\|.*"), r.out());

    List<RunReport> runs = reports(lake);
    assertEquals(1, runs.size());
    RunReport run = runs.get(0);
    assertEquals(RunReport.SUCCEEDED, run.status());
    assertEquals(List.of("2026-11-01", "2026-11-02"), run.dates());
    assertEquals("2026-11-02", run.date(), "the other steps ran for the last date");
    assertEquals(List.of("ingest", "conform"), run.steps());
    Result silver = cli("sql", "SELECT count(*) FROM silver.interactions WHERE platform = 'x'", "--lake", lake.toString());
    Assertions.assertTrue(silver.out().matches("(?s).*\\|\\s+6 \\|.*"), "both days' posts reach silver: " + silver.out());
  }

  @Test
  void perDateRunsEveryStepForEveryDateAndTheBatchSizeSplitsTheRange() throws IOException {
    Path landing = newTempDir("landing");
    LandingFixtureAccess.standard(landing);
    Path lake = newTempDir("lake");
    Result r = cli("backfill", "--from", "2026-11-01", "--to", "2026-11-02", "--steps", "ingest,conform", "--per-date",
        "--landing", landing.toString(), "--lake", lake.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(2, count(r.out(), "conform done"), r.out());
    List<RunReport> runs = reports(lake);
    assertEquals(List.of(List.of("2026-11-01"), List.of("2026-11-02")), runs.stream().map(RunReport::dates).toList());

    Path config = Files.writeString(newTempDir("config").resolve("socialcrm.properties"), "backfill.batch.days=1\n");
    Path batched = newTempDir("lake-batched");
    Result b = cli("backfill", "--from", "2026-11-01", "--to", "2026-11-02", "--steps", "ingest",
        "--landing", landing.toString(), "--lake", batched.toString(), "--config", config.toString());
    assertEquals(0, b.code(), b.err());
    assertEquals(2, reports(batched).size(), "batches of one date: one run each");

    Path bad = Files.writeString(newTempDir("config").resolve("socialcrm.properties"), "backfill.batch.days=0\n");
    assertOneLineError(cli("backfill", "--from", "2026-11-01", "--to", "2026-11-02", "--landing", landing.toString(),
        "--lake", batched.toString(), "--config", bad.toString()), 1, "backfill.batch.days");
  }

  @Test
  void aDateWithoutLandingDataFailsTheBatchBeforeAnythingIsWritten() throws IOException {
    Path landing = newTempDir("landing");
    LandingFixtureAccess.standard(landing);
    Path lake = newTempDir("lake");
    assertOneLineError(cli("backfill", "--from", "2026-11-01", "--to", "2026-11-03", "--steps", "ingest",
        "--landing", landing.toString(), "--lake", lake.toString()), 1, "no landing data for 2026-11-03");
    Assertions.assertFalse(Files.exists(lake.resolve("bronze")), "nothing was ingested");
    assertEquals(RunReport.FAILED, reports(lake).get(0).status());
  }

  @Test
  void batchesAreConsecutiveAndAtMostTheirSize() {
    LocalDate d = LocalDate.of(2026, 11, 1);
    assertEquals(List.of(List.of(d, d.plusDays(1), d.plusDays(2)), List.of(d.plusDays(3), d.plusDays(4), d.plusDays(5)),
        List.of(d.plusDays(6))), BackfillCommand.batches(d, d.plusDays(6), 3));
    assertEquals(List.of(List.of(d)), BackfillCommand.batches(d, d, 31));
  }
}
