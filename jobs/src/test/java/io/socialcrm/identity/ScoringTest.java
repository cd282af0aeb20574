package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Scoring: weights are log2(m/u) plus the prior's log odds; on a tf level a rare value weighs more than a common one. */
class ScoringTest extends SparkTestBase {

  static final String CONFIG = """
      {"name": "tf", "left_id": "lid", "right_id": "rid", "tf_minimum_u": 0.0001,
       "blocking_rules": [{"name": "same_last", "keys": [{"left": "last", "right": "last"}]}],
       "comparisons": [
         {"name": "last", "left_columns": ["last"], "right_columns": ["last"], "levels": [
           {"type": "null"}, {"type": "exact", "tf_adjust": true}, {"type": "else"}]},
         {"name": "city", "left_columns": ["city"], "right_columns": ["city"], "levels": [
           {"type": "null"}, {"type": "exact"}, {"type": "else"}]}]}
      """;

  @Test
  void aRareNameAgreeingOutweighsACommonOne() {
    StructType s = new StructType().add("id", DataTypes.StringType).add("last", DataTypes.StringType)
        .add("city", DataTypes.StringType);
    List<Row> right = new ArrayList<>();
    for (int i = 0; i < 99; i++) {
      right.add(RowFactory.create("R" + i, "smith", "leeds"));
    }
    right.add(RowFactory.create("R99", "zbigniewski", "leeds"));
    Dataset<Row> r = session().createDataFrame(right, s).withColumnRenamed("id", "rid");
    Dataset<Row> l = session().createDataFrame(Arrays.asList(
        RowFactory.create("L1", "smith", "leeds"), RowFactory.create("L2", "zbigniewski", "york"),
        RowFactory.create("L3", "zbigniewski", null)), s).withColumnRenamed("id", "lid");

    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));
    MatchModel model = new MatchModel(0.01, List.of(
        new MatchModel.ComparisonParams("last", List.of(new MatchModel.LevelParams("exact", 0.9, 0.05),
            new MatchModel.LevelParams("else", 0.1, 0.95))),
        new MatchModel.ComparisonParams("city", List.of(new MatchModel.LevelParams("exact", 0.8, 0.2),
            new MatchModel.LevelParams("else", 0.2, 0.8)))), 3, true, Map.of())
        .withTermFrequencies(engine.termFrequencies(l, r));
    Dataset<Row> scored = engine.score(engine.compare(engine.candidatePairs(l, r)), model);

    double prior = Math.log(0.01 / 0.99) / Math.log(2);
    double log2 = Math.log(2);
    Row common = scored.filter("l_lid = 'L1' AND r_rid = 'R0'").first();
    Row rare = scored.filter("l_lid = 'L2'").first();
    Row rareNoCity = scored.filter("l_lid = 'L3'").first();
    // Over both tables' 103 values: smith tf 100/103, zbigniewski 3/103, replacing u on the exact level.
    double commonWeight = Math.log(0.9 / (100.0 / 103)) / log2;
    double rareWeight = Math.log(0.9 / (3.0 / 103)) / log2;
    assertEquals(prior + commonWeight + Math.log(0.8 / 0.2) / log2, common.<Double>getAs("match_weight"), 1e-9);
    assertEquals(prior + rareWeight + Math.log(0.2 / 0.8) / log2, rare.<Double>getAs("match_weight"), 1e-9);
    assertEquals(prior + rareWeight, rareNoCity.<Double>getAs("match_weight"), 1e-9);
    Assertions.assertTrue(rareWeight > commonWeight + 4);
    double w = rareNoCity.<Double>getAs("match_weight");
    assertEquals(Math.pow(2, w) / (1 + Math.pow(2, w)), rareNoCity.<Double>getAs("match_probability"), 1e-12);
    assertEquals(99 + 2, scored.count()); // L1 pairs with the 99 smiths; L2 and L3 with R99

    List<Row> evidence = rare.getList(rare.fieldIndex("evidence"));
    assertEquals(2, evidence.size());
    Row last = evidence.get(0);
    assertEquals("last", last.getAs("comparison"));
    assertEquals("exact", last.getAs("level"));
    assertEquals(rareWeight, last.<Double>getAs("weight"), 1e-9);
    assertEquals("zbigniewski", last.getAs("left"));
    assertEquals("zbigniewski", last.getAs("right"));
    Row city = evidence.get(1);
    assertEquals("else", city.getAs("level"));
    assertEquals("york", city.getAs("left"));
    assertEquals("leeds", city.getAs("right"));
    Row nullCity = rareNoCity.<Row>getList(rareNoCity.fieldIndex("evidence")).get(1);
    assertEquals("null", nullCity.getAs("level"));
    assertEquals(0.0, nullCity.<Double>getAs("weight"));
    Assertions.assertFalse(List.of(scored.columns()).stream().anyMatch(c -> c.startsWith("_")));
    assertEquals(0, scored.filter(col("match_probability").isNull()).count());
  }

  @Test
  void aNameOneCustomerHoldsIsRarerThanOneInTheCustomersUnderGoodTuring() {
    StructType s = new StructType().add("id", DataTypes.StringType).add("last", DataTypes.StringType)
        .add("city", DataTypes.StringType);
    // Right table: 12 names held once, 3 held twice, 1 held three times, smith 30 times: 51 customers.
    List<Row> right = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < 12; i++) {
      right.add(RowFactory.create("R" + id++, "once" + i, "leeds"));
    }
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 2; k++) {
        right.add(RowFactory.create("R" + id++, "twice" + i, "leeds"));
      }
    }
    for (int k = 0; k < 3; k++) {
      right.add(RowFactory.create("R" + id++, "thrice", "leeds"));
    }
    for (int k = 0; k < 30; k++) {
      right.add(RowFactory.create("R" + id++, "smith", "leeds"));
    }
    Dataset<Row> r = session().createDataFrame(right, s).withColumnRenamed("id", "rid");
    Dataset<Row> l = session().createDataFrame(Arrays.asList(
        RowFactory.create("L1", "once0", "leeds"), RowFactory.create("L2", "twice0", "leeds"),
        RowFactory.create("L3", "smith", "leeds")), s).withColumnRenamed("id", "lid");

    String config = CONFIG.replace("\"tf_minimum_u\": 0.0001,", "\"tf_minimum_u\": 0.0000001, \"tf_good_turing_max_count\": 2,");
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(config));
    Map<String, Double> tf = new HashMap<>();
    engine.termFrequencies(l, r).get("last").collectAsList().forEach(row -> tf.put(row.getString(0), row.getDouble(1)));
    // Held r times by the customers, r <= 2: (r+1) N(r+1) / N(r) of 51 customers (N(1) 12, N(2) 3, N(3) 1).
    assertEquals(2.0 * 3 / 12 / 51, tf.get("once0"), 1e-12);
    assertEquals(3.0 * 1 / 3 / 51, tf.get("twice0"), 1e-12);
    // Above the cut, the share of both tables' 54 values, as without Good-Turing.
    assertEquals(3.0 / 54, tf.get("thrice"), 1e-12);
    assertEquals(31.0 / 54, tf.get("smith"), 1e-12);
    // Without the setting, a name held once is as rare as its share of both tables.
    Map<String, Double> plain = new HashMap<>();
    new LinkageEngine(session(), MatchConfig.parse(CONFIG)).termFrequencies(l, r).get("last").collectAsList()
        .forEach(row -> plain.put(row.getString(0), row.getDouble(1)));
    assertEquals(2.0 / 54, plain.get("once0"), 1e-12);
  }
}
