package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.conform.SilverTables;
import io.socialcrm.identity.IdentityTables;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The check every incremental marts test ends with: the gold tables a lake's nights left equal the gold tables one
 * marts run builds from scratch over a copy of the same final silver state.
 */
final class FromScratch {
  /** Every gold table a marts run writes, the internal ones included. */
  static final List<DeclaredTable> GOLD = List.of(MartsJob.POST_SIGNALS, MartsJob.PERSON_STAGE,
      MartsJob.PERSON_EVIDENCE, MartsJob.FUNNEL_DAILY, MartsJob.FUNNEL_COHORTS, MartsJob.ATTRIBUTION_PATHS,
      MartsJob.ATTRIBUTION, MartsJob.CHANNEL_ATTRIBUTION, MartsJob.CAMPAIGN_ROI, MartsJob.FRY, MartsJob.CARE,
      MartsJob.INFLUENCERS, MartsJob.SHARE_OF_VOICE, MartsJob.CARE_QUEUE, MartsJob.ALERTS);
  /** The silver tables the marts read. */
  private static final List<LakeTable> SILVER = List.of(SilverTables.INTERACTIONS.table(),
      SilverTables.ORDERS.table(), SilverTables.CUSTOMERS.table(), SilverTables.SOCIAL_PROFILES.table(),
      SilverTables.CAMPAIGNS.table(), SilverTables.SPEND.table(), SilverTables.SUPPORT_CASES.table(),
      IdentityTables.LINKS);

  private FromScratch() {}

  /**
   * Copies {@code nightly}'s silver tables into the empty lake {@code scratch}, runs the marts there for
   * {@code date}, and asserts that every gold table has the same rows in both (the per-run care queue and alerts:
   * those of {@code date}).
   */
  static void assertGoldEqualsBuildFromScratch(SparkSession spark, Lake nightly, Lake scratch, LocalDate date,
      MartSettings settings) {
    for (LakeTable t : SILVER) {
      if (nightly.isDeltaTable(nightly.path(t))) {
        spark.read().format("delta").load(nightly.path(t)).write().format("delta").save(scratch.path(t));
      }
    }
    new MartsJob(spark, scratch, settings).run(date, "scratch");
    for (DeclaredTable t : GOLD) {
      Dataset<Row> a = spark.read().format("delta").load(nightly.path(t.table()));
      Dataset<Row> b = spark.read().format("delta").load(scratch.path(t.table()));
      if (t == MartsJob.CARE_QUEUE || t == MartsJob.ALERTS) {
        a = a.where(col("run_date").equalTo(lit(Date.valueOf(date))));
      }
      assertEquals(0L, a.except(b).count(), t.name() + ": a nightly row that a build from scratch does not have");
      assertEquals(0L, b.except(a).count(), t.name() + ": a row built from scratch that the nightly table lacks");
      assertEquals(b.count(), a.count(), t.name());
    }
  }
}
