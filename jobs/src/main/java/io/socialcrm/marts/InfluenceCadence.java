package io.socialcrm.marts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.socialcrm.lake.Lake;
import java.time.LocalDate;

/**
 * When the influence mart is rebuilt. It is a PageRank over the whole interaction graph, so a night's few new edges
 * cost a pass over all of them; {@code marts.influence.every.days} lets an operator trade its freshness for that
 * work. The date it was last built for, and the PageRank settings it was built with, are kept in
 * {@code <lake>/_state/marts/influence.json}.
 *
 * <p>Between rebuilds {@code gold.influencers} keeps the scores and counts of the date it was built for, and the
 * care queue ranks by those; an erased person's rows are still deleted from it at once (the erasure deletes from
 * every gold table). With the default of 1 day it is rebuilt on every run with new data, as a build from scratch
 * would.
 */
final class InfluenceCadence {
  static final String FILE = "_state/marts/influence.json";

  /** What is stored: the run date it was built for and the settings it was built with. */
  record Built(@JsonProperty("built_for") String builtFor, @JsonProperty("settings") String settings) {}

  private final Lake lake;
  private final MartSettings settings;

  InfluenceCadence(Lake lake, MartSettings settings) {
    this.lake = lake;
    this.settings = settings;
  }

  /**
   * Whether a run for {@code date} rebuilds the mart: when it was never built, or with other PageRank settings, or
   * when {@link #due} says so.
   */
  boolean due(LocalDate date) {
    Built last = read();
    if (last == null || !settingsKey().equals(last.settings())) {
      return true;
    }
    return due(LocalDate.parse(last.builtFor()), date, settings.influenceEveryDays());
  }

  /**
   * The rule: a run is skipped only when its date falls strictly between the date last built for and that date plus
   * {@code everyDays}. So with 1 every run rebuilds; with 7 a build on Monday is kept through Sunday and the next
   * Monday rebuilds; a rerun of the date last built for, or of an earlier date (a backfill), rebuilds.
   */
  static boolean due(LocalDate lastBuiltFor, LocalDate date, int everyDays) {
    return !(date.isAfter(lastBuiltFor) && date.isBefore(lastBuiltFor.plusDays(everyDays)));
  }

  /** Records that the mart was written for {@code date} (after its write committed or found it the same). */
  void built(LocalDate date) {
    lake.writeJson(file(), new Built(date.toString(), settingsKey()));
  }

  private Built read() {
    return lake.readJson(file(), Built.class); // an unreadable state only costs a rebuild
  }

  private String settingsKey() {
    return "damping=" + settings.influenceDamping() + ",iterations=" + settings.influenceIterations();
  }

  private String file() {
    return Lake.join(lake.root(), FILE);
  }
}
