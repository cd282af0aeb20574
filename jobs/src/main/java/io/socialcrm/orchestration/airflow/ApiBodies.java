package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The request bodies the client sends and the envelopes Airflow answers with, named as in Airflow 3's OpenAPI
 * (the request models there forbid unknown fields, so these send only fields Airflow declares).
 */
final class ApiBodies {
  private ApiBodies() {}

  /**
   * {@code TriggerDAGRunPostBody}: {@code logical_date} is required (it may be null); the run id is optional; the
   * data interval is sent both ends or none (then Airflow infers it from the logical date).
   */
  record TriggerDagRun(@JsonProperty("dag_run_id") @JsonInclude(JsonInclude.Include.NON_NULL) String dagRunId,
                       @JsonProperty("logical_date") @JsonInclude(JsonInclude.Include.ALWAYS) OffsetDateTime logicalDate,
                       @JsonProperty("data_interval_start") @JsonInclude(JsonInclude.Include.NON_NULL)
                       OffsetDateTime dataIntervalStart,
                       @JsonProperty("data_interval_end") @JsonInclude(JsonInclude.Include.NON_NULL)
                       OffsetDateTime dataIntervalEnd,
                       @JsonProperty("conf") Map<String, Object> conf) {}

  /** {@code BackfillPostBody}. {@code reprocess_behavior} is one of none, failed, completed. */
  record BackfillPost(@JsonProperty("dag_id") String dagId,
                      @JsonProperty("from_date") OffsetDateTime fromDate,
                      @JsonProperty("to_date") OffsetDateTime toDate,
                      @JsonProperty("run_backwards") boolean runBackwards,
                      @JsonProperty("dag_run_conf") Map<String, Object> dagRunConf,
                      @JsonProperty("reprocess_behavior") String reprocessBehavior,
                      @JsonProperty("max_active_runs") int maxActiveRuns) {}

  /** {@code ClearTaskInstancesBody}; without a run id it clears the DAG's runs Airflow selects by default. */
  record ClearTaskInstances(@JsonProperty("dry_run") boolean dryRun,
                            @JsonProperty("only_failed") boolean onlyFailed,
                            @JsonProperty("dag_run_id") @JsonInclude(JsonInclude.Include.NON_NULL) String dagRunId,
                            @JsonProperty("reset_dag_runs") boolean resetDagRuns) {}

  /** {@code DAGPatchBody}. */
  record DagPatch(@JsonProperty("is_paused") boolean paused) {}

  /** {@code LoginResponse} of {@code POST /auth/token}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Token(@JsonProperty("access_token") String accessToken) {
    @Override
    public String toString() {
      return "Token[****]";
    }
  }

  /** {@code DAGRunCollectionResponse}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record DagRuns(@JsonProperty("dag_runs") List<DagRun> dagRuns, @JsonProperty("total_entries") Long totalEntries) {}

  /** {@code TaskInstanceCollectionResponse}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record TaskInstances(@JsonProperty("task_instances") List<TaskInstance> taskInstances,
                       @JsonProperty("total_entries") Long totalEntries) {}

  /**
   * {@code TaskInstancesLogResponse}: {@code content} is a list of structured messages ({@code timestamp},
   * {@code event}, {@code level}, ...), a list of lines, or (older servers) one string.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Log(@JsonProperty("content") JsonNode content,
             @JsonProperty("continuation_token") String continuationToken) {}
}
