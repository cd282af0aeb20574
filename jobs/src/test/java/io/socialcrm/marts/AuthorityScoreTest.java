package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.SparkTestBase;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Weighted PageRank with DataFrames against hand-solved graphs and a plain Java power iteration. */
class AuthorityScoreTest extends SparkTestBase {

  private static final StructType EDGES = new StructType()
      .add("src", DataTypes.StringType).add("dst", DataTypes.StringType).add("weight", DataTypes.DoubleType);

  private Dataset<Row> edges(Object[]... e) {
    return session().createDataFrame(Arrays.stream(e).map(RowFactory::create).toList(), EDGES);
  }

  private static Map<String, Double> scores(Dataset<Row> ranks) {
    Map<String, Double> m = new HashMap<>();
    for (Row r : ranks.collectAsList()) {
      m.put(r.getString(0), r.getDouble(1));
    }
    return m;
  }

  @Test
  void chainWithDanglingEndMatchesTheHandSolution() {
    // a -> b -> c, c dangling, damping 0.5. Linear system x = 0.5 P^T x + 0.5:
    // x_a = 0.5, x_b = 0.5 + 0.5*0.5 = 0.75, x_c = 0.5 + 0.5*0.75 = 0.875; sum 2.125 -> 4/17, 6/17, 7/17.
    // Check with the classic form: jump + dangling mass = (0.5*7/17 + 0.5)/3 = 4/17 each;
    // a = 4/17, b = 4/17 + 0.5*4/17 = 6/17, c = 4/17 + 0.5*6/17 = 7/17.
    Map<String, Double> s = scores(AuthorityScore.pageRank(edges(
        new Object[] {"a", "b", 1.0}, new Object[] {"b", "c", 1.0}), 0.5, 5));
    assertEquals(3, s.size());
    assertEquals(4.0 / 17, s.get("a"), 1e-12);
    assertEquals(6.0 / 17, s.get("b"), 1e-12);
    assertEquals(7.0 / 17, s.get("c"), 1e-12);
  }

  @Test
  void weightsSplitTheMassAndParallelEdgesAddUp() {
    // a -> b with weight 2 + 1 (two rows), a -> c with weight 1: a passes 3/4 to b and 1/4 to c; damping 0.5.
    // x_a = 0.5, x_b = 0.5 + 0.5*0.75*0.5 = 0.6875, x_c = 0.5 + 0.5*0.25*0.5 = 0.5625; sum 1.75
    // -> a = 8/28, b = 11/28, c = 9/28 (classic: jump + dangling (b, c) = (0.5*20/28 + 0.5)/3 = 8/28;
    // b = 8/28 + 0.5*0.75*8/28 = 11/28, c = 8/28 + 0.5*0.25*8/28 = 9/28).
    // A zero-weight edge c -> a is ignored (c stays dangling), a null-weight edge too.
    Map<String, Double> s = scores(AuthorityScore.pageRank(edges(
        new Object[] {"a", "b", 2.0}, new Object[] {"a", "b", 1.0}, new Object[] {"a", "c", 1.0},
        new Object[] {"c", "a", 0.0}, new Object[] {"b", "a", null}), 0.5, 5));
    assertEquals(8.0 / 28, s.get("a"), 1e-12);
    assertEquals(11.0 / 28, s.get("b"), 1e-12);
    assertEquals(9.0 / 28, s.get("c"), 1e-12);
  }

  @Test
  void matchesAPlainPowerIterationOnAGraphWithCyclesAndDanglingNodes() {
    Object[][] e = {
        {"a", "b", 2.0}, {"a", "c", 1.0}, {"b", "c", 1.0}, {"c", "a", 1.0}, {"c", "e", 3.0},
        {"d", "a", 1.0}, {"d", "b", 1.0}, {"f", "e", 0.5}, {"e", "g", 1.0}, {"g", "e", 1.0}, {"h", "i", 1.0}};
    // damping 0.5: the error shrinks by half per iteration, so 24 iterations leave less than 1e-6
    Map<String, Double> expected = powerIteration(e, 0.5, 1000);
    Map<String, Double> s = scores(AuthorityScore.pageRank(edges(e), 0.5, 24));
    assertEquals(expected.keySet(), s.keySet());
    double total = 0;
    for (var entry : expected.entrySet()) {
      assertEquals(entry.getValue(), s.get(entry.getKey()), 1e-6, entry.getKey());
      total += s.get(entry.getKey());
    }
    assertEquals(1.0, total, 1e-9);
    // i (dangling, fed only by h) ranks above h (no in-edges): h = jump share only
    assertTrue(s.get("i") > s.get("h"));
  }

  @Test
  void rejectsDampingOutsideZeroToOneAndNoIterations() {
    Dataset<Row> e = edges(new Object[] {"a", "b", 1.0});
    assertThrows(SocialCrmException.class, () -> AuthorityScore.pageRank(e, 1.0, 10));
    assertThrows(SocialCrmException.class, () -> AuthorityScore.pageRank(e, 0.85, 0));
  }

  /**
   * The textbook power iteration, independent of the DataFrame version: start uniform; each step every node
   * keeps (1 - d)/N, gets d times its in-neighbours' scores split by out-weight, and d times the dangling nodes'
   * mass spread uniformly.
   */
  static Map<String, Double> powerIteration(Object[][] edges, double d, int iterations) {
    TreeSet<String> nodes = new TreeSet<>();
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (Object[] e : edges) {
      nodes.add((String) e[0]);
      nodes.add((String) e[1]);
      out.computeIfAbsent((String) e[0], k -> new LinkedHashMap<>()).merge((String) e[1], (Double) e[2], Double::sum);
    }
    int n = nodes.size();
    Map<String, Double> rank = new HashMap<>();
    nodes.forEach(v -> rank.put(v, 1.0 / n));
    for (int it = 0; it < iterations; it++) {
      double dangling = 0;
      for (String v : nodes) {
        if (!out.containsKey(v)) {
          dangling += rank.get(v);
        }
      }
      Map<String, Double> next = new HashMap<>();
      for (String v : nodes) {
        next.put(v, (1 - d) / n + d * dangling / n);
      }
      for (var src : out.entrySet()) {
        double total = src.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
        for (var dst : src.getValue().entrySet()) {
          next.merge(dst.getKey(), d * rank.get(src.getKey()) * dst.getValue() / total, Double::sum);
        }
      }
      rank.clear();
      rank.putAll(next);
    }
    return rank;
  }
}
