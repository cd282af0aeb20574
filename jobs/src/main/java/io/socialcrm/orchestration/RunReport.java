package io.socialcrm.orchestration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.socialcrm.ingest.InputResult;
import java.util.List;
import java.util.Map;

/**
 * What one run did, written to {@code <lake>/_runs/<run-id>.json}. {@code date} is the run's date (the last of
 * {@code dates}); {@code dates} are the landing dates its ingest took (one, or a backfill batch's several).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
    @JsonProperty("run_id") String runId,
    @JsonProperty("date") String date,
    @JsonProperty("dates") List<String> dates,
    @JsonProperty("steps") List<String> steps,
    @JsonProperty("status") String status,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    @JsonProperty("lake") String lake,
    @JsonProperty("landing") String landing,
    @JsonProperty("step_durations_ms") Map<String, Long> stepDurationsMs,
    @JsonProperty("sources") List<SourceCounts> sources,
    @JsonProperty("totals") Totals totals,
    @JsonProperty("error") String error,
    @JsonProperty("step_metrics") Map<String, Map<String, Object>> stepMetrics,
    @JsonProperty("step_work") Map<String, StepWork> stepWork) {

  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  /** Per input, over all the run's dates: its files (each with its date) and counts; read = loaded + quarantined + erased. */
  public record SourceCounts(
      @JsonProperty("input") String input,
      @JsonProperty("source") String source,
      @JsonProperty("files") List<InputResult.FileCount> files,
      @JsonProperty("read") long read,
      @JsonProperty("loaded") long loaded,
      @JsonProperty("quarantined") long quarantined,
      @JsonProperty("erased") long erased,
      @JsonProperty("quarantine_reasons") Map<String, Long> quarantineReasons,
      @JsonProperty("duration_ms") long durationMs,
      @JsonProperty("status") String status) {

    public static SourceCounts of(InputResult r) {
      return new SourceCounts(r.input(), r.source(), r.files(), r.read(), r.loaded(), r.quarantined(), r.erased(),
          r.quarantineReasons(), r.durationMs(), r.status());
    }
  }

  public record Totals(
      @JsonProperty("files") long files,
      @JsonProperty("read") long read,
      @JsonProperty("loaded") long loaded,
      @JsonProperty("quarantined") long quarantined,
      @JsonProperty("erased") long erased) {

    public static Totals of(List<SourceCounts> sources) {
      return new Totals(
          sources.stream().mapToLong(s -> s.files().size()).sum(),
          sources.stream().mapToLong(SourceCounts::read).sum(),
          sources.stream().mapToLong(SourceCounts::loaded).sum(),
          sources.stream().mapToLong(SourceCounts::quarantined).sum(),
          sources.stream().mapToLong(SourceCounts::erased).sum());
    }
  }
}
