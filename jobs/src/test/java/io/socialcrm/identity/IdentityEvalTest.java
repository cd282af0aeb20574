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
}
