package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Deterministic links: certain when the key is unambiguous on both sides, and nothing otherwise. */
class DeterministicLinksTest extends SparkTestBase {

  private Dataset<Row> profiles() {
    return spark().sql("SELECT * FROM VALUES"
        + " ('x', '101', 'jsmith84', cast(null as string)),"
        + " ('x', '102', 'twin', null),"            // two X accounts share a username: proves nothing
        + " ('x', '103', 'twin', null),"
        + " ('facebook', '100200300', null, null),"
        + " ('linkedin', 'urn:li:person:AB', 'anna-nowak-1a2b', 'anna.nowak@firma.pl'),"
        + " ('x', '104', 'shared', null)"
        + " AS t(platform, profile_id, handle_norm, email_norm)");
  }

  private Dataset<Row> customers() {
    return spark().sql("SELECT * FROM VALUES"
        + " ('C1', 'jsmith84', cast(null as string), cast(null as string), 'john.smith@gmail.com'),"
        + " ('C2', 'twin', null, null, null),"
        + " ('C3', null, '100200300', 'anna-nowak-1a2b', 'anna.nowak@firma.pl'),"
        + " ('C4', 'shared', null, null, null),"   // two customers gave the same handle: proves nothing
        + " ('C5', 'shared', null, null, null)"
        + " AS t(customer_id, x_handle_norm, facebook_id, linkedin_handle, email_norm)");
  }

  @Test
  void aHandleTheCrmHoldsLinksOnlyWhenUniqueOnBothSides() {
    assertEquals(Set.of("x:101>C1 crm_handle", "facebook:100200300>C3 crm_handle", "linkedin:urn:li:person:AB>C3 crm_handle"),
        pairs(DeterministicLinks.crmHandles(profiles(), customers())));
  }

  @Test
  void anExactEmailLinks() {
    assertEquals(Set.of("linkedin:urn:li:person:AB>C3 email"), pairs(DeterministicLinks.emails(profiles(), customers())));
  }

  @Test
  void aPostedOrderNumberOrSingleCustomerPromoCodeLinks() {
    Dataset<Row> interactions = spark().sql("SELECT * FROM VALUES"
        + " ('x', '101', array('NW-261101-00000001')),"
        + " ('x', '102', array('SOLO10')),"                 // promo code only C2 used
        + " ('x', '103', array('WINTER15')),"               // promo code many customers used: nothing
        + " ('facebook', '7', array('NW-261101-00000001', 'NW-261101-00000002'))," // two customers' orders: nothing
        + " ('x', '104', cast(null as array<string>))"
        + " AS t(platform, profile_id, codes)");
    Dataset<Row> orders = spark().sql("SELECT * FROM VALUES"
        + " ('NW-261101-00000001', 'C1', cast(null as string)),"
        + " ('NW-261101-00000002', 'C4', 'WINTER15'),"
        + " ('NW-261101-00000003', 'C5', 'WINTER15'),"
        + " ('NW-261101-00000004', 'C2', 'solo10')"
        + " AS t(order_number, customer_id, promo_code)");
    assertEquals(Set.of("x:101>C1 posted_code", "x:102>C2 posted_code"),
        pairs(DeterministicLinks.postedCodes(interactions, orders)));
  }

  private static Set<String> pairs(Dataset<Row> links) {
    Set<String> out = new TreeSet<>();
    for (Row r : links.collectAsList()) {
      out.add(r.getAs("profile_key") + ">" + r.getAs("customer_id") + " " + r.getAs("method"));
    }
    return out;
  }
}
