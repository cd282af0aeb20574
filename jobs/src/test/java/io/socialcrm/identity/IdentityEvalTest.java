package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
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
}
