package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The model links only free, unambiguous pairs. */
class AssignmentTest extends SparkTestBase {

  @Test
  void onlyTheSinglePairAboveTheThresholdOfAProfileAndOfACustomerLinks() {
    Dataset<Row> pairs = spark().sql("SELECT * FROM VALUES"
        + " ('x', 'x:1', 'C1', 0.99),"   // clear
        + " ('x', 'x:2', 'C2', 0.99),"   // two customers fit x:2 equally: ambiguous
        + " ('x', 'x:2', 'C3', 0.98),"
        + " ('x', 'x:4', 'C4', 0.97),"   // C4 fits two accounts: ambiguous
        + " ('x', 'x:5', 'C4', 0.96),"
        + " ('facebook', 'facebook:6', 'C1', 0.99)," // another platform: C1 may have one there too
        + " ('x', 'x:7', 'C7', 0.99),"
        + " ('x', 'x:7', 'C8', 0.60),"   // a weak second candidate is no contradiction
        + " ('x', 'x:9', 'C9', 0.80)"    // below the threshold
        + " AS t(platform, profile_key, customer_id, match_probability)");
    assertEquals(Set.of("x:1>C1", "facebook:6>C1", "x:7>C7"), pairs(Assignment.unambiguous(pairs, 0.95)));
  }

  @Test
  void pairsOfProfilesOrCustomersAlreadyLinkedAreNotOpen() {
    Dataset<Row> pairs = spark().sql("SELECT * FROM VALUES ('x', 'x:1', 'C1'), ('x', 'x:2', 'C2'), ('x', 'x:3', 'C3'),"
        + " ('linkedin', 'linkedin:1', 'C1') AS t(platform, profile_key, customer_id)");
    Dataset<Row> links = spark().sql("SELECT * FROM VALUES ('x', 'x:1', 'C9'), ('x', 'x:8', 'C2')"
        + " AS t(platform, profile_key, customer_id)");
    assertEquals(Set.of("x:3>C3", "linkedin:1>C1"), pairs(Assignment.open(pairs, links)));
  }

  private static Set<String> pairs(Dataset<Row> df) {
    Set<String> out = new TreeSet<>();
    df.collectAsList().forEach(r -> out.add(r.getAs("profile_key") + ">" + r.getAs("customer_id")));
    return out;
  }
}
