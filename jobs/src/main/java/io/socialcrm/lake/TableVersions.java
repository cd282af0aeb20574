package io.socialcrm.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
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
  private static final Pattern CHECKSUM = Pattern.compile("(\\d{20})\\.crc");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Lake lake;
  /** Commit files read so far, by path: a commit file never changes once written, so each is read once. */
  private final Map<String, String> commitTexts = new HashMap<>();

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

  /** {@link #sizeBytes} of a table whose log has no checksum file. */
  public static final long SIZE_UNKNOWN = -2L;

  /**
   * The table's size in bytes (its data files) as Delta's checksum file of its newest version that has one
   * ({@code _delta_log/NNN.crc}, written with every commit) gives it: one listing and one small read, no Spark job.
   * {@link #NONE} when the table does not exist, {@link #SIZE_UNKNOWN} when its log has no checksum file.
   */
  public long sizeBytes(String path) {
    long newest = NONE;
    boolean exists = false;
    for (String file : lake.listFiles(Lake.join(path, "_delta_log"), true)) {
      String name = file.substring(file.lastIndexOf('/') + 1);
      Matcher m = CHECKSUM.matcher(name);
      if (m.matches()) {
        newest = Math.max(newest, Long.parseLong(m.group(1)));
      }
      exists |= COMMIT.matcher(name).matches();
    }
    if (!exists) {
      return NONE;
    }
    String text = newest == NONE ? null : lake.readText(Lake.join(path, "_delta_log", String.format("%020d.crc", newest)));
    try {
      JsonNode size = text == null ? null : JSON.readTree(text).get("tableSizeBytes");
      return size == null ? SIZE_UNKNOWN : size.asLong();
    } catch (IOException e) {
      throw Errors.io("cannot read the checksum file of " + path, e);
    }
  }

  /**
   * Delta's checksum file of the table's newest commit ({@code _delta_log/NNN.crc}), parsed; null when the table does
   * not exist or that commit has none (or one that cannot be parsed: the caller then reads through Delta).
   */
  public JsonNode newestChecksum(String path) {
    long newest = latest(path);
    return newest == NONE ? null
        : lake.readJson(Lake.join(path, "_delta_log", String.format("%020d.crc", newest)), JsonNode.class);
  }

  /** The newest version of each table (by path), {@link #NONE} for a missing one. */
  public Map<String, Long> latest(Iterable<String> paths) {
    Map<String, Long> out = new TreeMap<>();
    paths.forEach(p -> out.put(p, latest(p)));
    return out;
  }

  /** The paths of every Delta table of the lake's layers (internal tables included), sorted. */
  public List<String> allTables() {
    return Arrays.stream(Layer.values())
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
   * What a commit did: its operation (WRITE, MERGE, OPTIMIZE, ...), its parameters (e.g. a WRITE's {@code mode}) and
   * Delta's metrics of it.
   */
  public record Commit(long version, String operation, Map<String, String> parameters, Map<String, String> metrics) {
    /** Whether the commit only added rows: a WRITE in mode Append. */
    public boolean isAppend() {
      return "WRITE".equals(operation) && "Append".equals(parameters.get("mode"));
    }

    public long metric(String name) {
      String v = metrics.get(name);
      return v == null ? 0L : Long.parseLong(v);
    }
  }

  /**
   * The commit of the given version, from the {@code commitInfo} of its log file: what a write did is read there, not
   * from a second pass over the table. Null when the version's log file is gone or has no commit info.
   */
  public Commit commit(String path, long version) {
    String text = commitText(path, version);
    if (text == null) {
      return null;
    }
    try {
      for (String line : text.split("\n")) {
        JsonNode info = JSON.readTree(line).get("commitInfo");
        if (info != null) {
          Map<String, String> metrics = new TreeMap<>();
          info.path("operationMetrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asText()));
          Map<String, String> parameters = new TreeMap<>();
          info.path("operationParameters").fields()
              .forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
          return new Commit(version, info.path("operation").asText(null), parameters, metrics);
        }
      }
    } catch (IOException e) {
      throw Errors.io("cannot read the log of " + path, e);
    }
    return null;
  }

  /** The table's newest commit (null for a table that does not exist). */
  public Commit lastCommit(String path) {
    long v = latest(path);
    return v == NONE ? null : commit(path, v);
  }

  /**
   * Whether the commits after {@code from} up to {@code to} are all maintenance (OPTIMIZE, VACUUM), which change no
   * row: read from each commit's {@code commitInfo}. A missing commit file (cleaned up log) is not maintenance.
   */
  public boolean onlyMaintenance(String path, long from, long to) {
    return all(path, from, to, c -> MAINTENANCE_OPERATIONS.contains(c.operation()));
  }

  /**
   * Whether the commits after {@code from} up to {@code to} only added rows or were maintenance: then their change
   * feed holds inserts only, each row once. A missing commit file is neither.
   */
  public boolean onlyAppends(String path, long from, long to) {
    return all(path, from, to, c -> c.isAppend() || MAINTENANCE_OPERATIONS.contains(c.operation()));
  }

  /**
   * Whether the change feed of the commits after {@code from} up to {@code to} can still be read: every commit's log
   * file is there, and so is every data and change-data file it added (VACUUM deletes them once they are older than
   * its retention and no longer part of the table). Reads the commits' log files and asks for each file they name.
   */
  public boolean changesReadable(String path, long from, long to) {
    for (long v = from + 1; v <= to; v++) {
      String text = commitText(path, v);
      if (text == null) {
        return false;
      }
      try {
        for (String line : text.split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode action = JSON.readTree(line);
          for (String kind : List.of("add", "cdc")) {
            JsonNode file = action.get(kind);
            if (file == null) {
              continue;
            }
            URI uri = new URI(file.path("path").asText());
            if (!lake.exists(uri.isAbsolute() ? uri.toString() : Lake.join(path, uri.getPath()))) {
              return false;
            }
          }
        }
      } catch (IOException | URISyntaxException e) {
        throw Errors.io("cannot read the log of " + path, e);
      }
    }
    return true;
  }

  /** The log file of a commit (null when it is gone), read once per instance. */
  private String commitText(String path, long version) {
    String file = Lake.join(path, "_delta_log", String.format("%020d.json", version));
    String text = commitTexts.get(file);
    if (text == null) {
      text = lake.readText(file);
      if (text != null) {
        commitTexts.put(file, text);
      }
    }
    return text;
  }

  private boolean all(String path, long from, long to, Predicate<Commit> test) {
    for (long v = from + 1; v <= to; v++) {
      Commit c = commit(path, v);
      if (c == null || !test.test(c)) {
        return false;
      }
    }
    return true;
  }
}
