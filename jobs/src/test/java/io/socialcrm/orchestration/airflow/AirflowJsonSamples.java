package io.socialcrm.orchestration.airflow;

/** Answers shaped as Airflow 3.x's API server writes them (with fields the client ignores). */
public final class AirflowJsonSamples {
  private AirflowJsonSamples() {}

  public static final String RUN_ID = "manual__2026-11-01T00:00:00+00:00";

  public static String dagRun(String runId, String state) {
    boolean done = state.equals("success") || state.equals("failed");
    return """
        {"dag_run_id": "%s", "dag_id": "socialcrm_nightly", "logical_date": "2026-11-01T00:00:00Z",
         "queued_at": "2026-11-02T03:00:00.123456Z", "start_date": "2026-11-02T03:00:01.5Z",
         "end_date": %s, "duration": null,
         "data_interval_start": "2026-11-01T00:00:00Z", "data_interval_end": "2026-11-02T00:00:00Z",
         "run_after": "2026-11-02T00:00:00Z", "last_scheduling_decision": null, "run_type": "manual",
         "state": "%s", "triggered_by": "rest_api", "triggering_user_name": "admin", "conf": {}, "note": null,
         "dag_versions": [], "bundle_version": null, "dag_display_name": "socialcrm_nightly"}
        """.formatted(runId, done ? "\"2026-11-02T03:20:00+00:00\"" : "null", state);
  }

  public static String dagRuns(String... runs) {
    return "{\"dag_runs\": [" + String.join(",", runs) + "], \"total_entries\": " + runs.length + "}";
  }

  public static String taskInstance(String taskId, String state, int tryNumber) {
    return """
        {"id": "0199-%s", "task_id": "%s", "dag_id": "socialcrm_nightly", "dag_run_id": "%s", "map_index": -1,
         "logical_date": "2026-11-01T00:00:00Z", "run_after": "2026-11-02T00:00:00Z",
         "start_date": "2026-11-02T03:00:05Z", "end_date": "2026-11-02T03:05:05Z", "duration": 300.25,
         "state": "%s", "try_number": %d, "max_tries": 2, "task_display_name": "%s", "hostname": "worker-1",
         "unixname": "airflow", "pool": "default_pool", "pool_slots": 1, "queue": "default",
         "priority_weight": 4, "operator": "BashOperator", "queued_when": null, "scheduled_when": null,
         "pid": 1234, "executor": null, "executor_config": "{}", "note": null, "rendered_map_index": null,
         "rendered_fields": {}, "trigger": null, "triggerer_job": null, "dag_version": null}
        """.formatted(taskId, taskId, RUN_ID, state, tryNumber, taskId);
  }

  public static String taskInstances(String... tasks) {
    return "{\"task_instances\": [" + String.join(",", tasks) + "], \"total_entries\": " + tasks.length + "}";
  }

  public static String backfill() {
    return backfill(null);
  }

  /** Backfill 7 of 2026-11-01 to 2026-11-05, complete at {@code completedAt} (null: not yet). */
  public static String backfill(String completedAt) {
    return """
        {"id": 7, "dag_id": "socialcrm_nightly", "from_date": "2026-11-01T00:00:00Z",
         "to_date": "2026-11-05T00:00:00Z", "dag_run_conf": {}, "is_paused": false,
         "reprocess_behavior": "failed", "max_active_runs": 1, "created_at": "2026-11-06T10:00:00Z",
         "completed_at": %s, "updated_at": "2026-11-06T10:00:00Z", "dag_display_name": "socialcrm_nightly"}
        """.formatted(completedAt == null ? "null" : "\"" + completedAt + "\"");
  }

  public static String dag(boolean paused) {
    return "{\"dag_id\": \"socialcrm_nightly\", \"dag_display_name\": \"socialcrm_nightly\", \"is_paused\": "
        + paused + ", \"is_stale\": false, \"tags\": []}";
  }

  /** A {@code DAGDetailsResponse} (the fields the client reads, and a few it ignores) with this start date. */
  public static String dagDetails(String startDate) {
    return dagDetails(startDate, false);
  }

  public static String dagDetails(String startDate, boolean paused) {
    return "{\"dag_id\": \"socialcrm_nightly\", \"is_paused\": " + paused + ", \"start_date\": \"" + startDate
        + "\", \"catchup\": true, \"max_active_runs\": 1, \"timetable_summary\": \"@daily\", \"tags\": []}";
  }
}
