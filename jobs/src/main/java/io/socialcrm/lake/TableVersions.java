package io.socialcrm.lake;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Delta table's newest version read from its transaction log's file names ({@code _delta_log/NNN.json}), with no
 * Spark job and no snapshot: what a step compares with the versions it last processed to learn, in milliseconds,
 * whether it has anything to do, and what a run counts to report the commits each step made.
 */
public final class TableVersions {
  /** The version of a table that does not exist (no log). */
  public static final long NONE = -1L;
  /** Commits that change no rows: compaction and vacuum ({@link LakeMaintenance}). */
  public static final List<String> MAINTENANCE_OPERATIONS = List.of("OPTIMIZE", "VACUUM START", "VACUUM END");

  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
  private static final Pattern OPERATION = Pattern.compile("\"commitInfo\"\\s*:\\s*\\{.*?\"operation\"\\s*:\\s*\"([^\"]+)\"");

  private final Lake lake;

  public TableVersions(Lake lake) {
    this.lake = lake;
  }

  /** The newest committed version of the table at {@code path}, or {@link #NONE} when it is not a Delta table. */
  public long latest(String path) {
    long latest = NONE;
    for (String file : lake.listFiles(Lake.join(path, "_delta_log"), true)) {
      Matcher m = COMMIT.matcher(file.substring(file.lastIndexOf('/') + 1));
      if (m.matches()) {
        latest = Math.max(latest, Long.parseLong(m.group(1)));
      }
    }
    return latest;
  }

  /** The newest version of each table (by path), {@link #NONE} for a missing one. */
  public Map<String, Long> latest(Iterable<String> paths) {
    Map<String, Long> out = new TreeMap<>();
    paths.forEach(p -> out.put(p, latest(p)));
    return out;
  }

  /** The paths of every Delta table of the lake's layers (internal tables included), sorted. */
  public List<String> allTables() {
    return java.util.Arrays.stream(Layer.values())
        .flatMap(layer -> lake.deltaTables(layer).stream().map(name -> Lake.join(lake.root(), layer.folder(), name)))
        .sorted().toList();
  }

  /** Commits made between two readings of {@link #latest(Iterable)}: the sum of each table's version steps. */
  public static long commitsBetween(Map<String, Long> before, Map<String, Long> after) {
    long n = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      n += e.getValue() - before.getOrDefault(e.getKey(), NONE);
    }
    return n;
  }

  /** The tables whose version moved between two readings. */
  public static List<String> moved(Map<String, Long> before, Map<String, Long> after) {
    return after.entrySet().stream().filter(e -> !e.getValue().equals(before.getOrDefault(e.getKey(), NONE)))
        .map(Map.Entry::getKey).sorted().toList();
  }

  /**
   * Whether the commits after {@code from} up to {@code to} are all maintenance (OPTIMIZE, VACUUM), which change no
   * row: read from each commit's {@code commitInfo}. A missing commit file (cleaned up log) is not maintenance.
   */
  public boolean onlyMaintenance(String path, long from, long to) {
    for (long v = from + 1; v <= to; v++) {
      String file = Lake.join(path, "_delta_log", String.format("%020d.json", v));
      if (!lake.exists(file)) {
        return false;
      }
      Matcher m = OPERATION.matcher(lake.readText(file));
      if (!m.find() || !MAINTENANCE_OPERATIONS.contains(m.group(1))) {
        return false;
      }
    }
    return true;
  }
}
