package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** One-to-one within a platform: mutual best pairs first, then the rest greedily; platforms are independent. */
class OneToOneTest extends SparkTestBase {

  @Test
  void keepsOneAccountPerCustomerAndPlatformGreedily() {
    StructType s = new StructType().add("l_platform", DataTypes.StringType).add("l_key", DataTypes.StringType)
        .add("r_id", DataTypes.StringType).add(LinkageEngine.MATCH_PROBABILITY, DataTypes.DoubleType);
    Dataset<Row> scored = session().createDataFrame(Arrays.asList(
        // C1 has two candidate X accounts: the better one wins; its Facebook account is kept too.
        RowFactory.create("x", "x:1", "C1", 0.99),
        RowFactory.create("x", "x:2", "C1", 0.97),
        RowFactory.create("facebook", "fb:1", "C1", 0.96),
        // A chain: x:4-C3 is mutual best (round 1); x:3 loses C3 and falls back to C2 (round 2).
        RowFactory.create("x", "x:3", "C3", 0.95),
        RowFactory.create("x", "x:3", "C2", 0.90),
        RowFactory.create("x", "x:4", "C3", 0.97),
        // A tie: the smaller id wins, deterministically.
        RowFactory.create("x", "x:6", "C5", 0.90),
        RowFactory.create("x", "x:5", "C5", 0.90)), s);

    Dataset<Row> assigned = LinkageEngine.oneToOne(scored, List.of("l_platform"), "l_key", "r_id");
    Map<String, String> links = assigned.collectAsList().stream().collect(Collectors.toMap(
        r -> r.getString(1), r -> r.getString(2) + "@" + r.getInt(r.fieldIndex("assignment_round"))));
    assertEquals(Map.of("x:1", "C1@1", "fb:1", "C1@1", "x:4", "C3@1", "x:3", "C2@2", "x:5", "C5@1"), links);
  }

  @Test
  void pairsOffTheCopiesOfAnExactDuplicateInOneRound() {
    StructType s = new StructType().add("l_id", DataTypes.StringType).add("r_id", DataTypes.StringType)
        .add(LinkageEngine.MATCH_PROBABILITY, DataTypes.DoubleType);
    // Four copies of one record on each side (all 16 pairs alike), and l9 whose best, r9, another left prefers.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        rows.add(RowFactory.create("l" + i, "r" + j, 0.99));
      }
    }
    rows.add(RowFactory.create("l8", "r9", 0.98));
    rows.add(RowFactory.create("l9", "r9", 0.97));
    rows.add(RowFactory.create("l9", "r8", 0.96));
    Map<String, String> links = LinkageEngine.oneToOne(session().createDataFrame(rows, s), List.of(), "l_id", "r_id")
        .collectAsList().stream().collect(Collectors.toMap(
            r -> r.getString(0), r -> r.getString(1) + "@" + r.getInt(r.fieldIndex("assignment_round"))));
    assertEquals(Map.of("l0", "r0@1", "l1", "r1@1", "l2", "r2@1", "l3", "r3@1", "l8", "r9@1", "l9", "r8@2"), links);
  }
}
