package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A client of Apache Airflow 3's stable REST API (v2) for one DAG: trigger a run for a date, read runs, their task
 * instances and task logs, backfill a range of dates, clear failed tasks, unpause the DAG, wait for a run to finish.
 *
 * <p>It gets a JWT from {@code POST {base}/auth/token} and sends it as {@code Authorization: Bearer} on every
 * {@code /api/v2} call; when a call answers 401 (the token expired) it gets a new token once and repeats the call
 * once. Connection errors, timeouts and HTTP 5xx are retried as the {@link RetryPolicy} says; 4xx never. Every
 * failure ends as one {@link io.socialcrm.common.SocialCrmException} from {@link Errors}, on one line, naming the
 * call, Airflow's status and its {@code detail}; the password never appears in one.
 */
public final class AirflowClient {
  private static final String API = "/api/v2";
  private static final String JSON = "application/json";
  /** Airflow 3 answers logs as JSON (it refuses {@code text/plain} with 406); a plain-text answer is read too. */
  private static final String LOG_ACCEPT = "application/json, text/plain;q=0.9";
  private static final int DETAIL_MAX = 300;
  private static final int PAGE = 100;

  private final AirflowConnection connection;
  private final RetryPolicy retry;
  private final HttpClient http;
  private final ObjectMapper json = AirflowJson.mapper();
  private String token;

  public AirflowClient(AirflowConnection connection) {
    this(connection, RetryPolicy.DEFAULT);
  }

  public AirflowClient(AirflowConnection connection, RetryPolicy retry) {
    this.connection = connection;
    this.retry = retry;
    this.http = HttpClient.newBuilder()
        .connectTimeout(connection.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public String dagId() {
    return connection.dagId();
  }

  /**
   * Triggers a run of the DAG that processes day {@code date}; Airflow names the run. The run is sent with logical
   * date {@code date} 00:00 UTC and the explicit data interval [date, date + 1): the same logical date and interval
   * as the scheduled run of that day, so the scheduler does not run the day again, and no other day's run is
   * taken. A day before the DAG's start date is refused (Airflow would make a run without tasks): backfill it.
   */
  public DagRun trigger(LocalDate date) {
    return trigger(date, details());
  }

  /** {@link #trigger(LocalDate)} with the DAG's details already read ({@link #details()}). */
  public DagRun trigger(LocalDate date, Dag dag) {
    OffsetDateTime start = utcMidnight(date);
    if (dag.startDate() != null && start.isBefore(dag.startDate())) {
      throw Errors.airflowBeforeStartDate(date, dagId(), dag.startDate().atZoneSameInstant(ZoneOffset.UTC)
          .toLocalDate());
    }
    Call c = Call.post("trigger DAG '" + dagId() + "' for " + date, dagPath() + "/dagRuns",
        new ApiBodies.TriggerDagRun(null, start, start, start.plusDays(1), Map.of()), dagName());
    return requireRunId(c, send(c, DagRun.class));
  }

  /** The DAG's details: its id, whether it is paused and its start date. */
  public Dag details() {
    Call c = Call.get("read DAG '" + dagId() + "'", dagPath() + "/details", dagName());
    return send(c, Dag.class);
  }

  /** Triggers a run; {@code runId} null lets Airflow name it, {@code logicalDate} null makes a run without one. */
  public DagRun trigger(OffsetDateTime logicalDate, String runId, Map<String, Object> conf) {
    Call c = Call.post("trigger DAG '" + dagId() + "' for logical date "
            + (logicalDate == null ? "none" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(logicalDate)),
        dagPath() + "/dagRuns", new ApiBodies.TriggerDagRun(runId, logicalDate, null, null, conf == null ? Map.of() : conf),
        dagName());
    return requireRunId(c, send(c, DagRun.class));
  }

  /** The run {@code runId} of the DAG. */
  public DagRun run(String runId) {
    Call c = Call.get("read run '" + runId + "' of DAG '" + dagId() + "'", runPath(runId), runName(runId));
    return requireRunId(c, send(c, DagRun.class));
  }

  /** Up to {@code limit} runs of the DAG, the latest logical date first. */
  public List<DagRun> runs(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
    Call c = Call.get("list the runs of DAG '" + dagId() + "'",
        dagPath() + "/dagRuns?order_by=-logical_date&limit=" + limit, dagName());
    ApiBodies.DagRuns runs = send(c, ApiBodies.DagRuns.class);
    if (runs.dagRuns() == null) {
      throw Errors.airflowBadResponse(c.what(), "no dag_runs list");
    }
    return List.copyOf(runs.dagRuns());
  }

  /** The run with the latest logical date, if the DAG has any. */
  public Optional<DagRun> latestRun() {
    return runs(1).stream().findFirst();
  }

  /** The run {@code runId}, or the latest run when {@code runId} is null (an error when there is none). */
  public DagRun runOrLatest(String runId) {
    return runId == null ? latestRun().orElseThrow(() -> Errors.airflowNoRuns(dagId())) : run(runId);
  }

  /** {@code runId} itself, or the id of the latest run when it is null (an error when there is none). */
  public String runIdOrLatest(String runId) {
    return runId != null ? runId : runOrLatest(null).dagRunId();
  }

  /** Every task instance of run {@code runId} (all pages). */
  public List<TaskInstance> taskInstances(String runId) {
    List<TaskInstance> all = new ArrayList<>();
    while (true) {
      Call c = Call.get("list the task instances of run '" + runId + "' of DAG '" + dagId() + "'",
          runPath(runId) + "/taskInstances?limit=" + PAGE + "&offset=" + all.size(), runName(runId));
      ApiBodies.TaskInstances page = send(c, ApiBodies.TaskInstances.class);
      if (page.taskInstances() == null) {
        throw Errors.airflowBadResponse(c.what(), "no task_instances list");
      }
      all.addAll(page.taskInstances());
      boolean more = page.totalEntries() != null && all.size() < page.totalEntries();
      if (page.taskInstances().isEmpty() || !more) {
        return List.copyOf(all);
      }
    }
  }

  /** The log of try {@code tryNumber} of task {@code taskId} in run {@code runId}, as text (one line per event). */
  public String log(String runId, String taskId, int tryNumber) {
    String what = "task '" + taskId + "' (try " + tryNumber + ") in run '" + runId + "' of DAG '" + dagId() + "'";
    Call c = new Call("read the log of " + what, "GET",
        runPath(runId) + "/taskInstances/" + segment(taskId) + "/logs/" + tryNumber + "?full_content=true", null,
        LOG_ACCEPT, what, true);
    HttpResponse<String> r = exchange(c);
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("text/plain")) {
      return r.body();
    }
    return render(parse(c, r.body(), ApiBodies.Log.class).content());
  }

  /** The log of the latest try of task {@code taskId} in run {@code runId}. */
  public String log(String runId, String taskId) {
    List<TaskInstance> tasks = taskInstances(runId);
    TaskInstance task = tasks.stream().filter(t -> taskId.equals(t.taskId())).findFirst()
        .orElseThrow(() -> Errors.airflowNoTask(taskId, runId, dagId(),
            tasks.stream().map(TaskInstance::taskId).distinct().toList()));
    return log(runId, taskId, Math.max(1, task.tryNumber() == null ? 1 : task.tryNumber()));
  }

  /**
   * Backfills the DAG for the logical dates {@code from} to {@code to} (00:00 UTC each): Airflow creates the
   * missing runs one at a time, oldest first, and runs again the dates whose run failed.
   */
  public Backfill backfill(LocalDate from, LocalDate to) {
    OffsetDateTime start = utcMidnight(from);
    OffsetDateTime end = utcMidnight(to);
    Call c = Call.post("backfill DAG '" + dagId() + "' from " + from + " to " + to, API + "/backfills",
        new ApiBodies.BackfillPost(dagId(), start, end, false, Map.of(), "failed", 1), dagName());
    return send(c, Backfill.class);
  }

  /** The backfill {@code id} as it is now ({@code completedAt} is set once all its runs have finished). */
  public Backfill backfill(long id) {
    Call c = Call.get("read backfill " + id, API + "/backfills/" + id, "backfill " + id);
    return send(c, Backfill.class);
  }

  /** The DAG's backfill runs with logical dates {@code from} to {@code to}, oldest first. */
  public List<DagRun> backfillRuns(LocalDate from, LocalDate to) {
    String range = "logical_date_gte=" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(utcMidnight(from))
        + "&logical_date_lte=" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(utcMidnight(to));
    Call c = Call.get("list the backfill runs of DAG '" + dagId() + "' from " + from + " to " + to,
        dagPath() + "/dagRuns?run_type=backfill&" + range + "&order_by=logical_date&limit=" + PAGE, dagName());
    ApiBodies.DagRuns runs = send(c, ApiBodies.DagRuns.class);
    if (runs.dagRuns() == null) {
      throw Errors.airflowBadResponse(c.what(), "no dag_runs list");
    }
    return List.copyOf(runs.dagRuns());
  }

  /**
   * Reads backfill {@code id} every {@code pollInterval} until it is complete and returns it; past {@code timeout}
   * it fails naming the backfill.
   */
  public Backfill waitForBackfill(long id, Duration pollInterval, Duration timeout) {
    return await(() -> backfill(id), b -> b.completedAt() != null, b -> { }, pollInterval, timeout,
        "backfill " + id + " of DAG '" + dagId() + "'", b -> "running");
  }

  /**
   * Clears the failed task instances of run {@code runId} (of every run when null) so the scheduler runs them
   * again, and sets their runs back to queued; returns the task instances cleared.
   */
  public List<TaskInstance> clearFailed(String runId) {
    Call c = Call.post("clear the failed tasks of " + (runId == null ? "" : "run '" + runId + "' of ") + "DAG '"
            + dagId() + "'", dagPath() + "/clearTaskInstances",
        new ApiBodies.ClearTaskInstances(false, true, runId, true), runId == null ? dagName() : runName(runId));
    ApiBodies.TaskInstances cleared = send(c, ApiBodies.TaskInstances.class);
    return cleared.taskInstances() == null ? List.of() : List.copyOf(cleared.taskInstances());
  }

  /** Unpauses the DAG (a paused DAG's triggered runs stay queued). */
  public Dag unpause() {
    Call c = new Call("unpause DAG '" + dagId() + "'", "PATCH", dagPath(), new ApiBodies.DagPatch(false), JSON,
        dagName(), true);
    return send(c, Dag.class);
  }

  /** {@link #waitFor(String, Duration, Duration, Consumer)} without a listener. */
  public DagRun waitFor(String runId, Duration pollInterval, Duration timeout) {
    return waitFor(runId, pollInterval, timeout, r -> { });
  }

  /**
   * Reads run {@code runId} every {@code pollInterval} until it is success or failed and returns it; every run
   * read goes to {@code onPoll}. Past {@code timeout} it fails with the state the run is still in.
   */
  public DagRun waitFor(String runId, Duration pollInterval, Duration timeout, Consumer<DagRun> onPoll) {
    return await(() -> run(runId), DagRun::finished, onPoll, pollInterval, timeout,
        "run '" + runId + "' of DAG '" + dagId() + "'", DagRun::state);
  }

  /** Reads {@code read} every {@code pollInterval} (each read to {@code onPoll}) until {@code done}. */
  private <T> T await(Supplier<T> read, Predicate<T> done, Consumer<T> onPoll, Duration pollInterval,
                      Duration timeout, String what, Function<T, String> state) {
    long start = System.nanoTime();
    Duration slept = Duration.ZERO;
    while (true) {
      T r = read.get();
      onPoll.accept(r);
      if (done.test(r)) {
        return r;
      }
      Duration ran = Duration.ofNanos(System.nanoTime() - start);
      Duration elapsed = ran.compareTo(slept) > 0 ? ran : slept;
      if (elapsed.compareTo(timeout) >= 0) {
        throw Errors.airflowWaitTimedOut(what, timeout, state.apply(r));
      }
      Duration left = timeout.minus(elapsed);
      Duration nap = pollInterval.compareTo(left) < 0 ? pollInterval : left;
      pause(nap, "wait for " + what);
      slept = slept.plus(nap);
    }
  }

  private static OffsetDateTime utcMidnight(LocalDate day) {
    return day.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  // ---- HTTP

  /** One API call: what it does (for messages), the request, and what a 404 means is missing. */
  private record Call(String what, String method, String path, Object body, String accept, String missing,
                      boolean authenticated) {
    static Call get(String what, String path, String missing) {
      return new Call(what, "GET", path, null, JSON, missing, true);
    }

    static Call post(String what, String path, Object body, String missing) {
      return new Call(what, "POST", path, body, JSON, missing, true);
    }
  }

  private <T> T send(Call c, Class<T> type) {
    return parse(c, exchange(c).body(), type);
  }

  private <T> T parse(Call c, String body, Class<T> type) {
    T value;
    try {
      value = body == null || body.isBlank() ? null : json.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw Errors.airflowBadResponse(c.what(), oneLine(e.getOriginalMessage()));
    }
    if (value == null) {
      throw Errors.airflowBadResponse(c.what(), "the answer is empty");
    }
    return value;
  }

  private HttpResponse<String> exchange(Call c) {
    boolean refreshed = false;
    int attempts = 0;
    while (true) {
      attempts++;
      HttpResponse<String> r;
      try {
        r = http.send(request(c), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (attempts <= retry.retries()) {
          pause(retry.backoff(attempts), c.what());
          continue;
        }
        throw Errors.airflowUnreachable(connection.baseUrl().toString(), reason(e), attempts, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Errors.airflowInterrupted(c.what(), e);
      }
      int status = r.statusCode();
      if (status == 401 && c.authenticated() && !refreshed) {
        // The token expired or the server restarted with a new secret: one new token, one more try.
        refreshed = true;
        attempts--;
        forgetToken();
        continue;
      }
      if (status >= 500 && attempts <= retry.retries()) {
        pause(retry.backoff(attempts), c.what());
        continue;
      }
      if (status >= 200 && status < 300) {
        return r;
      }
      throw failure(c, status, detail(r.body()), attempts);
    }
  }

  private HttpRequest request(Call c) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(connection.baseUrl() + c.path()))
        .timeout(connection.readTimeout())
        .header("Accept", c.accept());
    if (c.authenticated()) {
      b.header("Authorization", "Bearer " + bearer());
    }
    if (c.body() == null) {
      b.method(c.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      String body;
      try {
        body = json.writeValueAsString(c.body());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the body of: " + c.what(), e);
      }
      b.header("Content-Type", JSON).method(c.method(), HttpRequest.BodyPublishers.ofString(body));
    }
    return b.build();
  }

  private synchronized String bearer() {
    if (token == null) {
      token = login();
    }
    return token;
  }

  private synchronized void forgetToken() {
    token = null;
  }

  private String login() {
    Call c = new Call("get a token for user '" + user() + "'", "POST", "/auth/token", connection.credentials(), JSON,
        "token endpoint at " + connection.baseUrl() + "/auth/token (is airflow.url an Airflow 3 API server?)", false);
    ApiBodies.Token t = send(c, ApiBodies.Token.class);
    if (t.accessToken() == null || t.accessToken().isBlank()) {
      throw Errors.airflowBadResponse(c.what(), "it has no access_token");
    }
    return t.accessToken();
  }

  private RuntimeException failure(Call c, int status, String detail, int attempts) {
    boolean login = !c.authenticated();
    String url = connection.baseUrl().toString();
    return switch (status) {
      case 401 -> login ? Errors.airflowBadCredentials(url, user(), detail)
          : Errors.airflowTokenRejected(c.what(), user(), detail);
      case 403 -> login ? Errors.airflowLoginRefused(url, user(), status, detail)
          : Errors.airflowForbidden(c.what(), user(), detail);
      case 404 -> Errors.airflowNotFound(c.missing(), detail);
      case 409 -> Errors.airflowConflict(c.what(), detail, attempts > 1);
      default -> login && status < 500 ? Errors.airflowLoginRefused(url, user(), status, detail)
          : Errors.airflowRequestFailed(c.what(), status, detail, attempts);
    };
  }

  private void pause(Duration d, String what) {
    try {
      retry.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.airflowInterrupted(what, e);
    }
  }

  private String reason(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within " + seconds(connection.connectTimeout());
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + seconds(connection.readTimeout()) + " (airflow.timeout.seconds)";
    }
    if (e instanceof ConnectException) {
      return e.getCause() instanceof UnresolvedAddressException ? "unknown host " + connection.baseUrl().getHost()
          : "connection refused";
    }
    return oneLine(Errors.rootMessage(e));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  // ---- Airflow's error bodies and logs

  /** Airflow's {@code detail} (a string, FastAPI's list of validation errors, or an object) on one line. */
  private String detail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String text;
    try {
      JsonNode n = json.readTree(body);
      JsonNode detail = n == null || !n.isObject() ? null : n.get("detail");
      text = detail == null ? body : describe(detail);
    } catch (JsonProcessingException e) {
      text = body;
    }
    return oneLine(text);
  }

  private static String describe(JsonNode detail) {
    if (detail.isTextual()) {
      return detail.asText();
    }
    if (detail.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode e : detail) {
        // Only loc and msg: a validation error's "input" echoes the request, which may hold the password.
        if (e.has("msg")) {
          List<String> loc = new ArrayList<>();
          e.path("loc").forEach(l -> loc.add(l.asText()));
          parts.add((loc.isEmpty() ? "" : String.join(".", loc) + ": ") + e.get("msg").asText());
        } else {
          parts.add(e.isTextual() ? e.asText() : e.toString());
        }
      }
      return String.join("; ", parts);
    }
    if (detail.isObject() && detail.has("reason")) {
      String orig = detail.path("orig_error").asText("");
      return detail.get("reason").asText() + (orig.isEmpty() || "hidden".equals(orig) ? "" : " (" + orig + ")");
    }
    if (detail.isObject() && detail.has("message")) {
      return detail.get("message").asText();
    }
    return detail.toString();
  }

  /** The text with the password masked, on one line, at most {@value #DETAIL_MAX} characters. */
  private String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String s = connection.credentials().redact(text).replaceAll("\\s+", " ").trim();
    return s.length() > DETAIL_MAX ? s.substring(0, DETAIL_MAX) + "..." : s;
  }

  /** A log's {@code content}: structured messages as {@code [timestamp] LEVEL - event}, plain lines as they are. */
  static String render(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode m : content) {
      if (m.isObject()) {
        String ts = m.path("timestamp").asText("");
        String level = m.path("level").asText("");
        out.append(ts.isEmpty() ? "" : "[" + ts + "] ")
            .append(level.isEmpty() ? "" : level.toUpperCase() + " - ")
            .append(m.path("event").asText(""));
      } else {
        out.append(m.isTextual() ? m.asText() : m.toString());
      }
      out.append('\n');
    }
    return out.toString();
  }

  // ---- names and paths

  private DagRun requireRunId(Call c, DagRun r) {
    if (r.dagRunId() == null || r.dagRunId().isBlank()) {
      throw Errors.airflowBadResponse(c.what(), "it has no dag_run_id");
    }
    return r;
  }

  private String user() {
    return connection.credentials().username();
  }

  private String dagName() {
    return "DAG '" + dagId() + "'";
  }

  private String runName(String runId) {
    return "run '" + runId + "' of DAG '" + dagId() + "'";
  }

  private String dagPath() {
    return API + "/dags/" + segment(dagId());
  }

  private String runPath(String runId) {
    return dagPath() + "/dagRuns/" + segment(runId);
  }

  /** A path segment, percent-encoded (run ids hold ':' and '+'). */
  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
