package io.socialcrm.orchestration.airflow;

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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.orchestration.airflow.FakeAirflow.Reply;
import io.socialcrm.orchestration.airflow.FakeAirflow.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The Airflow client against a local server playing Airflow 3: the exact requests it sends (paths, methods,
 * bodies, tokens), what it makes of the answers, and every fault ending as one line without the password.
 */
class AirflowClientTest {
  static final String PASSWORD = "s3cret-Pw#42";
  static final String DAG = "/api/v2/dags/socialcrm_nightly";
  static final String RUN = DAG + "/dagRuns/" + RUN_ID;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private FakeAirflow airflow;

  @BeforeEach
  void start() {
    airflow = new FakeAirflow("admin", PASSWORD);
    airflow.on("GET", DAG + "/details", Reply.ok(dagDetails("2026-10-01T00:00:00Z")));
  }

  @AfterEach
  void stop() {
    airflow.close();
  }

  private AirflowClient client() {
    return client(airflow.url(), PASSWORD, Duration.ofSeconds(5));
  }

  private AirflowClient client(URI url, String password, Duration readTimeout) {
    return new AirflowClient(new AirflowConnection(url, new AirflowCredentials("admin", password),
        "socialcrm_nightly", Duration.ofSeconds(2), readTimeout),
        new RetryPolicy(3, Duration.ofMillis(500), sleeps::add));
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  /** The call fails with {@code code}, on one line, and neither it nor its causes show the password. */
  private static SocialCrmException fails(String code, Executable call) {
    SocialCrmException e = assertThrows(SocialCrmException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), "no password in: " + t.getMessage());
    }
    return e;
  }

  // ---- happy paths: the exact requests

  @Test
  void triggerGetsATokenThenPostsTheRunWithTheBearerToken() throws IOException {
    airflow.on("POST", DAG + "/dagRuns", Reply.ok(dagRun(RUN_ID, "queued")));
    DagRun run = client().trigger(LocalDate.of(2026, 11, 1));

    List<Request> all = airflow.requests();
    assertEquals(3, all.size(), all.toString());
    Request login = all.get(0);
    assertEquals("POST", login.method());
    assertEquals("/auth/token", login.path());
    assertTrue(login.contentType().startsWith("application/json"), login.contentType());
    assertEquals(json("{\"username\": \"admin\", \"password\": \"" + PASSWORD + "\"}"), login.json());
    assertNull(login.authorization(), "no token to get a token");

    Request details = all.get(1);
    assertEquals("GET " + DAG + "/details", details.method() + " " + details.path(), "the start date is checked first");
    assertEquals("Bearer tok-1", details.authorization());
    Request trigger = all.get(2);
    assertEquals("POST", trigger.method());
    assertEquals(DAG + "/dagRuns", trigger.path());
    assertEquals("Bearer tok-1", trigger.authorization());
    assertEquals(json("{\"logical_date\": \"2026-11-01T00:00:00Z\", \"data_interval_start\": \"2026-11-01T00:00:00Z\","
            + " \"data_interval_end\": \"2026-11-02T00:00:00Z\", \"conf\": {}}"), trigger.json(),
        "the logical date and data interval of the scheduled run of 2026-11-01; dag_run_id left to Airflow");

    assertEquals(RUN_ID, run.dagRunId());
    assertEquals("socialcrm_nightly", run.dagId());
    assertEquals("queued", run.state());
    assertEquals("manual", run.runType());
    assertEquals(OffsetDateTime.parse("2026-11-01T00:00:00Z"), run.logicalDate());
    assertEquals(OffsetDateTime.parse("2026-11-02T00:00:00Z"), run.dataIntervalEnd());
    assertEquals(OffsetDateTime.parse("2026-11-02T03:00:01.5Z"), run.startDate());
    assertNull(run.endDate());
    assertFalse(run.finished());
  }

  @Test
  void aGivenRunIdAndANullLogicalDateAreSentAsSuch() throws IOException {
    airflow.on("POST", DAG + "/dagRuns", Reply.ok(dagRun("mine", "queued")));
    client().trigger(null, "mine", Map.of("full", true));
    assertEquals(json("{\"dag_run_id\": \"mine\", \"logical_date\": null, \"conf\": {\"full\": true}}"),
        airflow.apiRequests().get(0).json());
  }

  @Test
  void aDayBeforeTheDagsStartDateIsRefusedWithoutARunAndTheStartDayItselfIsTriggered() {
    airflow.on("GET", DAG + "/details", Reply.ok(dagDetails("2026-11-01T00:00:00Z")));
    airflow.on("POST", DAG + "/dagRuns", Reply.ok(dagRun(RUN_ID, "queued")));
    SocialCrmException e = fails("airflow_before_start_date", () -> client().trigger(LocalDate.of(2026, 10, 31)));
    assertEquals("cannot trigger DAG 'socialcrm_nightly' for 2026-10-31: it is before the DAG's start date 2026-11-01"
        + " (Airflow would make a run without tasks); use 'socialcrm airflow backfill --from 2026-10-31 --to"
        + " 2026-10-31'", e.getMessage());
    assertTrue(airflow.requests("POST", DAG + "/dagRuns").isEmpty(), "no run made");
    assertEquals(RUN_ID, client().trigger(LocalDate.of(2026, 11, 1)).dagRunId());
    assertEquals(1, airflow.requests("POST", DAG + "/dagRuns").size());
  }

  @Test
  void statusReadsTheLatestRunAndItsTaskInstancesWithOneToken() {
    airflow.on("GET", DAG + "/dagRuns", Reply.ok(dagRuns(dagRun(RUN_ID, "running"))));
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "running")));
    airflow.on("GET", RUN + "/taskInstances",
        Reply.ok(taskInstances(taskInstance("ingest", "success", 1), taskInstance("conform", "running", 2))));
    AirflowClient client = client();

    DagRun latest = client.runOrLatest(null);
    DagRun same = client.run(RUN_ID);
    List<TaskInstance> tasks = client.taskInstances(RUN_ID);

    List<Request> api = airflow.apiRequests();
    assertEquals("order_by=-logical_date&limit=1", api.get(0).query());
    assertEquals(RUN, api.get(1).path(), "the run id's ':' and '+' survive the path");
    assertTrue(api.get(1).query() == null);
    assertEquals(RUN + "/taskInstances", api.get(2).path());
    api.forEach(r -> assertEquals("GET", r.method()));
    api.forEach(r -> assertEquals("Bearer tok-1", r.authorization()));
    assertEquals(1, airflow.tokensIssued(), "the token is reused");

    assertEquals(RUN_ID, latest.dagRunId());
    assertEquals(latest, same);
    assertEquals(2, tasks.size());
    TaskInstance conform = tasks.get(1);
    assertEquals("conform", conform.taskId());
    assertEquals("running", conform.state());
    assertEquals(2, conform.tryNumber());
    assertEquals(-1, conform.mapIndex());
    assertEquals(300.25, conform.duration());
    assertEquals(300.0, conform.seconds(), "shown: end minus start (Airflow's duration can be off, even negative)");
    assertEquals(12.5, new TaskInstance("ingest", RUN_ID, -1, "running", 1, conform.startDate(), null, 12.5).seconds(),
        "no end yet: Airflow's duration");
    assertEquals(OffsetDateTime.parse("2026-11-02T03:05:05Z"), conform.endDate());
  }

  @Test
  void taskInstancesAreReadPageByPage() {
    String first = "{\"task_instances\": [" + taskInstance("a", "success", 1) + "], \"total_entries\": 2}";
    String second = "{\"task_instances\": [" + taskInstance("b", "failed", 1) + "], \"total_entries\": 2}";
    airflow.on("GET", RUN + "/taskInstances", Reply.ok(first), Reply.ok(second));
    List<TaskInstance> tasks = client().taskInstances(RUN_ID);
    assertEquals(List.of("a", "b"), tasks.stream().map(TaskInstance::taskId).toList());
    assertEquals(List.of("limit=100&offset=0", "limit=100&offset=1"),
        airflow.apiRequests().stream().map(Request::query).toList());
  }

  @Test
  void noRunsYetIsAClearError() {
    airflow.on("GET", DAG + "/dagRuns", Reply.ok(dagRuns()));
    SocialCrmException e = fails("airflow_not_found", () -> client().runOrLatest(null));
    assertTrue(e.getMessage().contains("DAG 'socialcrm_nightly' has no runs"), e.getMessage());
  }

  @Test
  void logsAreReadAsStructuredJsonAsLinesOrAsPlainText() {
    String path = RUN + "/taskInstances/ingest/logs/2";
    airflow.on("GET", path, Reply.ok("""
        {"content": [{"event": "::group::Log message source details", "sources": ["/logs/x.log"]},
                     {"timestamp": "2026-11-02T03:00:06.1Z", "event": "ingest started", "level": "info",
                      "logger": "airflow.task"},
                     {"timestamp": "2026-11-02T03:04:59Z", "event": "read 1200 records", "level": "warning"}],
         "continuation_token": null}
        """), Reply.ok("{\"content\": [\"line one\", \"line two\"], \"continuation_token\": null}"),
        Reply.text("plain log\nsecond line\n"));
    AirflowClient client = client();

    assertEquals("::group::Log message source details\n"
        + "[2026-11-02T03:00:06.1Z] INFO - ingest started\n"
        + "[2026-11-02T03:04:59Z] WARNING - read 1200 records\n", client.log(RUN_ID, "ingest", 2));
    assertEquals("line one\nline two\n", client.log(RUN_ID, "ingest", 2));
    assertEquals("plain log\nsecond line\n", client.log(RUN_ID, "ingest", 2));

    Request r = airflow.apiRequests().get(0);
    assertEquals(path, r.path());
    assertEquals("full_content=true", r.query());
    assertTrue(r.accept().startsWith("application/json"), "Airflow 3 answers 406 to text/plain alone: " + r.accept());
  }

  @Test
  void theLatestTryIsLoggedWhenNoneIsGivenAndAMissingTaskIsNamed() {
    airflow.on("GET", RUN + "/taskInstances", Reply.ok(taskInstances(taskInstance("ingest", "failed", 3))));
    airflow.on("GET", RUN + "/taskInstances/ingest/logs/3", Reply.text("third try\n"));
    AirflowClient client = client();
    assertEquals("third try\n", client.log(RUN_ID, "ingest"));
    SocialCrmException e = fails("airflow_not_found", () -> client.log(RUN_ID, "marts"));
    assertTrue(e.getMessage().contains("has no task 'marts': its tasks are ingest"), e.getMessage());
  }

  @Test
  void backfillPostsTheRangeAtMidnightUtc() throws IOException {
    airflow.on("POST", "/api/v2/backfills", Reply.ok(backfill()));
    Backfill b = client().backfill(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 5));
    Request r = airflow.apiRequests().get(0);
    assertEquals("POST", r.method());
    assertEquals("Bearer tok-1", r.authorization());
    assertEquals(json("""
        {"dag_id": "socialcrm_nightly", "from_date": "2026-11-01T00:00:00Z", "to_date": "2026-11-05T00:00:00Z",
         "run_backwards": false, "dag_run_conf": {}, "reprocess_behavior": "failed", "max_active_runs": 1}
        """), r.json());
    assertEquals(7L, b.id());
    assertEquals("failed", b.reprocessBehavior());
    assertEquals(OffsetDateTime.parse("2026-11-05T00:00:00Z"), b.toDate());
    assertNull(b.completedAt());
  }

  @Test
  void clearFailedPostsOnlyFailedForTheRunOrTheWholeDag() throws IOException {
    airflow.on("POST", DAG + "/clearTaskInstances", Reply.ok(taskInstances(taskInstance("marts", "failed", 1))));
    AirflowClient client = client();
    List<TaskInstance> cleared = client.clearFailed(RUN_ID);
    client.clearFailed(null);
    List<Request> api = airflow.apiRequests();
    assertEquals(json("{\"dry_run\": false, \"only_failed\": true, \"dag_run_id\": \"" + RUN_ID
        + "\", \"reset_dag_runs\": true}"), api.get(0).json());
    assertEquals(json("{\"dry_run\": false, \"only_failed\": true, \"reset_dag_runs\": true}"), api.get(1).json());
    assertEquals("marts", cleared.get(0).taskId());
  }

  @Test
  void unpausePatchesTheDag() throws IOException {
    airflow.on("PATCH", DAG, Reply.ok(dag(false)));
    Dag d = client().unpause();
    Request r = airflow.apiRequests().get(0);
    assertEquals("PATCH", r.method());
    assertEquals(DAG, r.path());
    assertEquals(json("{\"is_paused\": false}"), r.json());
    assertEquals(Boolean.FALSE, d.paused());
  }

  @Test
  void waitForPollsUntilTheRunFinishes() {
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "queued")), Reply.ok(dagRun(RUN_ID, "running")),
        Reply.ok(dagRun(RUN_ID, "failed")));
    List<String> seen = new CopyOnWriteArrayList<>();
    DagRun done = client().waitFor(RUN_ID, Duration.ofSeconds(30), Duration.ofMinutes(10), r -> seen.add(r.state()));
    assertEquals("failed", done.state());
    assertTrue(done.failed() && done.finished());
    assertEquals(List.of("queued", "running", "failed"), seen);
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30)), sleeps, "one poll interval between looks");
  }

  @Test
  void waitForGivesUpAfterTheTimeoutWithTheStateTheRunIsIn() {
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "running")));
    SocialCrmException e = fails("airflow_wait_timeout",
        () -> client().waitFor(RUN_ID, Duration.ofSeconds(40), Duration.ofMinutes(2)));
    assertTrue(e.getMessage().contains("is still running after waiting 2 min"), e.getMessage());
    assertEquals(List.of(Duration.ofSeconds(40), Duration.ofSeconds(40), Duration.ofSeconds(40)), sleeps);
    assertEquals(4, airflow.requests("GET", RUN).size());
  }

  // ---- faults

  @Test
  void aReadTimeoutIsRetriedAndTheNextAttemptSucceeds() {
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "running")).after(3_000), Reply.ok(dagRun(RUN_ID, "success")));
    DagRun r = client(airflow.url(), PASSWORD, Duration.ofMillis(300)).run(RUN_ID);
    assertEquals("success", r.state());
    assertEquals(2, airflow.requests("GET", RUN).size());
    assertEquals(List.of(Duration.ofMillis(500)), sleeps);
  }

  @Test
  void readTimeoutsEveryTimeEndAsOneLineNamingTheTimeout() {
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "running")).after(1_500));
    AirflowClient client = new AirflowClient(new AirflowConnection(airflow.url(),
        new AirflowCredentials("admin", PASSWORD), "socialcrm_nightly", Duration.ofSeconds(2), Duration.ofMillis(200)),
        new RetryPolicy(1, Duration.ofMillis(10), sleeps::add));
    SocialCrmException e = fails("airflow_unreachable", () -> client.run(RUN_ID));
    assertTrue(e.getMessage().contains("no answer within 0.2 s (airflow.timeout.seconds) after 2 attempts;"),
        e.getMessage());
  }

  @Test
  void a500IsRetriedAndTheNextAttemptSucceeds() {
    airflow.on("POST", DAG + "/dagRuns", Reply.detail(500, "Internal Server Error"), Reply.ok(dagRun(RUN_ID, "queued")));
    assertEquals(RUN_ID, client().trigger(LocalDate.of(2026, 11, 1)).dagRunId());
    assertEquals(2, airflow.requests("POST", DAG + "/dagRuns").size());
    assertEquals(List.of(Duration.ofMillis(500)), sleeps);
  }

  @Test
  void a500EveryTimeFailsAfterAllAttemptsWithBackoffAndAirflowsDetail() {
    airflow.on("GET", RUN, Reply.detail(503, "scheduler\\nis down"));
    SocialCrmException e = fails("airflow_request_failed", () -> client().run(RUN_ID));
    assertEquals("Airflow failed to read run '" + RUN_ID + "' of DAG 'socialcrm_nightly': HTTP 503: scheduler is down"
        + " (after 4 attempts)", e.getMessage());
    assertEquals(4, airflow.requests("GET", RUN).size());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
  }

  @Test
  void a4xxIsNotRetried() {
    airflow.on("POST", DAG + "/dagRuns", Reply.json(422, """
        {"detail": [{"type": "missing", "loc": ["body", "logical_date"], "msg": "Field required", "input": {}}]}
        """));
    SocialCrmException e = fails("airflow_request_failed", () -> client().trigger(LocalDate.of(2026, 11, 1)));
    assertTrue(e.getMessage().endsWith("HTTP 422: body.logical_date: Field required"), e.getMessage());
    assertEquals(1, airflow.requests("POST", DAG + "/dagRuns").size());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void badCredentialsOnTheTokenEndpointSaySoWithoutThePassword() {
    SocialCrmException e = fails("airflow_unauthorized",
        () -> client(airflow.url(), "wrong-" + PASSWORD, Duration.ofSeconds(5)).run(RUN_ID));
    assertTrue(e.getMessage().startsWith("Airflow at " + airflow.url() + " rejected the credentials of user 'admin'"
        + " (401: Invalid credentials)"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-"), e.getMessage());
    assertEquals(1, airflow.requests().size(), "no API call without a token, no retry of a 401");
  }

  @Test
  void aTokenEndpointEchoingThePasswordNeverLeaksIt() {
    airflow.on("POST", "/auth/token", Reply.json(422, "{\"detail\": [{\"loc\": [\"body\", \"username\"], "
        + "\"msg\": \"bad value\", \"input\": {\"password\": \"" + PASSWORD + "\"}}]}"),
        Reply.json(400, "{\"detail\": \"password " + PASSWORD + " is too short\"}"));
    SocialCrmException first = fails("airflow_unauthorized", () -> client().run(RUN_ID));
    assertTrue(first.getMessage().contains("(422: body.username: bad value)"), first.getMessage());
    SocialCrmException second = fails("airflow_unauthorized", () -> client().run(RUN_ID));
    assertTrue(second.getMessage().contains("(400: password **** is too short)"), second.getMessage());
  }

  @Test
  void a401OnAnApiCallGetsANewTokenOnceAndRepeatsTheCall() {
    airflow.on("GET", RUN, Reply.ok(dagRun(RUN_ID, "running")));
    AirflowClient client = client();
    client.run(RUN_ID);
    airflow.expireTokens();
    assertEquals("running", client.run(RUN_ID).state());
    assertEquals(2, airflow.tokensIssued());
    List<String> auth = airflow.requests("GET", RUN).stream().map(Request::authorization).toList();
    assertEquals(List.of("Bearer tok-1", "Bearer tok-1", "Bearer tok-2"), auth);
    assertTrue(sleeps.isEmpty(), "a refreshed token is no retry");
  }

  @Test
  void a401WithAFreshTokenTooFailsAfterOneRefresh() {
    airflow.on("GET", RUN, Reply.detail(401, "Invalid JWT token"));
    SocialCrmException e = fails("airflow_unauthorized", () -> client().run(RUN_ID));
    assertTrue(e.getMessage().contains("rejected a fresh token of user 'admin' to read run"), e.getMessage());
    assertEquals(2, airflow.requests("GET", RUN).size());
    assertEquals(2, airflow.tokensIssued());
  }

  @Test
  void forbiddenNamesTheUserAndTheCall() {
    airflow.on("POST", DAG + "/dagRuns", Reply.detail(403, "Forbidden"));
    SocialCrmException e = fails("airflow_forbidden", () -> client().trigger(LocalDate.of(2026, 11, 1)));
    assertTrue(e.getMessage().startsWith("Airflow does not allow user 'admin' to trigger DAG 'socialcrm_nightly' for"
        + " 2026-11-01 (403: Forbidden)"), e.getMessage());
  }

  @Test
  void notFoundNamesWhatIsMissing() {
    airflow.on("GET", DAG + "/dagRuns/nope", Reply.detail(404,
        "The DagRun with dag_id: `socialcrm_nightly` and run_id: `nope` was not found"));
    SocialCrmException run = fails("airflow_not_found", () -> client().run("nope"));
    assertTrue(run.getMessage().startsWith("Airflow has no run 'nope' of DAG 'socialcrm_nightly' (404: The DagRun"),
        run.getMessage());
    airflow.on("GET", DAG + "/details", Reply.detail(404, "The Dag with ID: `socialcrm_nightly` was not found"));
    SocialCrmException dag = fails("airflow_not_found", () -> client().trigger(LocalDate.of(2026, 11, 1)));
    assertTrue(dag.getMessage().startsWith("Airflow has no DAG 'socialcrm_nightly' (404"), dag.getMessage());
    SocialCrmException log = fails("airflow_not_found", () -> client().log("nope", "ingest", 1));
    assertTrue(log.getMessage().startsWith("Airflow has no task 'ingest' (try 1) in run 'nope'"), log.getMessage());
  }

  @Test
  void aRunThatExistsAlreadyIsAConflict() {
    airflow.on("POST", DAG + "/dagRuns", Reply.json(409, """
        {"detail": {"reason": "Unique constraint violation", "statement": "INSERT INTO dag_run ...",
                    "orig_error": "UNIQUE constraint failed: dag_run.dag_id, dag_run.logical_date",
                    "message": "Serious error when handling your request."}}
        """));
    SocialCrmException e = fails("airflow_conflict", () -> client().trigger(LocalDate.of(2026, 11, 1)));
    assertEquals("cannot trigger DAG 'socialcrm_nightly' for 2026-11-01: it already exists in"
        + " Airflow (409: Unique constraint violation (UNIQUE constraint failed: dag_run.dag_id,"
        + " dag_run.logical_date))", e.getMessage());
  }

  @Test
  void malformedJsonNamesTheCall() {
    airflow.on("GET", RUN, Reply.ok("<html>proxy says hi</html>"));
    SocialCrmException e = fails("airflow_bad_response", () -> client().run(RUN_ID));
    assertTrue(e.getMessage().startsWith("Airflow's answer to read run '" + RUN_ID + "' of DAG 'socialcrm_nightly'"
        + " is not the expected JSON: "), e.getMessage());
    airflow.on("GET", RUN, Reply.ok("{\"state\": \"running\"}"));
    SocialCrmException noId = fails("airflow_bad_response", () -> client().run(RUN_ID));
    assertTrue(noId.getMessage().endsWith("it has no dag_run_id"), noId.getMessage());
    airflow.on("POST", "/auth/token", Reply.json(201, "{\"token\": \"x\"}"));
    SocialCrmException noToken = fails("airflow_bad_response", () -> client().run(RUN_ID));
    assertTrue(noToken.getMessage().contains("get a token for user 'admin'"), noToken.getMessage());
  }

  @Test
  void anUnreachableServerNamesTheUrlAfterAllAttempts() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    SocialCrmException e = fails("airflow_unreachable", () -> client(url, PASSWORD, Duration.ofSeconds(5)).run(RUN_ID));
    assertTrue(e.getMessage().startsWith("cannot reach Airflow at " + url
        + ": connection refused after 4 attempts; is the API server running"),
        e.getMessage());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
  }

  @Test
  void credentialsAndConnectionsNeverShowThePassword() {
    AirflowCredentials c = new AirflowCredentials("admin", PASSWORD);
    AirflowConnection conn = new AirflowConnection(URI.create("http://airflow:8080/"), c, "d", Duration.ofSeconds(1),
        Duration.ofSeconds(2));
    assertEquals("AirflowCredentials[username=admin, password=****]", c.toString());
    assertFalse(conn.toString().contains(PASSWORD), conn.toString());
    assertEquals(URI.create("http://airflow:8080"), conn.baseUrl(), "a trailing slash is dropped");
    assertEquals("a **** b", c.redact("a " + PASSWORD + " b"));
  }
}
