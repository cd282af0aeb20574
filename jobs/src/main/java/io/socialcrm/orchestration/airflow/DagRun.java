package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * One run of a DAG as Airflow 3's {@code DAGRunResponse} describes it. {@code state} is Airflow's
 * {@code DagRunState}: {@code queued}, {@code running}, {@code success} or {@code failed}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DagRun(@JsonProperty("dag_run_id") String dagRunId,
                     @JsonProperty("dag_id") String dagId,
                     @JsonProperty("logical_date") OffsetDateTime logicalDate,
                     @JsonProperty("data_interval_start") OffsetDateTime dataIntervalStart,
                     @JsonProperty("data_interval_end") OffsetDateTime dataIntervalEnd,
                     @JsonProperty("state") String state,
                     @JsonProperty("start_date") OffsetDateTime startDate,
                     @JsonProperty("end_date") OffsetDateTime endDate,
                     @JsonProperty("run_type") String runType) {
  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";

  /** Whether the run reached a state it will not leave by itself (success or failed). */
  public boolean finished() {
    return SUCCESS.equals(state) || FAILED.equals(state);
  }

  public boolean failed() {
    return FAILED.equals(state);
  }
}
