package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One task of a DAG run as Airflow 3's {@code TaskInstanceResponse} describes it; {@code state} is null until the
 * scheduler looks at the task, {@code duration} is in seconds, {@code mapIndex} is -1 for an unmapped task.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskInstance(@JsonProperty("task_id") String taskId,
                           @JsonProperty("dag_run_id") String dagRunId,
                           @JsonProperty("map_index") Integer mapIndex,
                           @JsonProperty("state") String state,
                           @JsonProperty("try_number") Integer tryNumber,
                           @JsonProperty("start_date") OffsetDateTime startDate,
                           @JsonProperty("end_date") OffsetDateTime endDate,
                           @JsonProperty("duration") Double duration) {

  /**
   * Seconds from start to end when both are known, else Airflow's {@code duration}: Airflow 3.1 reported -36.8 s
   * for a task that failed in 11 s (its duration counts from an earlier start date).
   */
  public Double seconds() {
    if (startDate != null && endDate != null) {
      return Duration.between(startDate, endDate).toMillis() / 1000.0;
    }
    return duration;
  }
}
