package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * gold.alerts on hand-made daily counts (run date 2026-11-08, baseline 2026-11-01..07, z = 3, at least 10
 * mentions) and care-queue rows; and the daily mention counts they are built from.
 */
class AlertsTest extends SparkTestBase {
  private static final LocalDate RUN = LocalDate.parse("2026-11-08");
  private static final MartSettings S = MartSettings.defaults();

  /** Daily counts as SQL VALUES rows (date, brand, platform, mentions, negative). */
  private Dataset<Row> counts(String values) {
    return session().sql("SELECT CAST(d AS DATE) AS date, brand, platform, CAST(m AS BIGINT) AS mentions, "
        + "CAST(n AS BIGINT) AS negative FROM VALUES " + values + " AS t(d, brand, platform, m, n)");
  }

  private Dataset<Row> noCareItems() {
    return careQueue("('2026-11-08', 'x:post:0', 'Nordwind', 'x', 'post', 'h', 'u0', 0.1, "
        + "'2026-11-08 23:59:00', 1, 'care-en-general', false)");
  }

  /** Care-queue rows with the columns the alerts read. */
  private Dataset<Row> careQueue(String values) {
    return session().sql("SELECT CAST(run_date AS DATE) AS run_date, interaction_id, brand, platform, "
        + "interaction_type, handle, profile_id, CAST(hours_waiting AS DOUBLE) AS hours_waiting, "
        + "CAST(due_at AS TIMESTAMP) AS due_at, rank, team, overdue FROM VALUES " + values
        + " AS t(run_date, interaction_id, brand, platform, interaction_type, handle, profile_id, hours_waiting, "
        + "due_at, rank, team, overdue)");
  }

  private static Map<String, Row> byId(Dataset<Row> alerts) {
    return alerts.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("alert_id"), r -> r));
  }

  @Test
  void aSpikeIsADayAboveMeanPlusZStandardDeviationsOfTheDaysBeforeIt() {
    Dataset<Row> daily = counts(
        // outside the baseline window: ignored
        "('2026-10-31', 'Nordwind', 'x', 1000, 0), "
            + "('2026-11-01', 'Nordwind', 'x', 10, 1), ('2026-11-02', 'Nordwind', 'x', 12, 1), "
            + "('2026-11-03', 'Nordwind', 'x', 11, 1), ('2026-11-04', 'Nordwind', 'x', 13, 1), "
            + "('2026-11-05', 'Nordwind', 'x', 9, 1), ('2026-11-06', 'Nordwind', 'x', 10, 1), "
            + "('2026-11-07', 'Nordwind', 'x', 12, 1), ('2026-11-08', 'Nordwind', 'x', 16, 3)");
    Map<String, Row> alerts = byId(Alerts.of(daily, noCareItems(), RUN, S));
    // baseline 10, 12, 11, 13, 9, 10, 12 (the run day's 16 excluded): mean 77 / 7 = 11; squared deviations
    // 1 + 1 + 0 + 4 + 4 + 1 + 1 = 12, sample variance 12 / 6 = 2, sd 1.4142; threshold 11 + 3 * 1.4142 = 15.2426.
    // negatives: 3 > 1 + 3 * 0, but 3 < 10 mentions: no negative spike.
    assertEquals(List.of("mention_spike:Nordwind:x"), List.copyOf(alerts.keySet()));
    Row a = alerts.get("mention_spike:Nordwind:x");
    assertEquals("mention_spike", a.getAs("alert_type"));
    assertEquals("mentions", a.getAs("metric"));
    assertEquals(16.0, (double) a.getAs("value"), 1e-9);
    assertEquals(11.0, (double) a.getAs("baseline_mean"), 1e-9);
    assertEquals(1.4142, (double) a.getAs("baseline_stddev"), 1e-9);
    assertEquals(15.2426, (double) a.getAs("threshold"), 1e-9);
    assertEquals("medium", a.getAs("severity")); // 16 < 2 * 15.2426
    assertEquals("Nordwind mentions on x: 16 on 2026-11-08, baseline 11.0 ± 1.4 over the previous 7 days "
        + "(threshold 15.2)", a.getAs("message"));
    assertNull(a.getAs("reference"));
    assertEquals(Date.valueOf("2026-11-08"), a.getAs("run_date"));
  }

  @Test
  void theSameSeriesOneBelowTheThresholdOrBelowTheMinimumRaisesNothing() {
    Dataset<Row> daily = counts(
        "('2026-11-01', 'Nordwind', 'x', 10, 1), ('2026-11-02', 'Nordwind', 'x', 12, 1), "
            + "('2026-11-03', 'Nordwind', 'x', 11, 1), ('2026-11-04', 'Nordwind', 'x', 13, 1), "
            + "('2026-11-05', 'Nordwind', 'x', 9, 1), ('2026-11-06', 'Nordwind', 'x', 10, 1), "
            + "('2026-11-07', 'Nordwind', 'x', 12, 1), ('2026-11-08', 'Nordwind', 'x', 15, 1), "
            // nothing before and 9 today: above 0 + 3 * 0, but fewer than 10 mentions
            + "('2026-11-08', 'Alpenkraft', 'x', 9, 9)");
    // Nordwind: 15 <= 15.2426
    assertEquals(0, Alerts.of(daily, noCareItems(), RUN, S).count());
  }

  @Test
  void daysWithoutMentionsCountAsZeroInTheBaseline() {
    Dataset<Row> daily = counts("('2026-11-01', 'Sólido', 'facebook', 2, 0), "
        + "('2026-11-08', 'Sólido', 'facebook', 10, 0)");
    Row a = byId(Alerts.of(daily, noCareItems(), RUN, S)).get("mention_spike:Sólido:facebook");
    // baseline 2, 0, 0, 0, 0, 0, 0: mean 2/7 = 0.2857; squared deviations (12/7)^2 + 6 (2/7)^2 = 168/49 = 24/7,
    // sample variance 24/7 / 6 = 4/7, sd 0.7559; threshold 0.2857 + 3 * 0.7559 = 2.5534; 10 >= 2 * 2.5534: high
    assertEquals(0.2857, (double) a.getAs("baseline_mean"), 1e-9);
    assertEquals(0.7559, (double) a.getAs("baseline_stddev"), 1e-9);
    assertEquals(2.5534, (double) a.getAs("threshold"), 1e-9);
    assertEquals("high", a.getAs("severity"));
  }

  @Test
  void aNegativeSpikeIsTheSameTestOnNegativeMentions() {
    StringBuilder values = new StringBuilder();
    for (int d = 1; d <= 7; d++) {
      values.append("('2026-11-0").append(d).append("', 'Nordwind', 'all', 100, 5), ");
    }
    values.append("('2026-11-08', 'Nordwind', 'all', 100, 12)");
    Map<String, Row> alerts = byId(Alerts.of(counts(values.toString()), noCareItems(), RUN, S));
    // mentions 100 = mean 100 + 3 * 0: not above; negatives 12 > 5 + 3 * 0 and 12 >= 10: a spike, 12 >= 2 * 5: high
    assertEquals(List.of("negative_spike:Nordwind:all"), List.copyOf(alerts.keySet()));
    Row a = alerts.get("negative_spike:Nordwind:all");
    assertEquals("negative", a.getAs("metric"));
    assertEquals(12.0, (double) a.getAs("value"), 1e-9);
    assertEquals(5.0, (double) a.getAs("baseline_mean"), 1e-9);
    assertEquals(0.0, (double) a.getAs("baseline_stddev"), 1e-9);
    assertEquals(5.0, (double) a.getAs("threshold"), 1e-9);
    assertEquals("high", a.getAs("severity"));
  }

  @Test
  void careItemsPastTheirResponseTargetAreAlertedWithTheirTeam() {
    Dataset<Row> queue = careQueue(
        "('2026-11-08', 'x:post:1', 'Nordwind', 'x', 'post', 'anna', 'u1', 5.0, '2026-11-08 20:00:00', 1, "
            + "'care-en-delivery', true), "
            + "('2026-11-08', 'fb:comment:1_2', 'Nordwind', 'facebook', 'comment', NULL, 'u2', 1.5, "
            + "'2026-11-08 23:30:00', 2, 'care-pl-returns', true), "
            + "('2026-11-08', 'x:post:3', 'Nordwind', 'x', 'post', 'carl', 'u3', 0.5, '2026-11-09 00:30:00', 3, "
            + "'sales-en', false), "
            + "('2026-11-08', 'fb:comment:5_6', 'Nordwind', 'facebook', 'comment', NULL, 'u5', 2.0, "
            + "'2026-11-08 23:00:00', 4, 'care-en-delivery', true), "
            // another run date's queue
            + "('2026-11-07', 'x:post:4', 'Nordwind', 'x', 'post', 'dan', 'u4', 9.0, '2026-11-07 16:00:00', 1, "
            + "'care-en-general', true)");
    Map<String, Row> alerts = byId(Alerts.of(counts("('2026-11-08', 'Nordwind', 'x', 1, 0)"), queue, RUN, S));
    // One alert per team with overdue items of the run date: x:post:3 is not overdue, x:post:4 is another day's.
    assertEquals(List.of("care_overdue:care-en-delivery", "care_overdue:care-pl-returns"),
        alerts.keySet().stream().sorted().toList());
    Row delivery = alerts.get("care_overdue:care-en-delivery");
    // two items; the longest waits 5 h = 300 minutes against a 60-minute target: 300 >= 120, high
    assertEquals(2.0, (double) delivery.getAs("value"), 1e-9);
    assertEquals("items_overdue", delivery.getAs("metric"));
    assertEquals(60.0, (double) delivery.getAs("threshold"), 1e-9);
    assertEquals("high", delivery.getAs("severity"));
    assertEquals("x:post:1", delivery.getAs("reference"), "the team's best-ranked overdue item");
    assertEquals("all", delivery.getAs("platform"), "its items are on two platforms");
    assertEquals("care-en-delivery", delivery.getAs("team"));
    assertEquals("2 care items for care-en-delivery past the 60-minute response target; longest wait 5.0 h; "
        + "most urgent: x:post:1 (queue rank 1)", delivery.getAs("message"));
    Row returns = alerts.get("care_overdue:care-pl-returns");
    // one item waiting 1.5 h = 90 minutes < 120: medium
    assertEquals(1.0, (double) returns.getAs("value"), 1e-9);
    assertEquals("medium", returns.getAs("severity"));
    assertEquals("facebook", returns.getAs("platform"));
  }

  @Test
  void theAlertsHaveTheDeclaredColumnsAndTypesAndARerunGivesTheSameRows() {
    Dataset<Row> daily = counts("('2026-11-01', 'Sólido', 'facebook', 2, 0), "
        + "('2026-11-08', 'Sólido', 'facebook', 10, 10)");
    Dataset<Row> queue = careQueue("('2026-11-08', 'x:post:1', 'Nordwind', 'x', 'post', 'anna', 'u1', 5.0, "
        + "'2026-11-08 20:00:00', 1, 'care-en-delivery', true)");
    Dataset<Row> alerts = Alerts.of(daily, queue, RUN, S);
    assertEquals(Alerts.COLUMNS, Arrays.asList(alerts.columns()));
    assertEquals(Arrays.stream(GoldTables.load("alerts").schema().fields())
            .map(f -> f.name() + ":" + f.dataType().simpleString()).toList(),
        Arrays.stream(alerts.schema().fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList());
    List<Row> first = alerts.orderBy("alert_id").collectAsList();
    assertEquals(List.of("care_overdue:care-en-delivery", "mention_spike:Sólido:facebook", "negative_spike:Sólido:facebook"),
        first.stream().map(r -> (String) r.getAs("alert_id")).toList());
    assertEquals(first, Alerts.of(daily, queue, RUN, S).orderBy("alert_id").collectAsList());
  }

  @Test
  void dailyMentionCountsLeaveOutBrandAccountsAndNonMentionsAndAddAllPlatforms() {
    Dataset<Row> interactions = session().sql("SELECT CAST(d AS DATE) AS interaction_date, platform, profile_id, "
        + "interaction_type, brand, sentiment FROM VALUES "
        + "('2026-11-08', 'x', 'u1', 'post', 'Nordwind', 'negative'), "
        + "('2026-11-08', 'x', 'u2', 'post', 'Nordwind', 'positive'), "
        + "('2026-11-08', 'x', 'u3', 'reply', 'Nordwind', NULL), "
        + "('2026-11-08', 'x', 'u3', 'quote', 'Nordwind', 'negative'), "
        + "('2026-11-08', 'facebook', 'u4', 'comment', 'Nordwind', 'negative'), "
        + "('2026-11-08', 'facebook', 'u4', 'reaction', 'Nordwind', NULL), "
        + "('2026-11-08', 'x', 'u5', 'repost', 'Nordwind', NULL), "
        + "('2026-11-08', 'x', '1187654321', 'post', 'Nordwind', 'negative'), "
        // the brands' own accounts (brands.json), LinkedIn organization pages included, do not mention themselves
        + "('2026-11-08', 'linkedin', 'Nordwind', 'post', 'Nordwind', 'negative'), "
        + "('2026-11-08', 'x', 'u1', 'post', NULL, 'negative'), "
        + "('2026-11-08', 'x', 'u1', 'post', 'Alpenkraft', 'neutral'), "
        + "('2026-11-09', 'x', 'u1', 'post', 'Nordwind', 'negative') "
        + "AS t(d, platform, profile_id, interaction_type, brand, sentiment)");
    Map<String, String> counts = MentionCounts.daily(interactions, LocalDate.parse("2026-11-01"), RUN)
        .collectAsList().stream().collect(Collectors.toMap(
            r -> r.getAs("date") + "|" + r.getAs("brand") + "|" + r.getAs("platform"),
            r -> r.getAs("mentions") + "/" + r.getAs("negative")));
    // Nordwind on x: posts of u1 (negative) and u2, u3's reply and quote (negative); the repost, the brand's own
    // post, the unbranded post and the next day's are out. Facebook: the comment (negative), not the reaction.
    assertEquals(Map.of(
        "2026-11-08|Nordwind|x", "4/2",
        "2026-11-08|Nordwind|facebook", "1/1",
        "2026-11-08|Nordwind|all", "5/3",
        "2026-11-08|Alpenkraft|x", "1/0",
        "2026-11-08|Alpenkraft|all", "1/0"), counts);
  }
}
