package io.socialcrm.privacy;

import java.time.Instant;
import java.util.Map;

/**
 * What one erase did: whether the person was already erased (then nothing was done), the erasure's id and time,
 * the profiles erased with a customer, and per table ("layer.table") the rows removed and the rows rewritten
 * (other people's X posts that lost the person's user object), with each changed table's path.
 */
public record ErasureResult(
    boolean alreadyErased,
    String erasureId,
    Instant erasedAt,
    int linkedProfiles,
    Map<String, Long> rowsRemoved,
    Map<String, Long> rowsRewritten,
    Map<String, String> tablePaths) {

  public long totalRemoved() {
    return rowsRemoved.values().stream().mapToLong(Long::longValue).sum();
  }
}
