package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The people a night's changes touch, on hand-made change rows. */
class TouchedPeopleTest extends SparkTestBase {
  private static final String BRAND_X = ScoredInteractionRows.NORDWIND_X;

  private Dataset<Row> sql(String select) {
    return session().sql(select);
  }

  @Test
  void everyKindOfChangeTouchesItsPeopleAndNoOneElse() {
    // All interactions: a campaign post of the brand (changed tonight), a reply to it by u7 (unchanged), an old
    // interaction of u8 carrying campaign CMP9 (changed tonight), and untouched rows of u9.
    Dataset<Row> interactions = sql("SELECT * FROM VALUES "
        + "('x:post:P1', 'x', '" + BRAND_X + "', 'post', 'CMP1', NULL),"
        + "('x:reply:R7', 'x', 'u7', 'reply', NULL, 'P1'),"
        + "('x:post:M8', 'x', 'u8', 'post', 'CMP9', NULL),"
        + "('x:post:M9', 'x', 'u9', 'post', NULL, NULL),"
        + "('x:post:M1', 'x', 'u1', 'post', NULL, NULL)"
        + " AS t(interaction_id, platform, profile_id, interaction_type, campaign_id, target_post_id)");
    Dataset<Row> links = sql("SELECT * FROM VALUES ('x', 'u1', 'C1'), ('x', 'u7', 'C7'), ('x', 'u3', 'C3')"
        + " AS t(platform, profile_id, customer_id)");
    TouchedPeople.Changes changes = new TouchedPeople.Changes(
        interactions.where("interaction_id IN ('x:post:P1', 'x:post:M1')"),
        sql("SELECT 'C2' AS customer_id UNION ALL SELECT CAST(NULL AS STRING)"),
        sql("SELECT 'C5' AS customer_id"),
        sql("SELECT 'C4' AS customer_id UNION ALL SELECT 'C7'"),
        sql("SELECT 'x' AS platform, 'u6' AS profile_id"),
        // u3 linked to C3 tonight; u2's link to C0 closed
        sql("SELECT * FROM VALUES ('x', 'u3', 'C3'), ('x', 'u2', 'C0') AS t(platform, profile_id, customer_id)"),
        sql("SELECT 'CMP9' AS campaign_id"),
        // u9's post was edited tonight: the pre-image of an update
        sql("SELECT 'x' AS platform, 'u9' AS profile_id"));

    List<String> touched = TouchedPeople.of(changes, interactions, links)
        .selectExpr("concat(person_id, '/', coalesce(customer_id, '-'), '/', if(recompute, 'recompute', 'fold'))")
        .orderBy("person_id")
        .as(Encoders.STRING()).collectAsList();

    // "fold": the stored evidence takes the night's new rows; "recompute": evidence may have gone or moved
    assertEquals(List.of(
            "C0/C0/recompute", // closed link: its old customer
            "C1/C1/fold", // u1's new interaction, u1 linked to C1
            "C2/C2/fold", // changed order
            "C3/C3/recompute", // inserted link: its new customer
            "C4/C4/fold", // changed customer row
            "C5/C5/fold", // an order's customer before the change
            "C7/C7/recompute", // u7 replied to the changed campaign post (and C7's customer row changed)
            "x:" + BRAND_X + "/-/fold", // the brand account's own new post
            "x:u2/-/recompute", // unlinked by the closed link
            "x:u3/-/recompute", // linked tonight: its rows as an unlinked profile go
            "x:u6/-/recompute", // changed profile, unlinked
            "x:u8/-/recompute", // carries the changed campaign
            "x:u9/-/recompute"), // an interaction of theirs changed
        touched);
  }

  @Test
  void aProfileChangeCountsOnlyWhenWhatThePersonMartsReadOfItChanged() {
    // before tonight: p1 had no followers, p2 and p3 had some, p4 had none; p5 is new tonight
    Dataset<Row> before = sql("SELECT * FROM VALUES ('x', 'p1', CAST(NULL AS BIGINT)), ('x', 'p2', 10L),"
        + " ('x', 'p3', 5L), ('facebook', 'p4', 0L), ('x', 'p9', 3L) AS t(platform, profile_id, followers)");
    Dataset<Row> now = sql("SELECT * FROM VALUES ('x', 'p1', 4L), ('x', 'p2', 250L), ('x', 'p3', 0L),"
        + " ('facebook', 'p4', NULL), ('x', 'p5', 0L), ('x', 'p9', 0L) AS t(platform, profile_id, followers)");
    // conform touched all but p9 (last_seen moved); p9 lost its followers but is not among the changed rows
    Dataset<Row> changed = sql("SELECT * FROM VALUES ('x', 'p1'), ('x', 'p2'), ('x', 'p2'), ('x', 'p3'),"
        + " ('facebook', 'p4'), ('x', 'p5') AS t(platform, profile_id)");

    List<String> touched = TouchedPeople.profilesWithChangedEvidence(changed, before, now)
        .selectExpr("concat(platform, ':', profile_id)").orderBy("platform", "profile_id")
        .as(Encoders.STRING()).collectAsList();

    // p1 gained followers, p3 lost them, p5 is new; p2 (10 -> 250) and p4 (0 -> unknown) read the same
    assertEquals(List.of("x:p1", "x:p3", "x:p5"), touched);
  }

  @Test
  void restrictKeepsTheTouchedPeoplesRowsOnly() {
    Dataset<Row> touched = sql("SELECT 'C1' AS person_id, 'C1' AS customer_id");
    Dataset<Row> orders = sql("SELECT * FROM VALUES ('O1', 'C1'), ('O2', 'C2') AS t(order_id, customer_id)");
    assertEquals(List.of("O1"), TouchedPeople.restrict(orders, "customer_id", touched).select("order_id")
        .as(Encoders.STRING()).collectAsList());
  }
}
