package io.socialcrm.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.socialcrm.common.JoinKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What blocking produced: the candidate pairs ({@code l_<col>}, {@code r_<col>}, {@code blocking_rule} and
 * {@code blocking_rule_mask}, the rules whose keys the pair shares), the rules' names in order, and the keys skipped
 * because their block exceeded max_block_pairs (blocking_rule, key, left_count, right_count, pairs). Lazy Datasets;
 * {@code cached} are the intermediate results blocking persisted, released by {@link #release()}.
 */
public record BlockingResult(Dataset<Row> pairs, List<String> rules, Dataset<Row> skippedKeys,
                             List<Dataset<Row>> cached) {

  /**
   * Releases what blocking keeps in the cache (the block sizes) once the caller is done with the pairs and the
   * counts: a long-lived session would otherwise grow its cache with every run.
   */
  public void release() {
    cached.forEach(Dataset::unpersist);
  }

  /** {@link #ruleCounts(Dataset)} of the pairs (computes them again: give a cached frame of them when there is one). */
  public Dataset<Row> ruleCounts() {
    return ruleCounts(pairs);
  }

  /**
   * Per rule (blocking_rule, pairs_generated, pairs_kept: kept = not already produced by an earlier rule), from a
   * frame of the pairs, or of the pairs compared, that keeps {@code blocking_rule} and {@code blocking_rule_mask}.
   */
  public Dataset<Row> ruleCounts(Dataset<Row> of) {
    Column ruleName = LinkageEngine.ruleName(rules, col("_rule"));
    Dataset<Row> generated = of
        .select(explode(expr("filter(sequence(0, " + (rules.size() - 1) + "), i -> ("
            + LinkageEngine.BLOCKING_RULE_MASK + " & shiftleft(1L, i)) != 0)")).as("_rule"))
        .groupBy("_rule").agg(count(lit(1)).as("pairs_generated"));
    Dataset<Row> kept = of.groupBy(LinkageEngine.BLOCKING_RULE).agg(count(lit(1)).as("pairs_kept"));
    return generated.withColumn(LinkageEngine.BLOCKING_RULE, ruleName)
        .join(kept, JoinKeys.on(List.of(LinkageEngine.BLOCKING_RULE)), "left")
        .select(col(LinkageEngine.BLOCKING_RULE), col("pairs_generated"),
            coalesce(col("pairs_kept"), lit(0L)).as("pairs_kept"), col("_rule"))
        .orderBy("_rule").drop("_rule");
  }

  /** Collects {@link #ruleCounts()} (one row per rule: small): rule → {generated, kept}. */
  public Map<String, long[]> countsByRule() {
    return countsByRule(pairs);
  }

  /** Collects {@link #ruleCounts(Dataset)} of the given frame of the pairs: rule → {generated, kept}. */
  public Map<String, long[]> countsByRule(Dataset<Row> of) {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Row r : ruleCounts(of).collectAsList()) {
      out.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    return out;
  }
}
