package io.socialcrm.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one identity run did.
 *
 * @param candidatePairs pairs blocking produced and the model scored this run (after the consent filter): all of
 *     them when the store was rebuilt, those of changed records otherwise, none on a rerun
 * @param links current links after the run
 * @param inserted link versions added (new links and links whose evidence changed)
 * @param closed link versions closed (gone, withdrawn consent, rejected, or evidence changed)
 * @param review pairs in the review band
 * @param emIterations EM iterations the model took (when it was fitted)
 * @param modelReused true when a stored model scored, false when this run estimated one
 * @param changedProfiles profiles new or changed since the store was built (0 when it was rebuilt)
 * @param removedProfiles profiles gone since
 * @param changedCustomers customers new or changed since (consents included)
 * @param removedCustomers customers gone since
 * @param storedPairs scored pairs in the store after the run
 * @param skipped the blocks over max_block_pairs that blocking skipped (sizes from the whole tables, on every run)
 */
public record IdentityResult(long candidatePairs, long links, long inserted, long closed, long review, int emIterations,
    boolean modelReused, long changedProfiles, long removedProfiles, long changedCustomers, long removedCustomers,
    long storedPairs, long durationMs, SkippedBlocks skipped) {

  /** The key of the step metrics that lists a run's warnings (strings), when it has any. */
  public static final String WARNINGS = "warnings";

  /** The figures for the run report. */
  public Map<String, Object> metrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", modelReused ? "reused" : "estimated");
    m.put("changed_profiles", changedProfiles);
    m.put("removed_profiles", removedProfiles);
    m.put("changed_customers", changedCustomers);
    m.put("removed_customers", removedCustomers);
    m.put("candidate_pairs", candidatePairs);
    m.put("stored_pairs", storedPairs);
    m.put("links", links);
    m.put("links_inserted", inserted);
    m.put("links_closed", closed);
    m.put("review", review);
    m.put("em_iterations", emIterations);
    m.putAll(skipped.metrics());
    m.put("duration_ms", durationMs);
    if (skipped.any()) {
      m.put(WARNINGS, List.of(skipped.warning()));
    }
    return m;
  }

  static IdentityResult nothingToLink() {
    return new IdentityResult(0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, SkippedBlocks.none(0));
  }
}
