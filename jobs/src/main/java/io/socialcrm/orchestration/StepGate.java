package io.socialcrm.orchestration;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.TableVersions;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether a step has anything to do: the versions of every table it reads or writes, and the key of what else its
 * result depends on (the run's date, its settings), as they were when it last finished, kept in
 * {@code <lake>/_state/steps/<step>.json}. When none moved (commits that only compact or vacuum do not count) and the
 * key is the same, the step would write what it wrote before: the run skips it, without a Spark job or a snapshot of
 * any table. The versions are read from the transaction logs' file names ({@link TableVersions}).
 */
public final class StepGate {
  public static final String STATE_FOLDER = "_state/steps";

  /** What is stored per step. */
  public record State(@JsonProperty("key") String key, @JsonProperty("run_id") String runId,
                      @JsonProperty("versions") Map<String, Long> versions) {}

  private final Lake lake;
  private final TableVersions versions;
  private final String step;

  public StepGate(Lake lake, String step) {
    this.lake = lake;
    this.versions = new TableVersions(lake);
    this.step = step;
  }

  private String file() {
    return Lake.join(lake.root(), STATE_FOLDER, step + ".json");
  }

  /**
   * Whether the step last finished with this key and the tables at these paths (relative to the lake, as
   * "layer/table") are still at the versions it left them at, or moved only by maintenance.
   */
  public boolean unchanged(String key, Collection<String> tables) {
    State last = read();
    if (last == null || !key.equals(last.key()) || !last.versions().keySet().equals(new TreeSet<>(tables))) {
      return false;
    }
    for (Map.Entry<String, Long> e : last.versions().entrySet()) {
      String path = Lake.join(lake.root(), e.getKey());
      long now = versions.latest(path);
      if (now != e.getValue() && (now < e.getValue() || !versions.onlyMaintenance(path, e.getValue(), now))) {
        return false;
      }
    }
    return true;
  }

  /** Records that the step finished with this key, the tables as they are now. */
  public void record(String key, Collection<String> tables, String runId) {
    Map<String, Long> now = new TreeMap<>();
    tables.forEach(t -> now.put(t, versions.latest(Lake.join(lake.root(), t))));
    lake.writeJson(file(), new State(key, runId, now));
  }

  private State read() {
    return lake.readJson(file(), State.class); // an unreadable state only costs the step's skip
  }
}
