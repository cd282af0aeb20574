package io.socialcrm.ingest;

import static io.socialcrm.ingest.LandingFixture.D1;
import static io.socialcrm.ingest.LandingFixture.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunListener;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Bronze ingestion end to end on real Spark and Delta: reconciliation, reruns, killed runs, late files. */
class BronzeIngestJobTest extends SparkTestBase {

  private PipelineRunner runner(Path landing, Path lake) {
    Settings s = Settings.defaults().with(Setting.LANDING, landing.toString()).with(Setting.LAKE, lake.toString());
    return new PipelineRunner(session(), s, Clock.systemUTC());
  }

  private RunReport ingest(Path landing, Path lake, LocalDate date) {
    return runner(landing, lake).run(date, List.of(Step.INGEST), RunListener.NONE);
  }

  /** A table's content without the columns that name the run (run id, ingestion time). */

  private static Map<String, RunReport.SourceCounts> byInput(RunReport r) {
    return r.sources().stream().collect(Collectors.toMap(RunReport.SourceCounts::input, s -> s));
  }

  @Test
  void everyRecordLandsOrIsQuarantinedAndCountsReconcile() throws IOException {
    Path landing = newTempDir("landing");
    Path lake = newTempDir("lake");
    LandingFixture.standard(landing);
    RunReport report = ingest(landing, lake, D1);

    assertEquals(RunReport.SUCCEEDED, report.status());
    Map<String, RunReport.SourceCounts> s = byInput(report);
    assertEquals(List.of(6L, 4L, 2L), List.of(s.get("x_posts").read(), s.get("x_posts").loaded(), s.get("x_posts").quarantined()));
    assertEquals(List.of(3L, 2L, 1L), List.of(s.get("facebook_comments").read(), s.get("facebook_comments").loaded(),
        s.get("facebook_comments").quarantined()));
    assertEquals(List.of(3L, 2L, 1L), List.of(s.get("orders").read(), s.get("orders").loaded(), s.get("orders").quarantined()));
    assertEquals(Map.of("malformed_record", 1L, "type_mismatch", 1L), s.get("x_posts").quarantineReasons());
    assertEquals(Map.of("duplicate_key", 1L), s.get("orders").quarantineReasons());
    for (RunReport.SourceCounts c : report.sources()) {
      assertEquals(c.read(), c.loaded() + c.quarantined(), c.input());
      assertEquals(0L, c.erased(), "nobody was erased: " + c.input());
    }
    assertEquals(0L, s.get("customers").read(), "inputs without files that day still report, with zero");

    // What the report says equals what the tables hold.
    Dataset<Row> bronze = session().read().format("delta").load(lake.resolve("bronze/x_posts").toString());
    assertEquals(4L, bronze.count());
    Dataset<Row> quarantine = session().read().format("delta").load(lake.resolve("quarantine/x").toString());
    assertEquals(2L, quarantine.count());
    assertEquals(2L, quarantine.filter("_input = 'x_posts'").count(), "a source's table names each reject's input");
    // Rejected records are kept whole, as they arrived, with file and line.
    Row malformed = quarantine.filter("_source_row = 6").head();
    assertEquals("{\"data\":{\"id\":\"106\"", malformed.getAs(RawRecords.RECORD));
    Assertions.assertTrue(((String) malformed.getAs(RawRecords.SOURCE_FILE)).endsWith("x_posts/2026-11-01/part-00000.jsonl"));
    // Bronze carries the ingestion metadata.
    Row first = bronze.filter("id = '101'").head();
    assertEquals(report.runId(), first.getAs(BronzeTables.RUN_ID));
    assertEquals(Date.valueOf(D1), first.getAs(BronzeTables.INGEST_DATE));
    assertEquals(1L, (long) first.<Long>getAs(RawRecords.SOURCE_ROW));

    // The run report on disk says the same.
    Path json = lake.resolve("_runs").resolve(report.runId() + ".json");
    RunReport onDisk = PipelineRunner.readReport(Files.readString(json));
    assertEquals(report.totals(), onDisk.totals());
    Assertions.assertTrue(onDisk.stepDurationsMs().containsKey("ingest"));
  }

  @Test
  void rerunOfADateGivesTheSameTables() throws IOException {
    Path landing = newTempDir("landing");
    Path lake = newTempDir("lake");
    LandingFixture.standard(landing);
    ingest(landing, lake, D1);
    ingest(landing, lake, D2);
    Dataset<Row> before = TableContent.of(session(), lake, "bronze", "x_posts").cache();
    Dataset<Row> qBefore = TableContent.of(session(), lake, "quarantine", "x").cache();
    before.count();
    qBefore.count();
    RunReport again = ingest(landing, lake, D1);
    assertEquals(InputResult.UNCHANGED, byInput(again).get("x_posts").status(), "the files are as loaded");
    RunReport forced = runner(landing, lake).run(List.of(D1), List.of(Step.INGEST), true, RunListener.NONE);
    assertEquals(6L, before.count());
    assertDataFrameNoOrderEquals(before, TableContent.of(session(), lake, "bronze", "x_posts"));
    assertDataFrameNoOrderEquals(qBefore, TableContent.of(session(), lake, "quarantine", "x"));
    assertEquals(4L, byInput(forced).get("x_posts").loaded());
  }

  @Test
  void aRunKilledPartWayThenRerunLeavesNoPartialOrDuplicateData() throws IOException {
    Path landing = newTempDir("landing");
    LandingFixture.standard(landing);
    Path clean = newTempDir("clean-lake");
    ingest(landing, clean, D1);

    Path lake = newTempDir("lake");
    // Killed after the first inputs were committed ...
    RunListener killer = new RunListener() {
      int done;

      @Override
      public void inputDone(Step step, InputResult r) {
        if (++done == 3) {
          throw new IllegalStateException("killed");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> runner(landing, lake).run(D1, List.of(Step.INGEST), killer));
    // ... and while a writer had written data files but not committed them.
    Path partition = lake.resolve("bronze/facebook_comments/_ingest_date=2026-11-01");
    Path orphan = partition.resolve("part-99999-killed.snappy.parquet");
    Files.copy(Files.list(partition).filter(p -> p.toString().endsWith(".parquet"))
        .findFirst().orElseThrow(), orphan);
    List<Path> failed = Files.list(lake.resolve("_runs")).filter(p -> p.toString().endsWith(".json")).toList();
    assertEquals(1, failed.size());
    assertEquals(RunReport.FAILED, PipelineRunner.readReport(Files.readString(failed.get(0))).status());

    ingest(landing, lake, D1);
    for (String table : List.of("x_posts", "facebook_comments", "orders")) {
      assertDataFrameNoOrderEquals(TableContent.of(session(), clean, "bronze", table), TableContent.of(session(), lake, "bronze", table));
    }
    for (String source : List.of("x", "facebook", "crm")) {
      assertDataFrameNoOrderEquals(TableContent.of(session(), clean, "quarantine", source), TableContent.of(session(), lake, "quarantine", source));
    }
  }

  @Test
  void aLateFileIsTakenInWhenItsDateIsRerun() throws IOException {
    Path landing = newTempDir("landing");
    Path lake = newTempDir("lake");
    LandingFixture.standard(landing);
    ingest(landing, lake, D1);
    ingest(landing, lake, D2);
    LandingFixture.write(landing, "x_posts", D1, "part-00001-late.jsonl", List.of(
        ContractValidationTest.post("107", "42", "2026-11-01T22:00:00.000Z", "0", "")));
    RunReport rerun = ingest(landing, lake, D1);
    assertEquals(2, byInput(rerun).get("x_posts").files().size());
    Dataset<Row> bronze = session().read().format("delta").load(lake.resolve("bronze/x_posts").toString());
    assertEquals(5L, bronze.filter("_ingest_date = '2026-11-01'").count());
    assertEquals(2L, bronze.filter("_ingest_date = '2026-11-02'").count());
    assertEquals(1L, bronze.filter("id = '107'").count());
  }

  @Test
  void aDateWithoutLandingDataIsAClearError() throws IOException {
    Path landing = newTempDir("landing");
    LandingFixture.standard(landing);
    SocialCrmException e = assertThrows(SocialCrmException.class,
        () -> ingest(landing, newTempDir("lake"), LocalDate.of(2030, 1, 1)));
    assertEquals("no_landing_data", e.code());
    SocialCrmException missing = assertThrows(SocialCrmException.class,
        () -> ingest(landing.resolve("nope"), newTempDir("lake"), D1));
    assertEquals("landing_not_found", missing.code());
  }
}
