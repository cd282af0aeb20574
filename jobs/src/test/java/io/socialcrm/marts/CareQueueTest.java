package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socialcrm.testing.SparkTestBase;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * gold.care_queue on hand-made mentions (run date 2026-11-05, so the queue is as of 2026-11-06 00:00 UTC; window
 * 7 days; response target 60 minutes). The brand account is x:B (Nordwind) and fb:PAGE.
 */
class CareQueueTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2026-11-05");
  private static final MartSettings S = MartSettings.defaults();

  static final StructType INTERACTIONS = new StructType()
      .add("interaction_id", DataTypes.StringType).add("platform", DataTypes.StringType)
      .add("profile_id", DataTypes.StringType).add("interaction_type", DataTypes.StringType)
      .add("ts", DataTypes.TimestampType).add("interaction_date", DataTypes.DateType)
      .add("text", DataTypes.StringType).add("lang", DataTypes.StringType).add("brand", DataTypes.StringType)
      .add("is_own_brand", DataTypes.BooleanType).add("target_post_id", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType).add("person_id", DataTypes.StringType)
      .add("sentiment", DataTypes.StringType).add("sentiment_score", DataTypes.DoubleType)
      .add("intent_to_buy", DataTypes.BooleanType).add("sentiment_lang", DataTypes.StringType);
  private static final StructType PROFILES = new StructType()
      .add("platform", DataTypes.StringType).add("profile_id", DataTypes.StringType)
      .add("handle", DataTypes.StringType).add("followers", DataTypes.LongType)
      .add("is_brand", DataTypes.BooleanType);
  private static final StructType CASES = new StructType()
      .add("platform", DataTypes.StringType).add("social_post_id", DataTypes.StringType)
      .add("first_response_at", DataTypes.TimestampType);
  private static final StructType VALUE = new StructType()
      .add("customer_id", DataTypes.StringType).add("revenue", DataTypes.createDecimalType(14, 2));
  private static final StructType INFLUENCE = new StructType()
      .add("platform", DataTypes.StringType).add("profile_id", DataTypes.StringType)
      .add("authority", DataTypes.DoubleType).add("followers", DataTypes.LongType);

  /** A hand-made scenario: rows of each input. */
  final class Scenario {
    final List<Row> interactions = new ArrayList<>();
    final List<Row> profiles = new ArrayList<>(List.of(
        RowFactory.create("x", "1187654321", "nordwind", 100_000L, true),
        RowFactory.create("facebook", "104857600123456", "Nordwind", 50_000L, true),
        RowFactory.create("x", "2298765432", "alpenkraft", 80_000L, true)));
    final List<Row> cases = new ArrayList<>();
    final List<Row> values = new ArrayList<>();
    final List<Row> influence = new ArrayList<>();

    /** A mention of Nordwind on X (lang en unless given) by {@code profile}. */
    Scenario mention(String id, String profile, String ts, String text, String sentiment, double score,
        boolean intent) {
      return row(id, "x", profile, "post", ts, text, "en", "Nordwind", null, null, sentiment, score, intent, null);
    }

    Scenario row(String id, String platform, String profile, String type, String ts, String text, String lang,
        String brand, String target, String customer, String sentiment, Double score, Boolean intent,
        String sentimentLang) {
      Timestamp t = Timestamp.valueOf(ts);
      interactions.add(RowFactory.create(id, platform, profile, type, t, Date.valueOf(ts.substring(0, 10)),
          text, lang, brand, "Nordwind".equals(brand), target, customer,
          customer != null ? customer : platform + ":" + profile, sentiment, score, intent, sentimentLang));
      return this;
    }

    Scenario linked(String profile, String customer) {
      List<Row> relinked = interactions.stream().map(r -> r.getString(2).equals(profile)
          ? RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7),
              r.get(8), r.get(9), r.get(10), customer, customer, r.get(13), r.get(14), r.get(15), r.get(16))
          : r).toList();
      interactions.clear();
      interactions.addAll(relinked);
      return this;
    }

    Scenario profile(String platform, String id, String handle, long followers) {
      profiles.add(RowFactory.create(platform, id, handle, followers, false));
      return this;
    }

    Scenario revenue(String customer, String amount) {
      values.add(RowFactory.create(customer, new BigDecimal(amount)));
      return this;
    }

    Scenario authority(String platform, String profile, double authority, long followers) {
      influence.add(RowFactory.create(platform, profile, authority, followers));
      return this;
    }

    Scenario supportCase(String platform, String postId, String firstResponseAt) {
      cases.add(RowFactory.create(platform, postId,
          firstResponseAt == null ? null : Timestamp.valueOf(firstResponseAt)));
      return this;
    }

    Dataset<Row> queue() {
      return CareQueue.of(new CareQueue.Inputs(
              session().createDataFrame(interactions, INTERACTIONS),
              session().createDataFrame(profiles, PROFILES),
              session().createDataFrame(cases, CASES),
              session().createDataFrame(values, VALUE),
              session().createDataFrame(influence, INFLUENCE)),
          CareTopics.load(), RUN, CareQueue.DEFAULT_WINDOW_DAYS, S);
    }

    Map<String, Row> byId() {
      return queue().collectAsList().stream().collect(Collectors.toMap(
          r -> r.getAs("interaction_id"), r -> r, (a, b) -> a, LinkedHashMap::new));
    }
  }

  @Test
  void aNegativeMentionByAHighValueCustomerRanksAboveTheSameByAnUnlinkedProfile() {
    Scenario s = new Scenario()
        .mention("x:post:1", "u1", "2026-11-05 18:00:00", "Nordwind my jacket fell apart", "negative", -0.8, false)
        .mention("x:post:2", "u2", "2026-11-05 18:00:00", "Nordwind my jacket fell apart", "negative", -0.8, false)
        .linked("u1", "C1")
        .revenue("C1", "999.00")
        .profile("x", "u1", "anna", 100)
        .profile("x", "u2", "bob", 100);
    Map<String, Row> q = s.byId();
    assertEquals(2, q.size());
    Row customer = q.get("x:post:1");
    Row unlinked = q.get("x:post:2");
    // value: 1 + log10(1 + 999) = 4 vs 1 + log10(1 + 0) = 1
    assertEquals(4.0, (double) customer.getAs("value_factor"), 1e-9);
    assertEquals(1.0, (double) unlinked.getAs("value_factor"), 1e-9);
    // influence: (1 + log10(101)) * (1 + 0) = 3.0043213... -> 3.0043; need: 1 + |-0.8| = 1.8; age: posted 6 h
    // before the end of the run date -> 1 + 6/24 = 1.25. priority = 4 * 3.0043 * 1.8 * 1.25 = 27.0387 and
    // 1 * 3.0043 * 1.8 * 1.25 = 6.759675
    assertEquals(3.0043, (double) customer.getAs("influence_factor"), 1e-9);
    assertEquals(1.8, (double) customer.getAs("need_factor"), 1e-9);
    assertEquals(6.0, (double) customer.getAs("hours_waiting"), 1e-9);
    assertEquals(1.25, (double) customer.getAs("age_factor"), 1e-9);
    assertEquals(27.0387, (double) customer.getAs("priority"), 1e-9);
    assertEquals(6.759675, (double) unlinked.getAs("priority"), 1e-9);
    assertEquals(1, (int) customer.getAs("rank"));
    assertEquals(2, (int) unlinked.getAs("rank"));
    assertEquals("C1", customer.getAs("customer_id"));
    assertEquals(new BigDecimal("999.00"), customer.getAs("revenue"));
    assertEquals("anna", customer.getAs("handle"));
    assertEquals("negative sentiment -0.80; customer C1 revenue 999; 100 followers; waiting 6.0 h "
        + "(target 60 min, overdue)", customer.getAs("reason"));
    assertEquals("negative sentiment -0.80; no linked customer; 100 followers; waiting 6.0 h "
        + "(target 60 min, overdue)", unlinked.getAs("reason"));
  }

  @Test
  void authorityFromTheInfluenceMartRaisesTheInfluenceFactor() {
    Scenario s = new Scenario()
        .mention("x:post:1", "u1", "2026-11-05 18:00:00", "Nordwind broken zipper", "negative", -0.5, false)
        .authority("x", "u1", 0.5, 9);
    Row r = s.byId().get("x:post:1");
    // followers come from the influence mart (9): (1 + log10(10)) * (1 + 0.5) = 2 * 1.5 = 3
    assertEquals(9L, (long) r.getAs("followers"));
    assertEquals(3.0, (double) r.getAs("influence_factor"), 1e-9);
    assertTrue(((String) r.getAs("reason")).contains("9 followers, authority 0.50"));
  }

  @Test
  void answeredMentionsLeaveTheQueue() {
    Scenario s = new Scenario()
        // answered by the brand's reply (target_post_id = the post's id 10) before the end of the run date
        .mention("x:post:10", "u1", "2026-11-05 08:00:00", "Nordwind where is my parcel?", "negative", -0.4, false)
        .row("x:reply:11", "x", "1187654321", "reply", "2026-11-05 09:00:00", "@u1 sorry! DM us", "en", "Nordwind", "10",
            null, "neutral", 0.0, false, null)
        // a competitor's account replying does not answer for us
        .mention("x:reply:20", "u2", "2026-11-05 08:00:00", "Nordwind hello?", "neutral", 0.0, false)
        .row("x:reply:21", "x", "2298765432", "reply", "2026-11-05 09:00:00", "try Alpenkraft", "en", "Alpenkraft", "20",
            null, "neutral", 0.0, false, null)
        // our reply after the end of the run date: still open on the run date
        .mention("x:post:30", "u3", "2026-11-05 22:00:00", "Nordwind refund?", "negative", -0.3, false)
        .row("x:reply:31", "x", "1187654321", "reply", "2026-11-06 01:00:00", "@u3 on it", "en", "Nordwind", "30",
            null, "neutral", 0.0, false, null)
        // a Facebook comment answered through its support case's first response
        .row("fb:comment:1_2", "facebook", "u4", "comment", "2026-11-05 10:00:00", "Nordwind the order never came",
            null, "Nordwind", "1", null, "negative", -0.6, false, null)
        .supportCase("facebook", "1_2", "2026-11-05 10:30:00")
        // a case not answered yet keeps its comment in the queue
        .row("fb:comment:1_3", "facebook", "u5", "comment", "2026-11-05 10:00:00", "Nordwind wrong size",
            null, "Nordwind", "1", null, "negative", -0.6, false, null)
        .supportCase("facebook", "1_3", null);
    assertEquals(List.of("fb:comment:1_3", "x:post:30", "x:reply:20"),
        s.byId().keySet().stream().sorted().toList());
  }

  @Test
  void onlyOwnBrandMentionsByOthersThatNeedAnAnswerWithinTheWindowAreQueued() {
    Scenario s = new Scenario()
        .mention("x:post:1", "u1", "2026-11-05 10:00:00", "Love my Nordwind jacket", "positive", 0.9, false)
        .mention("x:post:2", "u1", "2026-11-05 10:00:00", "Nordwind jacket seen in town", "neutral", 0.0, false)
        .mention("x:post:3", "u1", "2026-11-05 10:00:00", "Does the Nordwind tent run small?", "neutral", 0.0, false)
        .mention("x:post:4", "u1", "2026-11-05 10:00:00", "Want a Nordwind jacket", "positive", 0.5, true)
        .mention("x:post:5", "u1", "2026-11-05 10:00:00", "Nordwind is awful", "negative", -0.9, false)
        // a competitor's mention, a brand account's own post, a reaction, too old, after the run date
        .row("x:post:6", "x", "u1", "post", "2026-11-05 10:00:00", "Alpenkraft is awful", "en", "Alpenkraft", null,
            null, "negative", -0.9, false, null)
        .row("x:post:7", "x", "1187654321", "post", "2026-11-05 10:00:00", "Any questions?", "en", "Nordwind", null,
            null, "neutral", 0.0, false, null)
        .row("fb:reaction:1_1:u1", "facebook", "u1", "reaction", "2026-11-05 10:00:00", null, null, "Nordwind",
            "1_1", null, null, null, null, null)
        .mention("x:post:8", "u1", "2026-10-29 23:59:59", "Nordwind is awful", "negative", -0.9, false)
        .mention("x:post:9", "u1", "2026-10-30 00:00:00", "Nordwind is awful", "negative", -0.9, false)
        .mention("x:post:10", "u1", "2026-11-06 00:00:00", "Nordwind is awful", "negative", -0.9, false);
    Map<String, Row> q = s.byId();
    // the window is the 7 days 2026-10-30 00:00 to 2026-11-06 00:00
    assertEquals(List.of("x:post:3", "x:post:4", "x:post:5", "x:post:9"), q.keySet().stream().sorted().toList());
    Row question = q.get("x:post:3");
    assertTrue((boolean) question.getAs("asks_question"));
    assertEquals(CareQueue.QUESTION_NEED, (double) question.getAs("need_factor"), 1e-9);
    Row intent = q.get("x:post:4");
    assertTrue((boolean) intent.getAs("intent_to_buy"));
    assertFalse((boolean) intent.getAs("asks_question"));
    assertEquals(CareQueue.INTENT_NEED, (double) intent.getAs("need_factor"), 1e-9);
    assertEquals("sales", intent.getAs("topic"));
    assertEquals("sales-en", intent.getAs("team"));
    assertTrue(((String) intent.getAs("reason")).startsWith("intent to buy; no linked customer; 0 followers;"));
  }

  @Test
  void theAgeFactorGrowsWithTheWaitAndTheOverdueFlagFollowsTheResponseTarget() {
    Scenario s = new Scenario()
        .mention("x:post:1", "u1", "2026-11-04 00:00:00", "Nordwind?", "neutral", 0.0, false)
        .mention("x:post:2", "u1", "2026-11-05 12:00:00", "Nordwind?", "neutral", 0.0, false)
        .mention("x:post:3", "u1", "2026-11-05 22:30:00", "Nordwind?", "neutral", 0.0, false)
        .mention("x:post:4", "u1", "2026-11-05 23:30:00", "Nordwind?", "neutral", 0.0, false);
    Map<String, Row> q = s.byId();
    // 48 h -> 1 + 48/24 = 3; 12 h -> 1.5; 1.5 h -> 1.0625; 0.5 h -> 1.0208(3)
    assertEquals(48.0, (double) q.get("x:post:1").getAs("hours_waiting"), 1e-9);
    assertEquals(3.0, (double) q.get("x:post:1").getAs("age_factor"), 1e-9);
    assertEquals(1.5, (double) q.get("x:post:2").getAs("age_factor"), 1e-9);
    assertEquals(1.0625, (double) q.get("x:post:3").getAs("age_factor"), 1e-9);
    assertEquals(1.0208, (double) q.get("x:post:4").getAs("age_factor"), 1e-9);
    // everything else equal, the older the higher
    assertEquals(List.of(1, 2, 3, 4), List.of(1, 2, 3, 4).stream()
        .map(i -> (int) q.get("x:post:" + i).getAs("rank")).toList());
    // due 60 minutes after posting: 23:30 (before midnight, overdue) and 00:30 the next day (not yet)
    assertEquals(Timestamp.valueOf("2026-11-05 23:30:00"), q.get("x:post:3").getAs("due_at"));
    assertTrue((boolean) q.get("x:post:3").getAs("overdue"));
    assertEquals(Timestamp.valueOf("2026-11-06 00:30:00"), q.get("x:post:4").getAs("due_at"));
    assertFalse((boolean) q.get("x:post:4").getAs("overdue"));
    assertEquals("asks a question; no linked customer; 0 followers; waiting 0.5 h",
        q.get("x:post:4").getAs("reason"));
  }

  @Test
  void theTeamFollowsLanguageAndTopic() {
    Scenario s = new Scenario()
        .mention("x:post:1", "u1", "2026-11-05 10:00:00", "Nordwind my order still hasn't arrived", "negative",
            -0.5, false)
        .row("x:post:2", "x", "u1", "post", "2026-11-05 10:00:00",
            "Nordwind me cobrasteis dos veces el mismo pedido, ¿me lo podéis devolver?", "es", "Nordwind", null, null,
            "negative", -0.5, false, null)
        // Facebook has no lang: the Polish keyword (zwrot) names the language; returns comes before defect
        .row("fb:comment:1_1", "facebook", "u2", "comment", "2026-11-05 10:00:00",
            "Kurtka się rozpruła po tygodniu, gdzie mój zwrot?", null, "Nordwind", "1", null, "negative", -0.5,
            false, null)
        // no lang, but the sentiment scorer's language; 'envio' without its accent still matches 'envío'
        .row("fb:comment:1_2", "facebook", "u2", "comment", "2026-11-05 10:00:00", "¿Dónde está mi envio?", null,
            "Nordwind", "1", null, "neutral", 0.0, false, "es")
        .mention("x:post:3", "u1", "2026-11-05 10:00:00", "Nordwind hello?", "neutral", 0.0, false)
        .row("x:post:4", "x", "u1", "post", "2026-11-05 10:00:00", "Gdzie kupić Nordwind plecak?", "pl",
            "Nordwind", null, null, "neutral", 0.0, true, null)
        .row("x:post:5", "x", "u1", "post", "2026-11-05 10:00:00", "Nordwind la cremallera está rota", "es",
            "Nordwind", null, null, "negative", -0.5, false, null);
    Map<String, String> teams = s.byId().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getAs("language") + "/"
            + e.getValue().getAs("topic") + "/" + e.getValue().getAs("team")));
    assertEquals(Map.of(
        "x:post:1", "en/delivery/care-en-delivery",
        "x:post:2", "es/billing/care-es-billing",
        "fb:comment:1_1", "pl/returns/care-pl-returns",
        "fb:comment:1_2", "es/delivery/care-es-delivery",
        "x:post:3", "en/general/care-en-general",
        "x:post:4", "pl/sales/sales-pl",
        "x:post:5", "es/defect/care-es-quality"), teams);
  }

  @Test
  void theSameInputsGiveTheSameRankingWithTiesBrokenByInteractionId() {
    Scenario s = new Scenario()
        .mention("x:post:b", "u1", "2026-11-05 10:00:00", "Nordwind?", "neutral", 0.0, false)
        .mention("x:post:a", "u2", "2026-11-05 10:00:00", "Nordwind?", "neutral", 0.0, false)
        .mention("x:post:c", "u3", "2026-11-05 10:00:00", "Nordwind?", "neutral", 0.0, false);
    List<Row> first = s.queue().orderBy("rank").collectAsList();
    assertEquals(List.of("x:post:a", "x:post:b", "x:post:c"),
        first.stream().map(r -> (String) r.getAs("interaction_id")).toList());
    assertEquals(first, s.queue().orderBy("rank").collectAsList());
    assertTrue(first.stream().allMatch(r -> RUN.equals(((Date) r.getAs("run_date")).toLocalDate())));
  }

  @Test
  void theQueueHasTheDeclaredColumnsAndTypes() {
    Dataset<Row> q = new Scenario()
        .mention("x:post:1", "u1", "2026-11-05 10:00:00", "Nordwind?", "neutral", 0.0, false).queue();
    StructType declared = GoldTables.load("care_queue").schema();
    assertEquals(names(declared), names(q.schema()));
    assertEquals(CareQueue.COLUMNS, Arrays.asList(q.columns()));
    assertEquals(List.of("run_date", "interaction_id"), GoldTables.load("care_queue").keys());
  }

  @Test
  void customerValueSumsPaidOrdersUpToTheRunDate() {
    Dataset<Row> orders = session().sql("SELECT * FROM VALUES "
        + "('C1', DATE'2026-11-01', 'paid', CAST(100.50 AS DECIMAL(14,2))), "
        + "('C1', DATE'2026-11-05', 'paid', CAST(20.00 AS DECIMAL(14,2))), "
        + "('C1', DATE'2026-11-06', 'paid', CAST(999.00 AS DECIMAL(14,2))), "
        + "('C1', DATE'2026-11-02', 'refunded', CAST(50.00 AS DECIMAL(14,2))), "
        + "('C2', DATE'2026-11-02', 'cancelled', CAST(50.00 AS DECIMAL(14,2))) "
        + "AS t(customer_id, order_date, status, amount_reporting)");
    List<Row> value = CareQueue.customerValue(orders, RUN).collectAsList();
    // C1: 100.50 + 20.00 (the order of 11-06 is after the run date); C2 has no paid order
    assertEquals(List.of(RowFactory.create("C1", new BigDecimal("120.50"))), value);
  }

  private static List<String> names(StructType t) {
    return Arrays.stream(t.fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
  }
}
