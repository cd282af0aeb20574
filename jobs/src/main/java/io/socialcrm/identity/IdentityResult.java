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

  static IdentityResult nothingToLink() {
    return new IdentityResult(0, 0, 0, 0, 0, 0, 0);
  }
}
