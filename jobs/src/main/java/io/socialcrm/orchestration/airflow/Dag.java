package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;

/**
 * The part of Airflow 3's {@code DAGResponse} and {@code DAGDetailsResponse} the client needs: the DAG's id,
 * whether it is paused and (in the details only; null otherwise) its start date.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dag(@JsonProperty("dag_id") String dagId, @JsonProperty("is_paused") Boolean paused,
                  @JsonProperty("start_date") OffsetDateTime startDate) {}
