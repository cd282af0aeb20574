package io.socialcrm.identity;

/**
 * What one identity run did.
 *
 * @param candidatePairs pairs blocking produced (after the consent filter)
 * @param links current links after the run
 * @param inserted link versions added (new links and links whose evidence changed)
 * @param closed link versions closed (gone, withdrawn consent, rejected, or evidence changed)
 * @param review pairs in the review band
 * @param emIterations EM iterations the model took
 */
public record IdentityResult(long candidatePairs, long links, long inserted, long closed, long review, int emIterations,
    long durationMs) {

  /** The figures for the run report. */
  public java.util.Map<String, Object> metrics() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("candidate_pairs", candidatePairs);
    m.put("links", links);
    m.put("links_inserted", inserted);
    m.put("links_closed", closed);
    m.put("review", review);
    m.put("em_iterations", emIterations);
    m.put("duration_ms", durationMs);
    return m;
  }

  static IdentityResult nothingToLink() {
    return new IdentityResult(0, 0, 0, 0, 0, 0, 0);
  }
}
