package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A block over max_block_pairs is named in a warning with the pairs it held, largest first. */
class SkippedBlocksTest extends SparkTestBase {

  static final String CONFIG = """
      {"name": "skipping", "left_id": "lid", "right_id": "rid", "max_block_pairs": 2,
       "blocking_rules": [
         {"name": "last", "keys": [{"left": "last", "right": "last"}]},
         {"name": "city", "keys": [{"left": "city", "right": "city"}]}],
       "comparisons": [{"name": "city", "left_columns": ["city"], "right_columns": ["city"],
                        "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]}]}
      """;

  private Dataset<Row> side(String id, String... rows) {
    StructType s = new StructType().add(id, DataTypes.StringType).add("last", DataTypes.StringType)
        .add("city", DataTypes.StringType);
    return session().createDataFrame(Arrays.stream(rows).map(r -> {
      String[] f = r.split(",", -1);
      return RowFactory.create(f[0], f[1].isEmpty() ? null : f[1], f[2].isEmpty() ? null : f[2]);
    }).toList(), s);
  }

  @Test
  void namesTheSkippedBlocksAndThePairsTheyHeld() {
    // last: smith 3 x 2 = 6 (skipped), brown 2 x 2 = 4 (skipped), jones 1 x 1 (kept);
    // city: leeds 3 x 1 = 3 (skipped), york 2 x 1 = 2 (kept: not over 2).
    Dataset<Row> left = side("lid", "L1,smith,leeds", "L2,smith,leeds", "L3,smith,york", "L4,brown,york",
        "L5,brown,leeds", "L6,jones,");
    Dataset<Row> right = side("rid", "R1,smith,leeds", "R2,smith,", "R3,brown,york", "R4,brown,", "R5,jones,");
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));

    SkippedBlocks skipped = SkippedBlocks.of(engine.skippedBlocks(left, right), 2);
    assertEquals(3, skipped.blocks());
    assertEquals(6 + 4 + 3, skipped.pairs());
    assertEquals(List.of(new SkippedBlocks.Block("last / smith", 3, 2, 6), new SkippedBlocks.Block("last / brown", 2, 2, 4),
        new SkippedBlocks.Block("city / leeds", 3, 1, 3)), skipped.largest());
    assertEquals("3 blocks over max_block_pairs 2 skipped, holding 13 candidate pairs that were not compared; largest: "
        + "last / smith (3 × 2 = 6), last / brown (2 × 2 = 4), city / leeds (3 × 1 = 3)", skipped.warning());
    // Blocking itself reports the same blocks.
    BlockingResult blocking = engine.block(left, right);
    assertEquals(skipped, SkippedBlocks.of(blocking.skippedKeys(), 2));
  }

  @Test
  void theRunMetricsCarryTheWarning() {
    SkippedBlocks skipped = new SkippedBlocks(7, 123_456, List.of(new SkippedBlocks.Block("same_name_tokens / ann lee",
        300, 200, 60_000)), 20_000);
    Map<String, Object> m = new IdentityResult(10, 1, 1, 0, 0, 3, false, 0, 0, 0, 0, 1, 5, skipped).metrics();
    assertEquals(7L, m.get("skipped_blocks"));
    assertEquals(123_456L, m.get("skipped_block_pairs"));
    assertEquals(List.of("same_name_tokens / ann lee (60000 pairs)"), m.get("largest_skipped_blocks"));
    assertEquals(List.of("7 blocks over max_block_pairs 20,000 skipped, holding 123,456 candidate pairs that were not "
        + "compared; largest: same_name_tokens / ann lee (300 × 200 = 60,000), ..."), m.get(IdentityResult.WARNINGS));

    SkippedBlocks none = SkippedBlocks.of(new LinkageEngine(session(), MatchConfig.parse(CONFIG))
        .skippedBlocks(side("lid", "L1,smith,leeds"), side("rid", "R1,smith,leeds")), 2);
    assertFalse(none.any());
    assertNull(none.warning());
    Map<String, Object> quiet = new IdentityResult(1, 1, 1, 0, 0, 3, false, 0, 0, 0, 0, 1, 5, none).metrics();
    assertEquals(0L, quiet.get("skipped_blocks"));
    assertFalse(quiet.containsKey(IdentityResult.WARNINGS), "no warning when nothing was skipped");
  }
}
