package io.socialcrm.marts;

import static io.socialcrm.marts.PathRows.PATHS;
import static io.socialcrm.marts.PathRows.TOUCHES;
import static io.socialcrm.marts.PathRows.credits;
import static io.socialcrm.marts.PathRows.frame;
import static io.socialcrm.marts.PathRows.path;
import static io.socialcrm.marts.PathRows.touch;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.marts.MarkovAttribution.Fit;
import io.socialcrm.marts.MarkovAttribution.Transition;
import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The known path set, channels A = x:cA, B = facebook:cB, C = x:organic:
 * converting paths o1 = [A, B] (100.00), o2 = [A] (30.00), o3 = [B] (20.00), o4 = [C, A] (50.00);
 * null paths n1 = [B], n2 = [C].
 */
class MarkovAttributionTest extends SparkTestBase {
  private static final String A = "x:cA";
  private static final String B = "facebook:cB";
  private static final String C = "x:organic";
  private static final double EPS = 1e-12;

  private Dataset<Row> paths() {
    return frame(session(), PATHS,
        path("o1", "100.00", 5, "o1a", 1, A),
        path("o1", "100.00", 5, "o1b", 2, B),
        path("o2", "30.00", 5, "o2a", 1, A),
        path("o3", "20.00", 5, "o3b", 1, B),
        path("o4", "50.00", 5, "o4c", 1, C),
        path("o4", "50.00", 5, "o4a", 2, A));
  }

  private Dataset<Row> nullPaths() {
    return frame(session(), TOUCHES, touch("n1b", "n1", 1, B), touch("n2c", "n2", 1, C))
        .withColumn("path_id", col("customer_id"));
  }

  private Dataset<Row> noNullPaths() {
    return nullPaths().limit(0);
  }

  @Test
  void transitionsCountEveryStepOfEveryPath() {
    Map<String, Long> got = new TreeMap<>();
    for (Row r : MarkovAttribution.transitions(paths(), nullPaths()).collectAsList()) {
      got.put(r.getString(0) + ">" + r.getString(1), r.getLong(2));
    }
    String s = MarkovAttribution.START;
    String conv = MarkovAttribution.CONVERSION;
    String nul = MarkovAttribution.NULL;
    Map<String, Long> expected = new TreeMap<>(Map.of(
        s + ">" + A, 2L, s + ">" + B, 2L, s + ">" + C, 2L,
        A + ">" + B, 1L, A + ">" + conv, 2L,
        B + ">" + conv, 2L, B + ">" + nul, 1L,
        C + ">" + A, 1L, C + ">" + nul, 1L));
    assertEquals(expected, got);
  }

  @Test
  void removalEffectsWithoutNullPathsMatchTheHandSolvedChain() {
    // Counts: start -> A 2, B 1, C 1 (of 4); A -> B 1, conv 2 (of 3); B -> conv 2 (of 2); C -> A 1 (of 1).
    // x_s = P(conversion from s). Nothing is lost: x_A = x_B = x_C = 1 and P = x_start = 1.
    // Remove A (x_A = 0): x_B = 1, x_C = x_A = 0, P = 2/4*0 + 1/4*1 + 1/4*0 = 1/4 -> effect 1 - 1/4 = 3/4.
    // Remove B (x_B = 0): x_A = 1/3*0 + 2/3 = 2/3, x_C = 2/3, P = 2/4*2/3 + 0 + 1/4*2/3 = 1/2 -> effect 1/2.
    // Remove C (x_C = 0): x_A = 1/3*1 + 2/3 = 1, x_B = 1, P = 2/4 + 1/4 + 0 = 3/4 -> effect 1/4.
    Fit fit = MarkovAttribution.fit(paths(), noNullPaths());
    assertEquals(1.0, fit.conversionProbability(), EPS);
    assertEquals(3.0 / 4, fit.removalEffects().get(A), EPS);
    assertEquals(1.0 / 2, fit.removalEffects().get(B), EPS);
    assertEquals(1.0 / 4, fit.removalEffects().get(C), EPS);
    assertEquals(3, fit.removalEffects().size());

    // Credit within an order in proportion to the effects: o1 [A, B]: 3/4 : 1/2 = 3 : 2 -> 60, 40;
    // o4 [C, A]: 1/4 : 3/4 -> 12.5, 37.5; single-touch orders take it all.
    Map<String, Double> c = credits(MarkovAttribution.credit(paths(), fit));
    assertEquals(60.0, c.get("o1/o1a/markov"), 1e-9);
    assertEquals(40.0, c.get("o1/o1b/markov"), 1e-9);
    assertEquals(12.5, c.get("o4/o4c/markov"), 1e-9);
    assertEquals(37.5, c.get("o4/o4a/markov"), 1e-9);
    assertEquals(30.0, c.get("o2/o2a/markov"), 1e-9);
    assertEquals(20.0, c.get("o3/o3b/markov"), 1e-9);
  }

  @Test
  void removalEffectsWithNullPathsMatchTheHandSolvedChain() {
    // Counts: start -> A 2, B 2, C 2 (of 6); A -> B 1, conv 2 (of 3); B -> conv 2, null 1 (of 3);
    // C -> A 1, null 1 (of 2).
    // x_B = 2/3; x_A = 1/3 x_B + 2/3 = 8/9; x_C = 1/2 x_A = 4/9; P = (8/9 + 6/9 + 4/9) / 3 = 2/3.
    // Remove A: x_A = 0, x_B = 2/3, x_C = 0: P' = (2/3) / 3 = 2/9 -> effect 1 - (2/9)/(2/3) = 2/3.
    // Remove B: x_B = 0, x_A = 2/3, x_C = 1/3: P' = (2/3 + 1/3) / 3 = 1/3 -> effect 1/2.
    // Remove C: x_C = 0, x_A = 8/9, x_B = 2/3: P' = (8/9 + 6/9) / 3 = 14/27 -> effect 1 - 14/18 = 2/9.
    Fit fit = MarkovAttribution.fit(paths(), nullPaths());
    assertEquals(2.0 / 3, fit.conversionProbability(), EPS);
    assertEquals(2.0 / 3, fit.removalEffects().get(A), EPS);
    assertEquals(1.0 / 2, fit.removalEffects().get(B), EPS);
    assertEquals(2.0 / 9, fit.removalEffects().get(C), EPS);

    // o1 [A, B]: 2/3 : 1/2 = 4 : 3 -> 400/7, 300/7; o4 [C, A]: 2/9 : 6/9 = 1 : 3 -> 12.5, 37.5.
    Map<String, Double> c = credits(MarkovAttribution.credit(paths(), fit));
    assertEquals(400.0 / 7, c.get("o1/o1a/markov"), 1e-9);
    assertEquals(300.0 / 7, c.get("o1/o1b/markov"), 1e-9);
    assertEquals(12.5, c.get("o4/o4c/markov"), 1e-9);
    assertEquals(37.5, c.get("o4/o4a/markov"), 1e-9);
  }

  @Test
  void nothingConvertingGivesNoEffects() {
    Fit fit = MarkovAttribution.fit(List.of(new Transition(MarkovAttribution.START, A, 3),
        new Transition(A, MarkovAttribution.NULL, 3)));
    assertEquals(0.0, fit.conversionProbability(), EPS);
    assertEquals(Map.of(A, 0.0), fit.removalEffects());
  }

  @Test
  void noPathsAtAllFitAnEmptyModel() {
    Dataset<Row> none = paths().limit(0);
    Fit fit = MarkovAttribution.fit(none, noNullPaths());
    assertEquals(0.0, fit.conversionProbability(), EPS);
    assertEquals(Map.of(), fit.removalEffects());
    assertEquals(0, MarkovAttribution.credit(none, fit).count());
  }

  @Test
  void anOrderWhoseChannelsAllHaveNoEffectIsSplitLinearly() {
    // A fit that knows A (effect 0.5) and Z (effect 0): f1 [A, Y] gives all to A (Y is unknown: 0);
    // f2 [Z, Y] has only zero effects, so it is split evenly: 5 and 5.
    Fit fit = new Fit(0.5, Map.of(A, 0.5, "x:cZ", 0.0));
    Dataset<Row> paths = frame(session(), PATHS,
        path("f1", "10.00", 5, "f1a", 1, A),
        path("f1", "10.00", 5, "f1y", 2, "x:cY"),
        path("f2", "10.00", 5, "f2z", 1, "x:cZ"),
        path("f2", "10.00", 5, "f2y", 2, "x:cY"));
    Map<String, Double> c = credits(MarkovAttribution.credit(paths, fit));
    assertEquals(10.0, c.get("f1/f1a/markov"), 1e-9);
    assertEquals(0.0, c.get("f1/f1y/markov"), 1e-9);
    assertEquals(5.0, c.get("f2/f2z/markov"), 1e-9);
    assertEquals(5.0, c.get("f2/f2y/markov"), 1e-9);
  }
}
