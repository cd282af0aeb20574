package io.socialcrm.conform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of step conform did: per silver table, the bronze rows it read and the rows it changed, and how long
 * building it took ({@code durationsMs}, by table name; left out of {@link TableResult} so results compare by counts).
 */
public record ConformResult(String runId, String date, List<TableResult> tables, Map<String, Long> durationsMs) {

  /**
   * One silver table's counts.
   *
   * @param bronzeRowsRead rows read from its bronze inputs (new since the last run; everything on the first)
   * @param inserted       rows inserted (new versions, new keys)
   * @param updated        rows updated in place (versions closed, current versions touched, newer states)
   */
  public record TableResult(String table, long bronzeRowsRead, long inserted, long updated) {}

  public TableResult table(String name) {
    return tables.stream().filter(t -> t.table().equals(name)).findFirst().orElse(null);
  }

  /** Per table "read/inserted/updated" and its build time, for the run report. */
  public Map<String, Object> metrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (TableResult t : tables) {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("bronze_rows_read", t.bronzeRowsRead());
      figures.put("inserted", t.inserted());
      figures.put("updated", t.updated());
      figures.put("duration_ms", durationsMs.getOrDefault(t.table(), 0L));
      m.put(t.table(), figures);
    }
    return m;
  }
}
