package io.socialcrm.conform;

/** What one write did to a silver table: rows inserted and rows updated in place. */
public record WriteCounts(long inserted, long updated) {
  public static final WriteCounts NONE = new WriteCounts(0, 0);
}
