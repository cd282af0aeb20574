package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The blocks blocking skipped because they would hold more than max_block_pairs candidate pairs: how many, the
 * pairs they held (never compared, so never linked by the model), and the largest few. A run with any says so as a
 * warning (log, console, run report).
 *
 * @param blocks the skipped blocks (one per blocking rule and key)
 * @param pairs the candidate pairs they held (left count × right count, summed)
 * @param largest the largest blocks, at most {@link #LARGEST}, largest first
 * @param maxBlockPairs the limit they exceeded
 */
public record SkippedBlocks(long blocks, long pairs, List<Block> largest, long maxBlockPairs) {
  /** How many of the largest skipped blocks a summary names. */
  public static final int LARGEST = 5;

  /** One skipped block: its name ("rule / key", see {@link LinkageEngine#blockName}) and size. */
  public record Block(String name, long leftCount, long rightCount, long pairs) {}

  /** No skipped block. */
  public static SkippedBlocks none(long maxBlockPairs) {
    return new SkippedBlocks(0, 0, List.of(), maxBlockPairs);
  }

  /**
   * Summarises skipped blocks (rows of {@link BlockingResult#skippedKeys} or {@link LinkageEngine#skippedBlocks}:
   * blocking_rule, key, left_count, right_count, pairs) in one aggregation, collected as one row.
   */
  public static SkippedBlocks of(Dataset<Row> skippedKeys, long maxBlockPairs) {
    Row r = skippedKeys.agg(count(lit(1)), sum(col("pairs")),
            slice(sort_array(collect_list(struct(col("pairs"), col("left_count"), col("right_count"),
                LinkageEngine.blockName(col(LinkageEngine.BLOCKING_RULE), col("key")))), false), 1, LARGEST))
        .first();
    List<Block> largest = new ArrayList<>();
    for (Row b : r.<Row>getList(2)) {
      largest.add(new Block(b.getString(3), b.getLong(1), b.getLong(2), b.getLong(0)));
    }
    return new SkippedBlocks(r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1), List.copyOf(largest), maxBlockPairs);
  }

  /** Whether any block was skipped. */
  public boolean any() {
    return blocks > 0;
  }

  /**
   * The warning a run gives, or null when nothing was skipped: "2 blocks over max_block_pairs 20,000 skipped,
   * holding 61,000 candidate pairs that were not compared; largest: same_name_tokens / john smith (150 × 250 =
   * 37,500), ...".
   */
  public String warning() {
    if (!any()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%,d block%s over max_block_pairs %,d skipped, holding %,d candidate pairs "
        + "that were not compared; largest: ", blocks, blocks == 1 ? "" : "s", maxBlockPairs, pairs));
    for (int i = 0; i < largest.size(); i++) {
      Block b = largest.get(i);
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s (%,d × %,d = %,d)", b.name(), b.leftCount(),
          b.rightCount(), b.pairs()));
    }
    if (blocks > largest.size()) {
      sb.append(", ...");
    }
    return sb.toString();
  }

  /** The figures for the run report: counts always, the largest blocks when there are any. */
  public Map<String, Object> metrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("skipped_blocks", blocks);
    m.put("skipped_block_pairs", pairs);
    if (any()) {
      m.put("largest_skipped_blocks", largest.stream().map(b -> b.name() + " (" + b.pairs() + " pairs)").toList());
    }
    return m;
  }
}
