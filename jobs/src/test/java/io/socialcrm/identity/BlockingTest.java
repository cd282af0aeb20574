package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.SparkTestBase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Blocking yields exactly the pairs its rules define, each once under its first rule, and never a cross join. */
class BlockingTest extends SparkTestBase {

  static final String CONFIG = """
      {"name": "blocking", "left_id": "lid", "right_id": "rid", "max_block_pairs": 3,
       "blocking_rules": [
         {"name": "same_email", "keys": [{"left": "email", "right": "lower(mail)"}]},
         {"name": "same_last_and_city", "keys": [
           {"left": "element_at(split(name, ' '), -1)", "right": "last"},
           {"left": "city", "right": "city"}]}],
       "comparisons": [{"name": "city", "left_columns": ["city"], "right_columns": ["city"],
                        "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]}]}
      """;

  private Dataset<Row> left() {
    StructType s = new StructType().add("lid", DataTypes.StringType).add("name", DataTypes.StringType)
        .add("email", DataTypes.StringType).add("city", DataTypes.StringType);
    return session().createDataFrame(Arrays.asList(
        RowFactory.create("L1", "ann smith", "ann@x.com", "leeds"),
        RowFactory.create("L2", "bob smith", null, "leeds"),
        RowFactory.create("L3", "cy jones", "cy@y.com", "york"),
        RowFactory.create("L4", "di brown", null, "bath"),
        RowFactory.create("L5", "ed brown", null, "bath"),
        RowFactory.create("L6", "fay jones", null, null)), s);
  }

  private Dataset<Row> right() {
    StructType s = new StructType().add("rid", DataTypes.StringType).add("last", DataTypes.StringType)
        .add("mail", DataTypes.StringType).add("city", DataTypes.StringType);
    return session().createDataFrame(Arrays.asList(
        RowFactory.create("R1", "smith", "ANN@x.com", "leeds"),
        RowFactory.create("R2", "jones", "cy@y.com", "hull"),
        RowFactory.create("R3", "brown", null, "bath"),
        RowFactory.create("R4", "brown", null, "bath"),
        RowFactory.create("R5", "jones", null, null)), s);
  }

  /**
   * The blocking counts kept with the model are one string whatever the JVM: a cluster run and a local run of the
   * same date wrote them with "generated" and "kept" swapped (Map.of orders its keys per JVM) before.
   */
  @Test
  void blockingCountsAreWrittenAsTheSameJsonInEveryJvm() {
    Map<String, long[]> counts = new LinkedHashMap<>();
    counts.put("x_handle_given_to_crm", new long[] {145, 145});
    counts.put("email", new long[] {9, 7});
    assertEquals("{\"email\":{\"generated\":9,\"kept\":7},\"x_handle_given_to_crm\":{\"generated\":145,\"kept\":145}}",
        IdentityJob.blockingJson(counts));
  }

  @Test
  void producesExactlyTheRulePairsOnceAndSkipsOversizedBlocks() {
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));
    BlockingResult result = engine.block(left(), right());
    Dataset<Row> pairs = result.pairs();

    Map<String, String> byPair = pairs.collectAsList().stream().collect(Collectors.toMap(
        r -> r.getAs("l_lid") + "-" + r.getAs("r_rid"), r -> r.getAs(LinkageEngine.BLOCKING_RULE)));
    // L1-R1 agree on e-mail and on last name + city: kept once, under the first rule.
    // L2-R1 agree on last name + city. brown/bath would give 2 x 2 = 4 pairs > max_block_pairs 3: skipped.
    // L6 and R5 have a null city: null keys never pair.
    assertEquals(Map.of("L1-R1", "same_email", "L3-R2", "same_email", "L2-R1", "same_last_and_city"), byPair);
    Row l1r1 = pairs.filter("l_lid = 'L1'").first();
    assertEquals("leeds", l1r1.getAs("l_city"));
    assertEquals("leeds", l1r1.getAs("r_city"));
    assertEquals(3L, (long) l1r1.<Long>getAs(LinkageEngine.BLOCKING_RULE_MASK));

    Map<String, long[]> counts = result.countsByRule();
    assertEquals(List.of("same_email", "same_last_and_city"), List.copyOf(counts.keySet()));
    Assertions.assertArrayEquals(new long[] {2, 2}, counts.get("same_email"));
    Assertions.assertArrayEquals(new long[] {2, 1}, counts.get("same_last_and_city"));

    List<Row> skipped = result.skippedKeys().collectAsList();
    assertEquals(1, skipped.size());
    assertEquals("same_last_and_city", skipped.get(0).getString(0));
    assertEquals("brown | bath", skipped.get(0).getString(1));
    assertEquals(List.of(2L, 2L, 4L), List.of(skipped.get(0).getLong(2), skipped.get(0).getLong(3),
        skipped.get(0).getLong(4)));

    String plan = pairs.queryExecution().executedPlan().toString();
    assertFalse(plan.contains("CartesianProduct") || plan.contains("NestedLoopJoin"), plan);
    assertEquals(Set.of("l_lid", "l_city", "r_rid", "r_city", LinkageEngine.BLOCKING_RULE,
        LinkageEngine.BLOCKING_RULE_MASK), Set.of(pairs.columns()));
  }

  @Test
  void blockingChangedRecordsGivesTheFullPairsThatTouchThemWithBlocksSizedOnTheWholeTables() {
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));
    Dataset<Row> changedLeft = session().sql("SELECT 'L4' AS lid");
    Dataset<Row> changedRight = session().sql("SELECT 'R1' AS rid");
    Set<String> touching = pairIds(engine.block(left(), right()).pairs()
        .filter("l_lid = 'L4' OR r_rid = 'R1'"));
    // L4 alone against brown/bath would make 1 x 2 = 2 pairs: the whole tables make 4, so the block stays skipped.
    assertEquals(Set.of("L1-R1 same_email", "L2-R1 same_last_and_city"), touching);
    assertEquals(touching, pairIds(engine.block(left(), right(), changedLeft, changedRight).pairs()));

    Dataset<Row> skipped = engine.skippedBlocks(left(), right())
        .select(LinkageEngine.blockName(org.apache.spark.sql.functions.col(LinkageEngine.BLOCKING_RULE),
            org.apache.spark.sql.functions.col("key")).as("block"));
    assertEquals(List.of("same_last_and_city / brown | bath"),
        skipped.collectAsList().stream().map(r -> r.getString(0)).toList());
    assertEquals(Set.of("L4", "L5"), engine.recordsInBlocks(left(), true, skipped).collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet()));
    assertEquals(Set.of("R3", "R4"), engine.recordsInBlocks(right(), false, skipped).collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet()));
  }

  private static Set<String> pairIds(Dataset<Row> pairs) {
    return pairs.collectAsList().stream()
        .map(r -> r.getAs("l_lid") + "-" + r.getAs("r_rid") + " " + r.getAs(LinkageEngine.BLOCKING_RULE))
        .collect(Collectors.toSet());
  }

  @Test
  void aColumnTheConfigReadsMustExist() {
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));
    var e = Assertions.assertThrows(SocialCrmException.class,
        () -> engine.block(left().drop("city"), right()));
    Assertions.assertTrue(e.getMessage().contains("the left table has no column 'city'"), e.getMessage());
  }
}
