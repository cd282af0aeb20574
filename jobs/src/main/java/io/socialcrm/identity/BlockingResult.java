package io.socialcrm.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What blocking produced: the candidate pairs ({@code l_<col>}, {@code r_<col>}, {@code blocking_rule}), the
 * per-rule counts (blocking_rule, pairs_generated, pairs_kept: kept = not already produced by an earlier rule)
 * and the keys skipped because their block exceeded max_block_pairs (blocking_rule, key, left_count,
 * right_count, pairs). All three are lazy Datasets computed by aggregation; {@code cached} are the intermediate
 * results blocking persisted, released by {@link #release()}.
 */
public record BlockingResult(Dataset<Row> pairs, Dataset<Row> ruleCounts, Dataset<Row> skippedKeys,
                             List<Dataset<Row>> cached) {

  /**
   * Releases what blocking keeps in the cache (the pair ids with their rules, the block sizes) once the caller is
   * done with the pairs and the counts: a long-lived session would otherwise grow its cache with every run.
   */
  public void release() {
    cached.forEach(Dataset::unpersist);
  }

  /** Collects the per-rule counts (one row per rule: small): rule → {generated, kept}. */
  public Map<String, long[]> countsByRule() {
    Map<String, long[]> out = new LinkedHashMap<>();
    List<Row> rows = ruleCounts.collectAsList();
    for (Row r : rows) {
      out.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    return out;
  }
}
