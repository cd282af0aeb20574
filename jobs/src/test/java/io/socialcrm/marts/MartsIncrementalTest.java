package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.identity.IdentityTables;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.privacy.ErasureJob;
import io.socialcrm.privacy.ErasureSubject;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.testing.SparkTestBase;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The incremental marts equal the marts built from scratch: two nights on a hand-made silver lake (the second links
 * a profile to a customer, adds an order of an existing customer, refunds an order, changes a profile and a
 * customer's segment, and adds interactions), then every gold table is compared with the one a single run over the
 * same final silver state builds; a rerun of the second night commits nothing.
 */
class MartsIncrementalTest extends SparkTestBase {
  private static final LocalDate NIGHT1 = LocalDate.of(2026, 11, 10);
  private static final LocalDate NIGHT2 = LocalDate.of(2026, 11, 11);
  private static final String BRAND_X = ScoredInteractionRows.NORDWIND_X;
  private static final String INTERACTION_COLUMNS = "interaction_id, platform, profile_id, interaction_type, ts, "
      + "brand, campaign_id, target_post_id, target_profile_id, text, impressions";

  @Test
  void twoNightsEqualOneBuildFromScratchAndARerunCommitsNothing() {
    Lake nightly = new Lake(session(), newTempDir("marts-nightly").toString());
    writeNight1(nightly);
    MartsResult first = job(nightly).run(NIGHT1, "night1");
    assertNull(first.counts().get("touched_people"), "the first run computes everyone");
    assertEquals(1L, gold(nightly, MartsJob.PERSON_STAGE).where(col("person_id").equalTo("x:u3")).count(),
        "the unlinked profile is a person of its own on night 1");

    applyNight2(nightly);
    // and before the night, profile u2 (linked to C2) is erased: its interactions, link and profile rows go
    new ErasureJob(session(), nightly, Clock.systemUTC()).erase(ErasureSubject.profile("x", "u2"), "dpo@test");
    MartsResult second = job(nightly).run(NIGHT2, "night2");
    // C1 (new post, new order, an edited reply), C2 (refund, its profile erased), x:u2 (erased), C3 and x:u3 (link),
    // C4 (segment), x:u5 (new profile), x:u4 (late posts: folded into its stored evidence)
    assertEquals(8L, second.counts().get("touched_people"));
    // of those, recomputed from their history: C1 (its reply changed), C2 and x:u2 (the erased link and rows), C3 and
    // x:u3 (the new link), x:u5 (a new profile)
    assertEquals(6L, second.counts().get("recomputed_people"));

    FromScratch.assertGoldEqualsBuildFromScratch(session(), nightly,
        new Lake(session(), newTempDir("marts-scratch").toString()), NIGHT2, MartSettings.defaults());

    // The night's cases came through: the linked profile moved to its customer, the new order made C1 loyal,
    // the refunded order lost its credits, and the new order got them.
    Dataset<Row> stages = gold(nightly, MartsJob.PERSON_STAGE);
    assertEquals(0L, stages.where(col("person_id").equalTo("x:u3")).count());
    // C2 kept its orders but lost the erased profile's evidence: no social platform, aware from its first order
    Row c2 = stages.where(col("person_id").equalTo("C2").and(col("is_own_brand"))).first();
    assertNull(c2.getAs("platform"));
    assertEquals(Date.valueOf("2026-11-09"), c2.getAs("aware_date"));
    // u4's late posts, folded: aware of the brand from the late post, and earlier of the competitor
    assertEquals(Date.valueOf("2026-11-02"), stages.where(col("person_id").equalTo("x:u4").and(col("is_own_brand")))
        .first().getAs("aware_date"));
    assertEquals(Date.valueOf("2026-11-04"), stages.where(col("person_id").equalTo("x:u4")
        .and(col("brand").equalTo("Alpenkraft"))).first().getAs("aware_date"));
    assertEquals("x", stages.where(col("person_id").equalTo("C3").and(col("is_own_brand"))).first()
        .getAs("platform"));
    assertEquals(Date.valueOf(NIGHT2), stages.where(col("person_id").equalTo("C1").and(col("is_own_brand")))
        .first().getAs("loyal_date"));
    Dataset<Row> attribution = gold(nightly, MartsJob.ATTRIBUTION);
    assertEquals(0L, attribution.where(col("order_id").equalTo("O4")).count());
    assertTrue(attribution.where(col("order_id").equalTo("O2")).count() > 0);
    assertTrue(attribution.where(col("order_id").equalTo("O5")).count() > 0);

    Map<String, Long> versions = versions(nightly);
    job(nightly).run(NIGHT2, "night2-rerun");
    assertEquals(versions, versions(nightly), "a rerun over unchanged silver commits nothing");

    // A weekly influence cadence: the next day's new reply moves the graph, but the mart built for night 2 is kept
    // (the care queue is still built). When it is due again is InfluenceCadenceTest's.
    MartSettings d = MartSettings.defaults();
    MartSettings weekly = new MartSettings(d.lookbackDays(), d.halfLifeDays(), d.positionFirst(), d.loyalOrders(),
        d.loyalWindowDays(), d.careHourlyCost(), d.responseTargetMinutes(), d.alertBaselineDays(), d.alertSpikeZ(),
        d.alertMinMentions(), d.influenceDamping(), d.influenceIterations(), 7);
    long influence = versions.get(MartsJob.INFLUENCERS.name());
    long receivedBefore = received(nightly, "u1");
    append(nightly, SilverTables.INTERACTIONS.table(), SilverTables.INTERACTIONS.schema(), interactions(
        "('x:reply:M6', 'x', 'u5', 'reply', TIMESTAMP'2026-11-12 09:00:00', 'Nordwind', NULL, 'M4', 'u1',"
            + " 'Nordwind jackets are great', 10L)"));
    LocalDate night3 = NIGHT2.plusDays(1);
    MartsResult kept = new MartsJob(session(), nightly, weekly).run(night3, "night3");
    assertEquals(0L, kept.counts().get("influence_built"));
    assertEquals(influence, versions(nightly).get(MartsJob.INFLUENCERS.name()), "influence kept within the week");
    assertEquals(receivedBefore, received(nightly, "u1"), "night 3's reply to u1 waits for the next rebuild");
    Assertions.assertTrue(kept.written().stream().anyMatch(w -> w.table().equals(MartsJob.CARE_QUEUE.name())),
        "the care queue of night 3 is built");
  }

  private long received(Lake lake, String profileId) {
    return gold(lake, MartsJob.INFLUENCERS).where(col("profile_id").equalTo(profileId)).first()
        .<Long>getAs("interactions_received");
  }

  private MartsJob job(Lake lake) {
    return new MartsJob(session(), lake, MartSettings.defaults());
  }

  /** Night 1: a campaign post of the brand, three linked-or-not people with touches, orders of four customers. */
  private void writeNight1(Lake lake) {
    write(lake, SilverTables.INTERACTIONS.table(), SilverTables.INTERACTIONS.schema(), interactions(
        "('x:post:P1', 'x', '" + BRAND_X + "', 'post', TIMESTAMP'2026-11-01 09:00:00', 'Nordwind', 'CMP1', NULL, NULL,"
            + " 'The new Nordwind winter jackets are here', 5000L),"
            + "('x:reply:R1', 'x', 'u1', 'reply', TIMESTAMP'2026-11-03 10:00:00', 'Nordwind', NULL, 'P1', '" + BRAND_X
            + "', 'I love it, great jacket', 10L),"
            + "('x:post:M1', 'x', 'u1', 'post', TIMESTAMP'2026-11-09 10:00:00', 'Nordwind', NULL, NULL, NULL,"
            + " 'Nordwind is great', 20L),"
            + "('x:reply:R2', 'x', 'u2', 'reply', TIMESTAMP'2026-11-02 11:00:00', 'Nordwind', NULL, 'P1', '" + BRAND_X
            + "', 'nice one', 5L),"
            + "('x:post:M2', 'x', 'u2', 'post', TIMESTAMP'2026-11-09 12:00:00', 'Nordwind', NULL, NULL, NULL,"
            + " 'Nordwind rocks, excellent service', 5L),"
            + "('x:reply:R3', 'x', 'u3', 'reply', TIMESTAMP'2026-11-05 08:00:00', 'Nordwind', NULL, 'P1', '" + BRAND_X
            + "', 'Is it waterproof?', 0L),"
            + "('x:repost:RP1', 'x', 'u3', 'repost', TIMESTAMP'2026-11-06 08:00:00', 'Nordwind', NULL, 'P1', '"
            + BRAND_X + "', NULL, 0L),"
            + "('x:post:M3', 'x', 'u4', 'post', TIMESTAMP'2026-11-06 15:00:00', 'Alpenkraft', NULL, NULL, NULL,"
            + " 'Alpenkraft boots are terrible', 300L)"));
    write(lake, SilverTables.ORDERS.table(), SilverTables.ORDERS.schema(), orders(
        "('O1', 'C1', TIMESTAMP'2026-11-08 10:00:00', 100.00, 'paid', TIMESTAMP'2026-11-08 10:00:00'),"
            + "('O3', 'C2', TIMESTAMP'2026-11-09 10:00:00', 50.00, 'paid', TIMESTAMP'2026-11-09 10:00:00'),"
            + "('O4', 'C2', TIMESTAMP'2026-11-10 08:00:00', 70.00, 'paid', TIMESTAMP'2026-11-10 08:00:00'),"
            + "('O5', 'C3', TIMESTAMP'2026-11-08 15:00:00', 80.00, 'paid', TIMESTAMP'2026-11-08 15:00:00'),"
            + "('O6', 'C4', TIMESTAMP'2026-11-07 09:00:00', 20.00, 'paid', TIMESTAMP'2026-11-07 09:00:00')"));
    write(lake, SilverTables.CUSTOMERS.table(), SilverTables.CUSTOMERS.schema(), session().sql(
        "SELECT customer_id, segment, TIMESTAMP'2026-01-01 00:00:00' AS valid_from, true AS is_current FROM VALUES "
            + "('C1', 'consumer'), ('C2', 'smb'), ('C3', 'vip'), ('C4', 'consumer') AS t(customer_id, segment)"));
    write(lake, SilverTables.SOCIAL_PROFILES.table(), SilverTables.SOCIAL_PROFILES.schema(), session().sql(
        "SELECT 'x' AS platform, profile_id, profile_id AS handle, followers, profile_id = '" + BRAND_X
            + "' AS is_brand, TIMESTAMP'2026-01-01 00:00:00' AS valid_from, true AS is_current FROM VALUES "
            + "('" + BRAND_X + "', 10000L), ('u1', 100L), ('u2', 10L), ('u3', 0L), ('u4', 500L)"
            + " AS t(profile_id, followers)"));
    write(lake, IdentityTables.LINKS, IdentityTables.LINKS_SCHEMA, links("('u1', 'C1'), ('u2', 'C2')"));
    write(lake, SilverTables.CAMPAIGNS.table(), SilverTables.CAMPAIGNS.schema(), session().sql(
        "SELECT 'CMP1' AS campaign_id, 'Winter' AS name, 'Nordwind' AS brand, 'x' AS platform,"
            + " DATE'2026-11-01' AS start_date, DATE'2026-11-30' AS end_date"));
    write(lake, SilverTables.SPEND.table(), SilverTables.SPEND.schema(), session().sql(
        "SELECT 'CMP1' AS campaign_id, DATE'2026-11-01' AS spend_date, 'media' AS cost_type,"
            + " CAST(200 AS DECIMAL(14,2)) AS amount_reporting"));
  }

  /**
   * Night 2, as conform and identity would write it: new interactions and a new profile, C1's second order, C2's
   * refund, u3 linked to C3, u2's followers and C4's segment changed (SCD2: the old version closed, a new one).
   */
  private void applyNight2(Lake lake) {
    append(lake, SilverTables.INTERACTIONS.table(), SilverTables.INTERACTIONS.schema(), interactions(
        "('x:post:M4', 'x', 'u1', 'post', TIMESTAMP'2026-11-11 09:00:00', 'Nordwind', NULL, NULL, NULL,"
            + " 'I love my Nordwind jacket, excellent', 50L),"
            + "('x:post:M5', 'x', 'u5', 'post', TIMESTAMP'2026-11-11 10:00:00', 'Nordwind', NULL, NULL, NULL,"
            + " 'Does Nordwind ship to Spain?', 0L),"
            // late rows of u4 (a file that came in late): older than the first row stored for u4
            + "('x:post:L1', 'x', 'u4', 'post', TIMESTAMP'2026-11-02 09:00:00', 'Nordwind', NULL, NULL, NULL,"
            + " 'Nordwind jackets look great', 40L),"
            + "('x:post:L2', 'x', 'u4', 'post', TIMESTAMP'2026-11-04 09:00:00', 'Alpenkraft', NULL, NULL, NULL,"
            + " 'Alpenkraft gloves are excellent', 40L)"));
    // u1's reply edited twice (two versions the marts step has not read: one row per key must reach the MERGE of
    // post_signals, the newest): its stored evidence (a positive reply) is gone
    DeltaTable interactions = DeltaTable.forPath(session(), lake.path(SilverTables.INTERACTIONS.table()));
    interactions.update(col("interaction_id").equalTo("x:reply:R1"), Map.of("text", lit("meh, it is a jacket")));
    interactions.update(col("interaction_id").equalTo("x:reply:R1"), Map.of("text", lit("I hate it, terrible jacket")));
    append(lake, SilverTables.ORDERS.table(), SilverTables.ORDERS.schema(), orders(
        "('O2', 'C1', TIMESTAMP'2026-11-11 12:00:00', 120.00, 'paid', TIMESTAMP'2026-11-11 12:00:00')"));
    // O4 shipped, then refunded
    DeltaTable.forPath(session(), lake.path(SilverTables.ORDERS.table())).update(col("order_id").equalTo("O4"),
        Map.of("status", lit("shipped"), "updated_at", lit("2026-11-10 20:00:00").cast("timestamp")));
    DeltaTable.forPath(session(), lake.path(SilverTables.ORDERS.table())).update(col("order_id").equalTo("O4"),
        Map.of("status", lit("refunded"), "updated_at", lit("2026-11-11 08:00:00").cast("timestamp")));
    append(lake, IdentityTables.LINKS, IdentityTables.LINKS_SCHEMA, links("('u3', 'C3')"));
    closeAndAdd(lake, SilverTables.SOCIAL_PROFILES, col("profile_id").equalTo("u2"), session().sql(
        "SELECT 'x' AS platform, profile_id, profile_id AS handle, followers, false AS is_brand,"
            + " TIMESTAMP'2026-11-11 00:00:00' AS valid_from, true AS is_current FROM VALUES ('u2', 20L), ('u5', 3L)"
            + " AS t(profile_id, followers)"));
    closeAndAdd(lake, SilverTables.CUSTOMERS, col("customer_id").equalTo("C4"), session().sql(
        "SELECT 'C4' AS customer_id, 'smb' AS segment, TIMESTAMP'2026-11-11 00:00:00' AS valid_from,"
            + " true AS is_current"));
  }

  private Dataset<Row> interactions(String values) {
    return session().sql("SELECT * FROM VALUES " + values + " AS t(" + INTERACTION_COLUMNS + ")")
        .withColumn("interaction_date", to_date(col("ts")))
        .withColumn("is_own_brand", col("brand").equalTo("Nordwind"));
  }

  private Dataset<Row> orders(String values) {
    return session().sql("SELECT *, 'EUR' AS currency, CAST(amount AS DECIMAL(14,2)) AS amount_reporting FROM VALUES "
            + values + " AS t(order_id, customer_id, order_ts, amount, status, updated_at)")
        .withColumn("order_date", to_date(col("order_ts")));
  }

  private Dataset<Row> links(String values) {
    return session().sql("SELECT 'x' AS platform, profile_id, concat('x:', profile_id) AS profile_key, customer_id,"
        + " 'deterministic' AS method, 1.0D AS match_probability, TIMESTAMP'2026-11-01 00:00:00' AS valid_from,"
        + " true AS is_current FROM VALUES " + values + " AS t(profile_id, customer_id)");
  }

  /** An SCD2 change: the current rows {@code which} are closed, {@code added} are inserted. */
  private void closeAndAdd(Lake lake, DeclaredTable table, Column which, Dataset<Row> added) {
    DeltaTable.forPath(session(), lake.path(table.table())).update(which.and(col("is_current")),
        Map.of("is_current", lit(false), "valid_to", lit("2026-11-11 00:00:00").cast("timestamp")));
    append(lake, table.table(), table.schema(), added);
  }

  private void write(Lake lake, LakeTable table, StructType schema, Dataset<Row> rows) {
    withSchema(rows, schema).write().format("delta").save(lake.path(table));
  }

  private void append(Lake lake, LakeTable table, StructType schema, Dataset<Row> rows) {
    withSchema(rows, schema).write().format("delta").mode("append").save(lake.path(table));
  }

  /** The rows with exactly {@code schema}'s columns; columns they lack are null. */
  private static Dataset<Row> withSchema(Dataset<Row> rows, StructType schema) {
    List<String> have = List.of(rows.columns());
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = have.contains(f.name()) ? col(f.name()) : lit(null);
      cols.add(c.cast(f.dataType()).as(f.name()));
    }
    return rows.select(cols.toArray(new Column[0]));
  }

  private Dataset<Row> gold(Lake lake, DeclaredTable t) {
    return session().read().format("delta").load(lake.path(t.table()));
  }

  private Map<String, Long> versions(Lake lake) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (DeclaredTable t : FromScratch.GOLD) {
      out.put(t.name(), DeltaTable.forPath(session(), lake.path(t.table())).history(1).first().<Long>getAs("version"));
    }
    return out;
  }
}
