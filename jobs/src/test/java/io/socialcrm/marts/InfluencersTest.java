package io.socialcrm.marts;

import static io.socialcrm.marts.ScoredInteractionRows.ALPENKRAFT_X;
import static io.socialcrm.marts.ScoredInteractionRows.NORDWIND_FB;
import static io.socialcrm.marts.ScoredInteractionRows.NORDWIND_X;
import static io.socialcrm.marts.ScoredInteractionRows.SOLIDO_X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gold.influencers: authority, reach, advocacy, linked revenue and affinity per profile. */
class InfluencersTest extends SparkTestBase {

  /** The mart over the rows below, built once for all tests of the class (Spark plans are slow to run). */
  private static Map<String, Row> byProfile;

  @BeforeEach
  void build() {
    if (byProfile != null) {
      return;
    }
    Dataset<Row> interactions = new ScoredInteractionRows()
        // u1: a positive post about Nordwind, a positive reply to and a repost and a positive quote of its posts
        .add("x:post:1", "x", "u1", "post", 1, 9, "Nordwind", null, null, null, "positive")
        .add("x:reply:2", "x", "u1", "reply", 1, 10, "Nordwind", "90", NORDWIND_X, null, "positive")
        .add("x:repost:3", "x", "u1", "repost", 1, 11, "Nordwind", "90", NORDWIND_X, null, null)
        .add("x:quote:4", "x", "u1", "quote", 1, 12, "Nordwind", "90", NORDWIND_X, null, "positive")
        // u2: a negative post about Nordwind, a positive one about Alpenkraft
        .add("x:post:5", "x", "u2", "post", 1, 9, "Nordwind", null, null, null, "negative")
        .add("x:post:6", "x", "u2", "post", 1, 10, "Alpenkraft", null, null, null, "positive")
        // u3 reposts u1's post about Nordwind: not a repost of the brand's own post, not a mention
        .add("x:repost:7", "x", "u3", "repost", 2, 9, "Nordwind", "1", "u1", null, null)
        // the brand account answers u1, the competitor's account posts: both left out of the output
        .add("x:reply:8", "x", NORDWIND_X, "reply", 2, 10, "Nordwind", "2", "u1", null, "positive")
        .add("x:post:9", "x", ALPENKRAFT_X, "post", 2, 11, "Alpenkraft", null, null, null, "neutral")
        // follows: u1 the brand; u2 a competitor; u3 the brand and Sólido, Alpenkraft followed then unfollowed;
        // u4 followed then unfollowed the brand; u5 unfollowed then (later) followed Alpenkraft
        .add("f1", "x", "u1", "follow", 1, 8, "Nordwind", null, NORDWIND_X, null, null)
        .add("f2", "x", "u2", "follow", 1, 8, "Alpenkraft", null, ALPENKRAFT_X, null, null)
        .add("f3", "x", "u3", "follow", 1, 8, "Nordwind", null, NORDWIND_X, null, null)
        .add("f4", "x", "u3", "follow", 2, 8, "Sólido", null, SOLIDO_X, null, null)
        .add("f5", "x", "u3", "follow", 1, 9, "Alpenkraft", null, ALPENKRAFT_X, null, null)
        .add("f6", "x", "u3", "unfollow", 3, 9, "Alpenkraft", null, ALPENKRAFT_X, null, null)
        .add("f7", "x", "u4", "follow", 1, 8, "Nordwind", null, NORDWIND_X, null, null)
        .add("f8", "x", "u4", "unfollow", 2, 8, "Nordwind", null, NORDWIND_X, null, null)
        .add("f9", "x", "u5", "unfollow", 1, 8, "Alpenkraft", null, ALPENKRAFT_X, null, null)
        .add("f10", "x", "u5", "follow", 2, 8, "Alpenkraft", null, ALPENKRAFT_X, null, null)
        // u8: a post about nothing tracked, no followers: not listed
        .add("x:post:10", "x", "u8", "post", 1, 9, null, null, null, null, "neutral")
        // a Facebook user comments positively on the brand page's post (the page has no profile row)
        .add("fb:comment:c1", "facebook", "fb1", "comment", 1, 9, "Nordwind", NORDWIND_FB + "_1", NORDWIND_FB, null,
            "positive")
        .frame(session());
    Dataset<Row> profiles = session().sql("SELECT * FROM VALUES "
        + "('x', '" + NORDWIND_X + "', 'nordwind', 50000L, true), ('x', '" + ALPENKRAFT_X + "', 'alpenkraft', 40000L, true), "
        + "('x', 'u1', 'one', 1000L, false), ('x', 'u2', 'two', 0L, false), ('x', 'u3', 'three', CAST(NULL AS BIGINT), false), "
        + "('x', 'u6', 'six', 50L, false), ('x', 'u7', 'seven', 0L, false) "
        + "AS t(platform, profile_id, handle, followers, is_brand)");
    Dataset<Row> links = session().sql("SELECT * FROM VALUES ('x', 'u1', 'C1'), ('x', 'u2', 'C2') "
        + "AS t(platform, profile_id, customer_id)");
    Dataset<Row> orders = session().sql("SELECT customer_id, status, CAST(amount AS DECIMAL(14,2)) AS amount_reporting "
        + "FROM VALUES ('C1', 'paid', 100.50), ('C1', 'paid', 20.00), ('C1', 'refunded', 50.00), "
        + "('C2', 'refunded', 30.00), ('C3', 'paid', 99.00) AS t(customer_id, status, amount)");
    MartSettings d = MartSettings.defaults();
    MartSettings settings = new MartSettings(d.lookbackDays(), d.halfLifeDays(), d.positionFirst(), d.loyalOrders(),
        d.loyalWindowDays(), d.careHourlyCost(), d.responseTargetMinutes(), d.alertBaselineDays(), d.alertSpikeZ(),
        d.alertMinMentions(), 0.5, 20, 1);
    Dataset<Row> out = GoldTables.load("influencers").conform(
        Influencers.of(interactions, profiles, links, orders, settings));
    Map<String, Row> rows = new HashMap<>();
    for (Row r : out.collectAsList()) {
      rows.put(r.<String>getAs("platform") + ":" + r.<String>getAs("profile_id"), r);
    }
    byProfile = rows;
  }

  @Test
  void listsActiveOrFollowedProfilesButNotTheBrandAccounts() {
    // u7 (0 followers, no activity) and u8 (nothing about a brand) are not listed; neither are the Nordwind and
    // Alpenkraft X accounts (is_brand) nor the Nordwind Facebook page (an account of brands.json)
    assertEquals(Set.of("x:u1", "x:u2", "x:u3", "x:u4", "x:u5", "x:u6", "facebook:fb1"), byProfile.keySet());
  }

  @Test
  void authorityIsThePageRankOfTheInteractionGraph() {
    // Graph: u1 -> nordwind (reply, repost, quote: weight 3, u1's only out-edge), nordwind -> u1 (reply),
    // u3 -> u1 (repost); plus fb1 -> the Facebook page. Damping 0.5, x = 0.5 P^T x + 0.5 over all 5 nodes:
    // x_u3 = 0.5, x_u1 = 0.5 + 0.5 (x_nw + x_u3), x_nw = 0.5 + 0.5 x_u1 -> x_u1 = 4/3, x_nw = 7/6;
    // x_fb1 = 0.5, x_page = 0.75. Sum 0.5 + 4/3 + 7/6 + 0.5 + 0.75 = 4.25. (20 iterations: error below 1e-6.)
    assertEquals((4.0 / 3) / 4.25, byProfile.get("x:u1").<Double>getAs("authority"), 1e-6);
    assertEquals(0.5 / 4.25, byProfile.get("x:u3").<Double>getAs("authority"), 1e-6);
    assertEquals(0.0, byProfile.get("x:u2").<Double>getAs("authority"));
    // ranks within X: u1, u3, then the four outside the graph tied; percentile = 100 * percent_rank ascending
    assertEquals(1, byProfile.get("x:u1").<Integer>getAs("authority_rank"));
    assertEquals(2, byProfile.get("x:u3").<Integer>getAs("authority_rank"));
    assertEquals(3, byProfile.get("x:u6").<Integer>getAs("authority_rank"));
    assertEquals(100.0, byProfile.get("x:u1").<Double>getAs("authority_percentile"));
    assertEquals(80.0, byProfile.get("x:u3").<Double>getAs("authority_percentile")); // (5 - 1) / (6 - 1)
    assertEquals(0.0, byProfile.get("x:u6").<Double>getAs("authority_percentile"));
    // u1 received the brand's reply and u3's repost
    assertEquals(2L, byProfile.get("x:u1").<Long>getAs("interactions_received"));
    assertEquals(0L, byProfile.get("x:u3").<Long>getAs("interactions_received"));
  }

  @Test
  void advocacyCountsPositiveMentionsAndRepostsOfTheBrandsPosts() {
    Row u1 = byProfile.get("x:u1");
    assertEquals(3L, u1.<Long>getAs("mentions_of_brand")); // post, reply, quote (the repost has no words)
    assertEquals(3L, u1.<Long>getAs("positive_mentions"));
    assertEquals(2L, u1.<Long>getAs("reposts_of_brand")); // repost and quote of the brand's post
    assertEquals(4L, u1.<Long>getAs("advocacy_actions")); // post, reply, repost, quote (the quote once)
    assertEquals(round4(4 * Math.log10(10 + 1000)), u1.<Double>getAs("advocacy_score"), 1e-9);
    assertEquals(1000L, u1.<Long>getAs("followers"));

    Row u2 = byProfile.get("x:u2");
    assertEquals(1L, u2.<Long>getAs("mentions_of_brand"));
    assertEquals(1L, u2.<Long>getAs("negative_mentions"));
    assertEquals(1L, u2.<Long>getAs("mentions_of_competitors"));
    assertEquals(0L, u2.<Long>getAs("advocacy_actions"));
    assertEquals(0.0, u2.<Double>getAs("advocacy_score"));

    // u3 reposted u1's post about the brand, not the brand's own post
    Row u3 = byProfile.get("x:u3");
    assertEquals(0L, u3.<Long>getAs("mentions_of_brand"));
    assertEquals(0L, u3.<Long>getAs("reposts_of_brand"));

    // fb1: one positive comment, no follower count: 1 * log10(10 + 0) = 1
    Row fb1 = byProfile.get("facebook:fb1");
    assertEquals(1L, fb1.<Long>getAs("advocacy_actions"));
    assertEquals(1.0, fb1.<Double>getAs("advocacy_score"), 1e-12);
    assertNull(fb1.getAs("followers"));
  }

  @Test
  void revenueIsTheLinkedCustomersPaidOrders() {
    Row u1 = byProfile.get("x:u1");
    assertEquals("C1", u1.getAs("customer_id"));
    assertEquals("C1", u1.getAs("person_id"));
    assertEquals(new BigDecimal("120.50"), u1.getAs("revenue")); // 100.50 + 20.00, the refund not counted
    assertEquals(2L, u1.<Long>getAs("paid_orders"));
    Row u2 = byProfile.get("x:u2");
    assertEquals(new BigDecimal("0.00"), u2.getAs("revenue")); // linked, only a refunded order
    assertEquals(0L, u2.<Long>getAs("paid_orders"));
    Row u3 = byProfile.get("x:u3");
    assertNull(u3.getAs("customer_id"));
    assertEquals("x:u3", u3.getAs("person_id"));
    assertNull(u3.getAs("revenue"));
    assertNull(u3.getAs("paid_orders"));
  }

  @Test
  void affinityFollowsTheLatestFollowOrUnfollowPerBrand() {
    assertAffinity("x:u1", "brand", true, List.of());
    assertAffinity("x:u2", "competitor", false, List.of("Alpenkraft"));
    assertAffinity("x:u3", "both", true, List.of("Sólido")); // Alpenkraft unfollowed after the follow
    assertAffinity("x:u4", "none", false, List.of()); // the brand unfollowed after the follow
    assertAffinity("x:u5", "competitor", false, List.of("Alpenkraft")); // followed after the unfollow
    assertAffinity("x:u6", "none", false, List.of()); // no follow events
  }

  private void assertAffinity(String profile, String affinity, boolean followsBrand, List<String> competitors) {
    Row r = byProfile.get(profile);
    assertEquals(affinity, r.getAs("affinity"), profile);
    assertEquals(followsBrand, r.<Boolean>getAs("follows_brand"), profile);
    assertEquals(competitors, r.getList(r.fieldIndex("competitor_brands")), profile);
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
