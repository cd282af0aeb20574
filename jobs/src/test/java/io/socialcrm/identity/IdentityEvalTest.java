package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Precision and recall against the truth, counting only the pairs the pipeline may link. */
class IdentityEvalTest extends SparkTestBase {

  @Test
  void precisionAndRecallCountOnlyLinkablePairs() {
    Dataset<Row> truth = spark().sql("SELECT * FROM VALUES ('x','1','C1'), ('x','2','C2'), ('facebook','3','C3'),"
        + " ('x','4','C4'), ('x','5','C5') AS t(platform, profile_id, customer_id)");
    Dataset<Row> profiles = spark().sql("SELECT * FROM VALUES ('x','1'), ('x','2'), ('facebook','3'), ('x','4'),"
        + " ('x','6') AS t(platform, profile_id)"); // x:5 never showed up in the lake
    Dataset<Row> consent = spark().sql("SELECT * FROM VALUES ('C1','x',true), ('C2','x',true), ('C3','facebook',true),"
        + " ('C4','x',false) AS t(customer_id, platform, granted)"); // C4 withdrew
    Dataset<Row> links = spark().sql("SELECT * FROM VALUES ('x','1','C1'), ('x','2','C9'), ('facebook','3','C3')"
        + " AS t(platform, profile_id, customer_id)");
    IdentityEval.Result r = IdentityEval.evaluate(links, truth, profiles, consent);
    assertEquals(3, r.links());
    assertEquals(3, r.eligibleTruth());
    assertEquals(2, r.correct());
    assertEquals("precision=0.6667 recall=0.6667 f1=0.6667", r.line());
  }

  @Test
  void recallPerEvidenceClassCountsTheLinkablePairsOfEachClass() {
    Dataset<Row> truth = spark().sql("SELECT * FROM VALUES ('x','1','C1','deterministic'), ('x','2','C2','deterministic'),"
        + " ('x','3','C3','distinctive'), ('x','4','C4','none'), ('x','5','C5','name_only')"
        + " AS t(platform, profile_id, customer_id, evidence)");
    Dataset<Row> profiles = spark().sql("SELECT * FROM VALUES ('x','1'), ('x','2'), ('x','3'), ('x','4')"
        + " AS t(platform, profile_id)"); // x:5 never showed up
    Dataset<Row> consent = spark().sql("SELECT * FROM VALUES ('C1','x',true), ('C2','x',true), ('C3','x',true),"
        + " ('C4','x',true), ('C5','x',true) AS t(customer_id, platform, granted)");
    Dataset<Row> links = spark().sql("SELECT * FROM VALUES ('x','1','C1'), ('x','2','C9'), ('x','3','C3')"
        + " AS t(platform, profile_id, customer_id)");
    IdentityEval.Result r = IdentityEval.evaluate(links, truth, profiles, consent);
    assertEquals(3, r.byEvidence().size(), "name_only's only pair is not linkable");
    assertEquals(List.of(2L, 1L), List.of(r.byEvidence().get("deterministic")[0], r.byEvidence().get("deterministic")[1]));
    assertEquals(List.of(1L, 1L), List.of(r.byEvidence().get("distinctive")[0], r.byEvidence().get("distinctive")[1]));
    assertEquals(List.of(1L, 0L), List.of(r.byEvidence().get("none")[0], r.byEvidence().get("none")[1]));
    assertEquals("deterministic=0.5000 (1 of 2) distinctive=1.0000 (1 of 1) none=0.0000 (0 of 1)", r.evidenceLine());
  }

  @Test
  void whatIfThresholdsCutProbabilisticLinksAndAddTheBestReviewPairs() {
    Dataset<Row> truth = spark().sql("SELECT * FROM VALUES ('x','1','C1','deterministic'), ('x','2','C2','distinctive'),"
        + " ('x','3','C3','distinctive'), ('x','4','C4','name_only') AS t(platform, profile_id, customer_id, evidence)");
    Dataset<Row> profiles = spark().sql("SELECT * FROM VALUES ('x','1'), ('x','2'), ('x','3'), ('x','4'), ('x','5')"
        + " AS t(platform, profile_id)");
    Dataset<Row> consent = spark().sql("SELECT * FROM VALUES ('C1','x',true), ('C2','x',true), ('C3','x',true),"
        + " ('C4','x',true), ('C9','x',true) AS t(customer_id, platform, granted)");
    Dataset<Row> links = spark().sql("SELECT * FROM VALUES ('x','1','C1','crm_handle',1.0D),"
        + " ('x','2','C2','probabilistic',0.97D) AS t(platform, profile_id, customer_id, method, match_probability)");
    // Review: x:3 has its true customer at 0.8 and a wrong one at 0.6; x:5 (a stranger) also wants C3, at 0.7;
    // x:4's true pair sits at 0.55.
    Dataset<Row> review = spark().sql("SELECT * FROM VALUES ('x','3','C3',0.8D), ('x','3','C9',0.6D),"
        + " ('x','5','C3',0.7D), ('x','4','C4',0.55D) AS t(platform, profile_id, customer_id, match_probability)");
    List<IdentityEval.AtThreshold> at = IdentityEval.atThresholds(
        IdentityEval.evaluate(links, truth, profiles, consent), links, review, truth, profiles, consent,
        new double[] {0.99, 0.95, 0.75, 0.5});
    // 0.99: only the deterministic link is left.
    assertEquals(List.of(1L, 1L), List.of(at.get(0).result().links(), at.get(0).result().correct()));
    // 0.95: as linked now.
    assertEquals(List.of(2L, 2L), List.of(at.get(1).result().links(), at.get(1).result().correct()));
    // 0.75: x:3 -> C3 joins; 0.5: x:4 -> C4 too, while x:3 -> C9 and x:5 -> C3 lose to x:3 -> C3 (one-to-one).
    assertEquals(List.of(3L, 3L), List.of(at.get(2).result().links(), at.get(2).result().correct()));
    assertEquals(List.of(4L, 4L), List.of(at.get(3).result().links(), at.get(3).result().correct()));
    assertEquals("deterministic=1.0000 (1 of 1) distinctive=0.5000 (1 of 2) name_only=0.0000 (0 of 1)",
        at.get(1).result().evidenceLine());
    assertEquals("       0.50      4     1.0000  1.0000  deterministic=1.0000 (1 of 1) distinctive=1.0000 (2 of 2)"
        + " name_only=1.0000 (1 of 1)", at.get(3).line());
  }
}
