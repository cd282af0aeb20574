package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.conform.Brands;
import io.socialcrm.testing.SparkTestBase;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** gold.person_stage: the funnel stage rules on hand-made people. */
class PersonStagesTest extends SparkTestBase {
  private static final String OWN = Brands.own().name();
  private static final String RIVAL = "Alpenkraft";
  private static final String FB_PAGE = "104857600123456";
  private static final String X_BRAND = "1187654321";

  private static final StructType INTERACTIONS = new StructType()
      .add("interaction_id", DataTypes.StringType).add("platform", DataTypes.StringType)
      .add("profile_id", DataTypes.StringType).add("interaction_type", DataTypes.StringType)
      .add("ts", DataTypes.TimestampType).add("interaction_date", DataTypes.DateType)
      .add("brand", DataTypes.StringType).add("is_own_brand", DataTypes.BooleanType)
      .add("target_post_id", DataTypes.StringType).add("reaction_type", DataTypes.StringType)
      .add("campaign_id", DataTypes.StringType).add("impressions", DataTypes.LongType)
      .add("sentiment", DataTypes.StringType);
  private static final StructType ORDERS = new StructType()
      .add("order_id", DataTypes.StringType).add("customer_id", DataTypes.StringType)
      .add("order_ts", DataTypes.TimestampType).add("order_date", DataTypes.DateType)
      .add("status", DataTypes.StringType).add("campaign_id", DataTypes.StringType);

  /** An interaction at noon of {@code day}. */
  private static Row touch(String id, String platform, String profile, String type, String day, String brand,
      String target, String reaction, String campaign, Long impressions, String sentiment) {
    return RowFactory.create(id, platform, profile, type, Timestamp.valueOf(day + " 12:00:00"), Date.valueOf(day),
        brand, OWN.equals(brand), target, reaction, campaign, impressions, sentiment);
  }

  private static Row order(String id, String customer, String day, String status, String campaign) {
    return RowFactory.create(id, customer, Timestamp.valueOf(day + " 10:00:00"), Date.valueOf(day), status, campaign);
  }

  private Dataset<Row> frame(StructType schema, Row... rows) {
    return session().createDataFrame(Arrays.asList(rows), schema);
  }

  private Dataset<Row> personStages() {
    return PersonStages.of(People.withPerson(interactions(), links()), orders(), customers(), profiles(),
        MartSettings.defaults());
  }

  private Dataset<Row> interactions() {
    return frame(INTERACTIONS,
        // the brand's own posts (brand accounts): campaign posts, never people
        touch("fb:post:" + FB_PAGE + "_1", "facebook", FB_PAGE, "post", "2026-01-01", OWN, null, null, "C1", 900L,
            "neutral"),
        touch("x:post:900", "x", X_BRAND, "post", "2026-01-01", OWN, null, null, "C3", 5000L, "positive"),
        // u1: only aware of us (a neutral mention); positive about the competitor
        touch("x:post:101", "x", "u1", "post", "2026-01-05", OWN, null, null, null, 10L, "neutral"),
        touch("x:post:102", "x", "u1", "post", "2026-01-06", RIVAL, null, null, null, 10L, "positive"),
        // f2: a like of the C1 post makes preference; an unlinked profile's praise is no advocacy
        touch("fb:reaction:f2", "facebook", "f2", "reaction", "2026-01-06", OWN, FB_PAGE + "_1", "LIKE", null, null,
            null),
        touch("fb:comment:f2", "facebook", "f2", "comment", "2026-01-08", OWN, FB_PAGE + "_1", null, null, null,
            "positive"),
        // u3: a negative reply to the C3 post: aware, not preference
        touch("x:reply:301", "x", "u3", "reply", "2026-01-07", OWN, "900", null, null, 20L, "negative"),
        // f3b: an ANGRY reaction: aware, not preference
        touch("fb:reaction:f3b", "facebook", "f3b", "reaction", "2026-01-07", OWN, FB_PAGE + "_1", "ANGRY", null,
            null, null),
        // C7 on two profiles: positive post before buying (preference, not advocacy), follows the competitor,
        // then a positive Facebook comment after buying (advocacy)
        touch("x:post:701", "x", "u7", "post", "2026-01-03", OWN, null, null, null, 30L, "positive"),
        touch("x:follow:u7", "x", "u7", "follow", "2026-01-04", RIVAL, null, null, null, null, null),
        touch("fb:comment:f7", "facebook", "f7", "comment", "2026-01-15", OWN, FB_PAGE + "_1", null, null, null,
            "positive"),
        // C8: praise and a repost after buying, but nobody saw them (no impressions, no followers)
        touch("x:post:801", "x", "u8", "post", "2026-01-12", OWN, null, null, null, 0L, "positive"),
        touch("x:repost:802", "x", "u8", "repost", "2026-01-13", OWN, "900", null, null, 0L, null));
  }

  private Dataset<Row> links() {
    return session().sql("SELECT * FROM VALUES ('x', 'u7', 'C7'), ('facebook', 'f7', 'C7'), "
        + "('x', 'u8', 'C8') AS t(platform, profile_id, customer_id)");
  }

  private Dataset<Row> orders() {
    return frame(ORDERS,
        order("O41", "C4", "2026-01-10", "paid", "C2"),
        order("O42", "C4", "2026-01-20", "refunded", null),
        order("O51", "C5", "2026-01-01", "paid", null),
        order("O52", "C5", "2026-06-30", "paid", null), // 180 days after O51
        order("O61", "C6", "2026-01-01", "paid", null),
        order("O62", "C6", "2026-03-01", "cancelled", null),
        order("O63", "C6", "2026-07-20", "paid", null), // 200 days after O61
        order("O71", "C7", "2026-01-10", "paid", null),
        order("O81", "C8", "2026-01-11", "paid", null));
  }

  private Dataset<Row> customers() {
    return session().sql("SELECT * FROM VALUES ('C4', 'consumer'), ('C5', 'vip'), ('C6', 'smb'), "
        + "('C7', 'consumer'), ('C8', 'enterprise') AS t(customer_id, segment)");
  }

  private Dataset<Row> profiles() {
    return session().sql("SELECT platform, profile_id, CAST(followers AS BIGINT) followers, is_brand "
        + "FROM VALUES ('facebook', '" + FB_PAGE + "', 5000, true), ('x', '" + X_BRAND + "', 9000, true), "
        + "('x', 'u7', 50, false), ('x', 'u8', 0, false) AS t(platform, profile_id, followers, is_brand)");
  }

  /** brand|person_id → current|aware|preference|customer|loyal|advocate|platform|first campaign|segment|customer. */
  private static Map<String, String> summary(Dataset<Row> rows) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : rows.collectAsList()) {
      String key = r.getAs("brand") + "|" + r.getAs("person_id");
      String value = String.join("|", List.of("current_stage", "aware_date", "preference_date", "customer_date",
          "loyal_date", "advocate_date", "platform", "first_campaign_id", "segment", "customer_id").stream()
          .map(c -> String.valueOf((Object) r.getAs(c))).toList());
      if (m.put(key, value) != null) {
        throw new AssertionError("two rows for " + key);
      }
    }
    return m;
  }

  @Test
  void stagesFollowTheRulesForEachHandMadePerson() {
    Dataset<Row> rows = personStages();
    assertEquals(GoldTables.load("person_stage").columnNames(), Arrays.asList(rows.columns()),
        "the declared columns, in order");
    Map<String, String> expected = new TreeMap<>();
    // neutral mention only
    expected.put(OWN + "|x:u1", "aware|2026-01-05|null|null|null|null|x|null|null|null");
    // a like; campaign C1 from the liked post; unlinked, so the positive comment leaves it at preference
    expected.put(OWN + "|facebook:f2", "preference|2026-01-06|2026-01-06|null|null|null|facebook|C1|null|null");
    // negative reply: aware only; campaign C3 from the post replied to
    expected.put(OWN + "|x:u3", "aware|2026-01-07|null|null|null|null|x|C3|null|null");
    // ANGRY reaction: aware only
    expected.put(OWN + "|facebook:f3b", "aware|2026-01-07|null|null|null|null|facebook|C1|null|null");
    // CRM only, one paid order (the refunded one does not count): aware = preference = customer = first order
    expected.put(OWN + "|C4", "customer|2026-01-10|2026-01-10|2026-01-10|null|null|null|C2|consumer|C4");
    // two paid orders 180 days apart: loyal on the second
    expected.put(OWN + "|C5", "loyal|2026-01-01|2026-01-01|2026-01-01|2026-06-30|null|null|null|vip|C5");
    // paid orders 200 days apart, the cancelled one between them does not count: not loyal
    expected.put(OWN + "|C6", "customer|2026-01-01|2026-01-01|2026-01-01|null|null|null|null|smb|C6");
    // two profiles, one person; advocate by the comment after the order, not by the post before it
    expected.put(OWN + "|C7", "advocate|2026-01-03|2026-01-03|2026-01-10|null|2026-01-15|x|null|consumer|C7");
    // bought on 01-11, then praise nobody saw: customer, aware and preference implied by the order
    expected.put(OWN + "|C8", "customer|2026-01-11|2026-01-11|2026-01-11|null|null|x|null|enterprise|C8");
    // the competitor: aware and preference only, even for our customer
    expected.put(RIVAL + "|x:u1", "preference|2026-01-06|2026-01-06|null|null|null|x|null|null|null");
    expected.put(RIVAL + "|C7", "preference|2026-01-04|2026-01-04|null|null|null|x|null|consumer|C7");
    assertEquals(expected, summary(rows), "brand accounts are no people; every other row as computed by hand");
  }

  /**
   * The fold: evidence of some rows folded with the evidence of the rest equals the evidence of all of them, in
   * either order and whichever rows come later (a late row may carry an earlier date), and so do the stages
   * assembled from it.
   */
  @Test
  void evidenceFoldedNightByNightEqualsEvidenceOverAllRows() {
    Dataset<Row> all = People.withPerson(interactions(), links());
    Dataset<Row> campaigns = PersonStages.postCampaigns(all);
    Dataset<Row> whole = PersonStages.evidence(all, campaigns, profiles());
    assertEquals(PersonStages.EVIDENCE.columnNames(), Arrays.asList(whole.columns()), "the declared columns");
    List<Row> expected = sorted(whole);
    // C7 recommended on 01-03 (before buying on 01-10: no advocacy yet) and 01-15; u8's praise was not seen
    Row c7 = whole.where("person_id = 'C7' AND brand = '" + OWN + "'").first();
    assertEquals(List.of(Date.valueOf("2026-01-03"), Date.valueOf("2026-01-15")),
        c7.getList(c7.fieldIndex("recommend_dates")));
    Row c8 = whole.where("person_id = 'C8' AND brand = '" + OWN + "'").first();
    assertEquals(List.of(), c8.getList(c8.fieldIndex("recommend_dates")));
    Dataset<Row> early = all.where("interaction_date < DATE'2026-01-07'");
    Dataset<Row> late = all.where("interaction_date >= DATE'2026-01-07'");
    Dataset<Row> odd = all.where("hash(interaction_id) % 2 = 0");
    Dataset<Row> even = all.where("hash(interaction_id) % 2 <> 0");
    for (List<Dataset<Row>> split : List.of(List.of(early, late), List.of(late, early), List.of(odd, even),
        List.of(all, all))) {
      Dataset<Row> folded = PersonStages.fold(PersonStages.evidence(split.get(0), campaigns, profiles()),
          PersonStages.evidence(split.get(1), campaigns, profiles()));
      assertEquals(expected, sorted(folded));
      assertEquals(summary(personStages()),
          summary(PersonStages.assemble(folded, orders(), customers(), MartSettings.defaults())));
    }
    // nothing stored yet: the fold is the night's evidence
    assertEquals(expected, sorted(PersonStages.fold(whole.limit(0), whole)));
  }

  private static List<Row> sorted(Dataset<Row> rows) {
    return rows.orderBy("brand", "person_id").collectAsList();
  }

  @Test
  void theLoyaltyRuleFollowsItsSettings() {
    // three orders in 180 days needed: C5 has two, so it stays a customer
    MartSettings three = new MartSettings(30, 7, 0.4, 3, 180, 30, 60, 7, 3, 10, 0.85, 20, 1);
    // a 179-day window: O51 and O52 are 180 days apart, so C5 is not loyal either
    MartSettings shortWindow = new MartSettings(30, 7, 0.4, 2, 179, 30, 60, 7, 3, 10, 0.85, 20, 1);
    Dataset<Row> orders = frame(ORDERS,
        order("O51", "C5", "2026-01-01", "paid", null),
        order("O52", "C5", "2026-06-30", "paid", null));
    Dataset<Row> none = frame(INTERACTIONS);
    Dataset<Row> customers = session().sql("SELECT 'C5' AS customer_id, 'vip' AS segment");
    Dataset<Row> profiles = session().sql("SELECT 'x' AS platform, 'u' AS profile_id, CAST(0 AS BIGINT) AS followers, "
        + "false AS is_brand");
    Dataset<Row> links = session().sql("SELECT 'x' AS platform, 'u' AS profile_id, 'C0' AS customer_id");
    for (MartSettings s : List.of(three, shortWindow)) {
      Row c5 = PersonStages.of(People.withPerson(none, links), orders, customers, profiles, s).first();
      assertEquals("customer", c5.getAs("current_stage"));
      assertNull(c5.getAs("loyal_date"));
    }
  }
}
