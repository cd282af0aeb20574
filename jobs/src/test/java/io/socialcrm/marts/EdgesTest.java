package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The influence graph's edges from replies, quotes, reposts, comments and X mentions. */
class EdgesTest extends SparkTestBase {

  @Test
  void edgesPointFromTheActorToTheProfileItEngagesWith() {
    var rows = new ScoredInteractionRows()
        // A's post mentions B (twice), itself and C: A->B, A->C once each
        .add("x:post:100", "x", "A", "post", 1, 9, null, null, "B", List.of("B", "A", "C", "B"), "neutral")
        // B replies to A's post and @-mentions A: one edge B->A, not two
        .add("x:reply:101", "x", "B", "reply", 1, 10, null, "100", "A", List.of("A"), "neutral")
        // C reposts A's post; the repost carries the original's mention of D, which is not C's: C->A only
        .add("x:repost:102", "x", "C", "repost", 1, 11, null, "100", "A", List.of("A", "D"), null)
        // D quotes B's reply and mentions C: D->B and D->C
        .add("x:quote:103", "x", "D", "quote", 1, 12, null, "101", "B", List.of("C"), "positive")
        // A answers itself in the thread: no self-loop
        .add("x:reply:104", "x", "A", "reply", 1, 13, null, "101", "A", null, "neutral")
        // B replies to A again: B->A weighs 2
        .add("x:reply:105", "x", "B", "reply", 2, 9, null, "100", "A", List.of(), "neutral")
        // Facebook: the page P's post, a comment without target_profile_id (its author is looked up by post id)
        // and one with it: U->P weighs 2
        .add("fb:post:P_1", "facebook", "P", "post", 1, 8, null, null, null, null, "neutral")
        .add("fb:comment:P_1_c1", "facebook", "U", "comment", 1, 9, null, "P_1", null, null, "neutral")
        .add("fb:comment:P_1_c2", "facebook", "U", "comment", 1, 10, null, "P_1", "P", null, "neutral")
        // reactions and follows are not edges
        .add("fb:reaction:P_1:E", "facebook", "E", "reaction", 1, 11, null, "P_1", "P", null, null)
        .add("x:follow:E:A:1", "x", "E", "follow", 1, 12, null, null, "A", null, null)
        .frame(session());

    Map<String, Double> edges = new TreeMap<>();
    for (Row r : Edges.of(rows).collectAsList()) {
      edges.put(r.getString(0) + " -> " + r.getString(1), r.getDouble(2));
    }
    Map<String, Double> expected = new TreeMap<>(Map.of(
        "x:A -> x:B", 1.0, "x:A -> x:C", 1.0, "x:B -> x:A", 2.0, "x:C -> x:A", 1.0, "x:D -> x:B", 1.0,
        "x:D -> x:C", 1.0, "facebook:U -> facebook:P", 2.0));
    assertEquals(expected, edges);
  }
}
