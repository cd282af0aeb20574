package io.socialcrm.cli;

import static io.socialcrm.orchestration.airflow.AirflowJsonSamples.RUN_ID;
import static io.socialcrm.orchestration.airflow.AirflowJsonSamples.backfill;
import static io.socialcrm.orchestration.airflow.AirflowJsonSamples.dag;
import static io.socialcrm.orchestration.airflow.AirflowJsonSamples.dagDetails;
import static io.socialcrm.orchestration.airflow.AirflowJsonSamples.dagRun;
import static io.socialcrm.orchestration.airflow.AirflowJsonSamples.dagRuns;
import static io.socialcrm.orchestration.airflow.AirflowJsonSamples.taskInstance;
import static io.socialcrm.orchestration.airflow.AirflowJsonSamples.taskInstances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socialcrm.orchestration.airflow.FakeAirflow;
import io.socialcrm.orchestration.airflow.FakeAirflow.Reply;
import io.socialcrm.testing.CliRunner;
import io.socialcrm.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code socialcrm airflow ...} as a user meets it, against a local server playing Airflow 3, through the CLI's
 * own error handlers (SocialCrmCli's command line with the airflow command added when it is not registered yet).
 */
class AirflowCommandTest {
  private static final String PASSWORD = "cli-S3cret!";
  private static final String DAG = "/api/v2/dags/socialcrm_nightly";
  private static final String RUN = DAG + "/dagRuns/" + RUN_ID;

  private FakeAirflow airflow;
  private Path config;

  @BeforeEach
  void start() throws IOException {
    airflow = new FakeAirflow("admin", PASSWORD);
    airflow.on("GET", DAG + "/details", Reply.ok(dagDetails("2026-10-01T00:00:00Z")));
    config = Files.createTempFile("airflow-cli", ".properties");
    Files.writeString(config, "airflow.password=" + PASSWORD + "\n");
  }

  @AfterEach
  void stop() throws IOException {
    airflow.close();
    Files.deleteIfExists(config);
  }

  /** Runs {@code socialcrm airflow <args> --airflow-url <fake> --config <file>}, capturing what a user sees. */
  private Result airflow(String... args) {
    List<String> all = new ArrayList<>(List.of("airflow"));
    all.addAll(List.of(args));
    all.addAll(List.of("--airflow-url", airflow.url().toString(), "--config", config.toString()));
    return CliRunner.cli(all.toArray(new String[0]));
  }

  private static void assertNoPassword(Result r) {
    assertFalse(r.out().contains(PASSWORD) || r.err().contains(PASSWORD), "password shown: " + r);
  }

  @Test
  void triggerWaitPrintsTheRunIdTheFinalStateAndEachTasksStateAndExitsOneWhenTheRunFailed() {
    airflow.on("POST", DAG + "/dagRuns", Reply.ok(dagRun(RUN_ID, "queued")));
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "running")), Reply.ok(dagRun(RUN_ID, "failed")));
    airflow.on("GET", RUN + "/taskInstances",
        Reply.ok(taskInstances(taskInstance("ingest", "success", 1), taskInstance("marts", "failed", 2))));

    Result r = airflow("trigger", "--date", "2026-11-01", "--wait", "--poll-seconds", "1");

    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().startsWith("triggered run " + RUN_ID + " of DAG socialcrm_nightly for 2026-11-01 (queued)\n"),
        r.out());
    assertTrue(r.out().contains("  running\n"), r.out());
    assertTrue(r.out().contains("run " + RUN_ID + " failed\n"), r.out());
    assertTrue(r.out().matches("(?s).*\\| ingest +\\| success +\\| 1 +\\|.*"), r.out());
    assertTrue(r.out().matches("(?s).*\\| marts +\\| failed +\\| 2 +\\|.*"), r.out());
    assertEquals("", r.err());
    assertNoPassword(r);
    assertEquals("{\"logical_date\":\"2026-11-01T00:00:00Z\",\"data_interval_start\":\"2026-11-01T00:00:00Z\","
        + "\"data_interval_end\":\"2026-11-02T00:00:00Z\",\"conf\":{}}",
        airflow.requests("POST", DAG + "/dagRuns").get(0).body());
  }

  @Test
  void triggerWaitOfASuccessfulRunExitsZeroAndWithoutWaitOnlyTheRunIdIsPrinted() {
    airflow.on("POST", DAG + "/dagRuns", Reply.ok(dagRun(RUN_ID, "queued")));
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "success")));
    airflow.on("GET", RUN + "/taskInstances", Reply.ok(taskInstances(taskInstance("ingest", "success", 1))));
    Result waited = airflow("trigger", "--date", "2026-11-01", "--wait");
    assertEquals(0, waited.code(), waited.toString());
    assertTrue(waited.out().contains("run " + RUN_ID + " success\n"), waited.out());

    Result fired = airflow("trigger", "--date", "2026-11-01");
    assertEquals(0, fired.code(), fired.toString());
    assertEquals("triggered run " + RUN_ID + " of DAG socialcrm_nightly for 2026-11-01 (queued)\n", fired.out());
  }

  @Test
  void badCredentialsPrintOneErrorLineWithoutThePassword() throws IOException {
    Files.writeString(config, "airflow.password=wrong-" + PASSWORD + "\n");
    Result r = airflow("status");
    CliRunner.assertOneLineError(r, 1, "rejected the credentials of user 'admin' (401: Invalid credentials)");
    assertNoPassword(r);
    assertEquals("", r.out());
  }

  @Test
  void statusPrintsTheLatestRunAndItsTasks() {
    airflow.on("GET", DAG + "/dagRuns", Reply.ok(dagRuns(dagRun(RUN_ID, "running"))));
    airflow.on("GET", RUN + "/taskInstances", Reply.ok(taskInstances(taskInstance("conform", "running", 1))));
    Result r = airflow("status");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("run " + RUN_ID + " of DAG socialcrm_nightly: running\n"
        + "  logical date 2026-11-01T00:00Z, type manual, started 2026-11-02T03:00:01.500Z, ended -\n"), r.out());
    assertTrue(r.out().matches("(?s).*\\| conform +\\| running +\\|.*"), r.out());
  }

  @Test
  void logsBackfillClearAndUnpausePrintWhatAirflowDid() {
    airflow.on("GET", RUN + "/taskInstances", Reply.ok(taskInstances(taskInstance("marts", "failed", 2))));
    airflow.on("GET", RUN + "/taskInstances/marts/logs/2", Reply.ok("{\"content\": [\"boom\"]}"));
    airflow.on("GET", RUN + "/taskInstances/marts/logs/1", Reply.ok("{\"content\": [\"first try\"]}"));
    airflow.on("POST", "/api/v2/backfills", Reply.ok(backfill()));
    airflow.on("POST", DAG + "/clearTaskInstances", Reply.ok(taskInstances(taskInstance("marts", "failed", 2))));
    airflow.on("PATCH", DAG, Reply.ok(dag(false)));

    Result logs = airflow("logs", "--task", "marts", "--run", RUN_ID);
    assertEquals(0, logs.code(), logs.toString());
    assertEquals("boom\n", logs.out());
    assertEquals("first try\n", airflow("logs", "--task", "marts", "--run", RUN_ID, "--try", "1").out());

    Result b = airflow("backfill", "--from", "2026-11-01", "--to", "2026-11-05");
    assertEquals(0, b.code(), b.toString());
    assertEquals("backfill 7 of DAG socialcrm_nightly created: 2026-11-01T00:00Z to 2026-11-05T00:00Z, "
        + "reprocess failed, 1 run(s) at a time\n", b.out());

    Result clear = airflow("clear", "--failed", "--run", RUN_ID);
    assertEquals(0, clear.code(), clear.toString());
    assertEquals("cleared 1 task(s) of run " + RUN_ID + ": marts\n", clear.out());
    assertEquals(RUN_ID, airflow.requests("POST", DAG + "/clearTaskInstances").get(0).json().get("dag_run_id").asText());

    Result unpause = airflow("unpause");
    assertEquals(0, unpause.code(), unpause.toString());
    assertEquals("DAG socialcrm_nightly is unpaused\n", unpause.out());
  }

  @Test
  void backfillWaitPrintsEachRunOfTheRangeAndExitsOneWhenOneFailed() {
    airflow.on("POST", "/api/v2/backfills", Reply.ok(backfill()));
    airflow.on("GET", "/api/v2/backfills/7", Reply.ok(backfill(null)), Reply.ok(backfill("2026-11-06T11:00:00Z")));
    airflow.on("GET", DAG + "/dagRuns", Reply.ok(dagRuns(dagRun("backfill__2026-11-01T00:00:00+00:00", "success"),
        dagRun("backfill__2026-11-02T00:00:00+00:00", "failed"))));

    Result b = airflow("backfill", "--from", "2026-11-01", "--to", "2026-11-02", "--wait", "--poll-seconds", "1");

    assertEquals(1, b.code(), b.toString());
    assertTrue(b.out().contains(" success  backfill__2026-11-01T00:00:00+00:00\n"), b.out());
    assertTrue(b.out().contains(" failed   backfill__2026-11-02T00:00:00+00:00\n"), b.out());
    assertTrue(b.out().endsWith("backfill 7 complete at 2026-11-06T11:00Z: 2 run(s), 1 failed\n"), b.out());
    assertEquals(2, airflow.requests("GET", "/api/v2/backfills/7").size(), "polled until complete");
    assertEquals("run_type=backfill&logical_date_gte=2026-11-01T00:00:00Z&logical_date_lte=2026-11-02T00:00:00Z"
        + "&order_by=logical_date&limit=100", airflow.requests("GET", DAG + "/dagRuns").get(0).query());
  }

  @Test
  void clearWaitWaitsForTheClearedRunToEndAgain() {
    airflow.on("POST", DAG + "/clearTaskInstances", Reply.ok(taskInstances(taskInstance("ingest", "failed", 1),
        taskInstance("conform", "upstream_failed", 0))));
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "running")), Reply.ok(dagRun(RUN_ID, "success")));
    airflow.on("GET", RUN + "/taskInstances", Reply.ok(taskInstances(taskInstance("ingest", "success", 2),
        taskInstance("conform", "success", 1))));

    Result c = airflow("clear", "--failed", "--run", RUN_ID, "--wait", "--poll-seconds", "1");

    assertEquals(0, c.code(), c.toString());
    assertTrue(c.out().startsWith("cleared 2 task(s) of run " + RUN_ID + ": ingest, conform\n  running\n  success\nrun "
        + RUN_ID + " success\n"), c.out());
    assertTrue(c.out().matches("(?s).*\\| ingest +\\| success +\\| 2 +\\|.*"), c.out());
  }

  @Test
  void triggerOnAPausedDagSaysTheRunStaysQueued() {
    airflow.on("GET", DAG + "/details", Reply.ok(dagDetails("2026-10-01T00:00:00Z", true)));
    airflow.on("POST", DAG + "/dagRuns", Reply.ok(dagRun(RUN_ID, "queued")));
    Result r = airflow("trigger", "--date", "2026-11-01");
    assertEquals(0, r.code(), r.toString());
    assertEquals("note: DAG socialcrm_nightly is paused: the run stays queued until 'socialcrm airflow unpause'\n",
        r.err());
  }

  @Test
  void badArgumentsExitTwoBeforeAnyRequest() {
    CliRunner.assertOneLineError(airflow("trigger", "--date", "2026-13-01"), 2, "invalid --date '2026-13-01'");
    CliRunner.assertOneLineError(airflow("backfill", "--from", "2026-11-05", "--to", "2026-11-01"), 2,
        "invalid date range");
    CliRunner.assertOneLineError(airflow("clear"), 2, "--failed");
    CliRunner.assertOneLineError(CliRunner.cli("airflow", "trigger", "--date", "2026-11-01", "--airflow-password", "x"), 2,
        "--airflow-password");
    assertTrue(airflow.requests().isEmpty(), airflow.requests().toString());
  }

  @Test
  void helpOnEverySubcommand() {
    for (String sub : List.of("trigger", "status", "logs", "backfill", "clear", "unpause")) {
      Result r = CliRunner.cli("airflow", sub, "--help");
      assertEquals(0, r.code(), sub);
      assertTrue(r.out().contains("Usage: socialcrm airflow " + sub), r.out());
    }
  }
}
