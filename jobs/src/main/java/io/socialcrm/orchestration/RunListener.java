package io.socialcrm.orchestration;

import io.socialcrm.ingest.InputResult;
import java.util.Map;

/** Progress of a run, for the CLI to show (step n of m, elapsed). */
public interface RunListener {
  default void stepStarted(int n, int of, Step step) {}

  default void inputDone(Step step, InputResult result) {}

  /** A step's own figures (rows merged, links changed, ...), once it is done. */
  default void stepMetrics(Step step, Map<String, Object> metrics) {}

  /** A step is done: its wall time, what it counted and whether it ran or found nothing to do. */
  default void stepFinished(int n, int of, Step step, StepWork work) {}

  RunListener NONE = new RunListener() {};
}
