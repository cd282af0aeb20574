package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** EM recovers known m and λ from synthetic pairs; u comes from random pairs; the model round-trips as JSON. */
class EstimationTest extends SparkTestBase {

  // Three comparisons with three model levels each (exact, close, else); the levels' conditions do not matter to EM.
  static final String CONFIG = """
      {"name": "em", "left_id": "id", "right_id": "id", "prior": 0.5, "em_max_iterations": 200,
       "em_tolerance": 0.000001, "u_random_pairs": 40000, "seed": 7,
       "blocking_rules": [{"name": "all", "keys": [{"left": "id", "right": "id"}]}],
       "comparisons": [
         {"name": "a", "left_columns": ["a"], "right_columns": ["a"], "levels": [
           {"type": "null"}, {"type": "exact"}, {"type": "levenshtein", "max": 1}, {"type": "else"}]},
         {"name": "b", "left_columns": ["b"], "right_columns": ["b"], "levels": [
           {"type": "null"}, {"type": "exact"}, {"type": "levenshtein", "max": 1}, {"type": "else"}]},
         {"name": "c", "left_columns": ["c"], "right_columns": ["c"], "levels": [
           {"type": "null"}, {"type": "exact"}, {"type": "levenshtein", "max": 1}, {"type": "else"}]}]}
      """;
  static final double LAMBDA = 0.3;
  static final double[][] M = {{0.8, 0.15, 0.05}, {0.7, 0.2, 0.1}, {0.6, 0.3, 0.1}};
  static final double[][] U = {{0.05, 0.1, 0.85}, {0.1, 0.2, 0.7}, {0.02, 0.08, 0.9}};

  private static int draw(Random r, double[] p) {
    double x = r.nextDouble();
    for (int k = 0; k < p.length - 1; k++) {
      x -= p[k];
      if (x < 0) {
        return k;
      }
    }
    return p.length - 1;
  }

  @Test
  void emRecoversKnownMAndLambdaWithUFixed() {
    Random r = new Random(20261101L);
    List<Row> rows = new ArrayList<>();
    int n = 30_000;
    for (int i = 0; i < n; i++) {
      boolean match = r.nextDouble() < LAMBDA;
      double[][] p = match ? M : U;
      // 10% of the b values are missing: the null level takes no part in EM.
      int b = r.nextDouble() < 0.1 ? -1 : draw(r, p[1]);
      rows.add(RowFactory.create(1L, draw(r, p[0]), b, draw(r, p[2])));
    }
    StructType schema = new StructType().add(LinkageEngine.BLOCKING_RULE_MASK, DataTypes.LongType)
        .add("gamma_a", DataTypes.IntegerType).add("gamma_b", DataTypes.IntegerType)
        .add("gamma_c", DataTypes.IntegerType);
    Dataset<Row> compared = session().createDataFrame(rows, schema);

    List<MatchModel.ComparisonParams> start = new ArrayList<>();
    String[] names = {"a", "b", "c"};
    String[] labels = {"exact", "levenshtein<=1", "else"};
    for (int c = 0; c < 3; c++) {
      List<MatchModel.LevelParams> levels = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        levels.add(new MatchModel.LevelParams(labels[k], 1.0 / 3, U[c][k]));
      }
      start.add(new MatchModel.ComparisonParams(names[c], levels));
    }
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));
    // Every pair is a candidate here, so λ over candidates is also λ over all pairs.
    MatchModel fitted = engine.expectationMaximisation(compared, new MatchModel(0.5, start, 0, false, Map.of()), n);

    Assertions.assertTrue(fitted.converged(), "EM did not converge in " + fitted.iterations() + " iterations");
    assertEquals(LAMBDA, fitted.lambda(), 0.02);
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < 3; k++) {
        MatchModel.LevelParams p = fitted.comparisons().get(c).levels().get(k);
        assertEquals(M[c][k], p.m(), 0.03, "m of " + names[c] + " level " + k);
        assertEquals(U[c][k], p.u(), 1e-12, "u stays fixed");
      }
    }

    MatchModel back = MatchModel.fromJson(fitted.toJson());
    assertEquals(fitted.lambda(), back.lambda(), 1e-12);
    assertEquals(fitted.iterations(), back.iterations());
    assertEquals(fitted.comparisons(), back.comparisons());
  }

  /** One side of the random pairs of the u tests: an id and the three compared columns. */
  private static final StructType PAIR_SIDE = new StructType().add("id", DataTypes.StringType)
      .add("a", DataTypes.StringType).add("b", DataTypes.StringType).add("c", DataTypes.StringType);

  @Test
  void uComesFromRandomPairsWithoutACrossProduct() {
    // Left: a = "alpha" for 30% of rows; right: a = "alpha" for 50%. Random pairs agree on a with probability
    // 0.3 * 0.5 + 0.7 * 0.5 = 0.5 ("omega" elsewhere, more than one edit away).
    List<Row> l = new ArrayList<>();
    List<Row> rr = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      l.add(RowFactory.create("l" + i, i % 10 < 3 ? "alpha" : "omega", "b" + i, i % 4 == 0 ? null : "c"));
      rr.add(RowFactory.create("r" + i, i % 2 == 0 ? "alpha" : "omega", "b" + (i + 5000), "c"));
    }
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));
    MatchModel model = engine.estimateU(session().createDataFrame(l, PAIR_SIDE), session().createDataFrame(rr, PAIR_SIDE));
    MatchModel.ComparisonParams a = model.comparison("a");
    assertEquals(0.5, a.levels().get(0).u(), 0.03);
    assertEquals(0.0, a.levels().get(1).u(), 0.001); // never within one edit: the floor of half a pair
    assertEquals(0.5, a.levels().get(2).u(), 0.03);
    MatchModel.ComparisonParams b = model.comparison("b");
    // b values never agree (b0..b999 vs b5000..b5999): the exact level gets the floor of half a pair.
    Assertions.assertTrue(b.levels().get(0).u() < 1e-4, "u floor for a level never seen: " + b.levels().get(0).u());
    // c: always equal when present (nulls excluded from u).
    assertEquals(1.0, model.comparison("c").levels().get(0).u(), 1e-4);
  }

  @Test
  void uIsTheSameHoweverTheRowsArePartitioned() {
    List<Row> l = new ArrayList<>();
    List<Row> rr = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      l.add(RowFactory.create("l" + i, i % 10 < 3 ? "alpha" : "omega", "b" + (i % 7), i % 4 == 0 ? null : "c"));
      rr.add(RowFactory.create("r" + i, i % 2 == 0 ? "alpha" : "omega", "b" + (i % 5), "c"));
    }
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));
    Dataset<Row> left = session().createDataFrame(l, PAIR_SIDE);
    Dataset<Row> right = session().createDataFrame(rr, PAIR_SIDE);
    String one = engine.estimateU(left.repartition(1), right.repartition(1)).toJson();
    String seven = engine.estimateU(left.repartition(7), right.repartition(3)).toJson();
    // rand(seed) is seeded per partition: with it these differed, and a cluster's links differed from a local run's
    assertEquals(one, seven);
  }
}
