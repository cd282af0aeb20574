package io.socialcrm.orchestration;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The work one step of a run did: whether it ran ({@link #RAN}) or found its inputs as it last left them
 * ({@link #UNCHANGED}), its wall time, the Spark jobs and SQL executions it started, the Delta commits it made, and
 * the lake tables it scanned and wrote ("layer.table"), and whether it ran with the small-input settings (its input
 * was below {@code run.small.input.mb}: interpreted expressions, no adaptive execution, see
 * {@code SmallInputSettings}; null: it did nothing).
 */
public record StepWork(
    @JsonProperty("status") String status,
    @JsonProperty("wall_ms") long wallMs,
    @JsonProperty("spark_jobs") long sparkJobs,
    @JsonProperty("sql_executions") long sqlExecutions,
    @JsonProperty("delta_commits") long deltaCommits,
    @JsonProperty("tables_read") List<String> tablesRead,
    @JsonProperty("tables_written") List<String> tablesWritten,
    @JsonProperty("small_input") Boolean smallInput) {

  public static final String RAN = "ran";
  public static final String UNCHANGED = "unchanged";
}
