package io.socialcrm.marts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one marts run wrote: per mart, its rows in the written scope, whether it changed and how long its write took
 * (computing its rows included); {@code phasesMs}: the time of the run's other phases (reading the change feeds,
 * finding the touched people, ...), by name; {@code counts}: other figures of the run (e.g. touched_people).
 */
public record MartsResult(List<GoldWriter.Written> written, Map<String, Long> phasesMs, Map<String, Long> counts,
    long durationMs) {

  /** The figures for the run report. */
  public Map<String, Object> metrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (GoldWriter.Written w : written) {
      m.put(w.table() + "_rows", w.rows());
      m.put(w.table() + "_changed", w.changed());
      m.put(w.table() + "_ms", w.durationMs());
    }
    phasesMs.forEach((phase, ms) -> m.put(phase + "_ms", ms));
    m.putAll(counts);
    m.put("duration_ms", durationMs);
    return m;
  }
}
