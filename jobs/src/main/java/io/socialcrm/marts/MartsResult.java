package io.socialcrm.marts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one marts run wrote: per mart, its rows in the written scope and whether it changed. */
public record MartsResult(List<GoldWriter.Written> written, long durationMs) {

  /** The figures for the run report. */
  public Map<String, Object> metrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (GoldWriter.Written w : written) {
      m.put(w.table() + "_rows", w.rows());
      m.put(w.table() + "_changed", w.changed());
    }
    m.put("duration_ms", durationMs);
    return m;
  }
}
