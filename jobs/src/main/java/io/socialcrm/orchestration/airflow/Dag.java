package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The part of Airflow 3's {@code DAGResponse} the client needs: the DAG's id and whether it is paused. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dag(@JsonProperty("dag_id") String dagId, @JsonProperty("is_paused") Boolean paused) {}
