package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/** A backfill as Airflow 3's {@code BackfillResponse} describes it: the runs it creates span fromDate..toDate. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Backfill(@JsonProperty("id") Long id,
                       @JsonProperty("dag_id") String dagId,
                       @JsonProperty("from_date") OffsetDateTime fromDate,
                       @JsonProperty("to_date") OffsetDateTime toDate,
                       @JsonProperty("is_paused") Boolean paused,
                       @JsonProperty("reprocess_behavior") String reprocessBehavior,
                       @JsonProperty("max_active_runs") Integer maxActiveRuns,
                       @JsonProperty("created_at") OffsetDateTime createdAt,
                       @JsonProperty("completed_at") OffsetDateTime completedAt) {}
