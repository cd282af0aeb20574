package io.socialcrm.marts;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.funnel_daily}: for every day from..to, brand, platform, campaign and segment of the people (their
 * attributes in {@code gold.person_stage}: first platform, first campaign, CRM segment), and funnel stage: how many
 * people had reached the stage by that day, how many stood exactly in it (it was their highest), how many entered it
 * that day, and how many of those who reached it had also reached the next stage by then. Competitors have aware and
 * preference rows only. Counts come from the stage dates, so any day in the range can be recomputed alone.
 */
public final class FunnelDaily {
  private static final List<String> GROUPS = List.of("brand", "is_own_brand", "platform", "first_campaign_id",
      "segment", "stage", "stage_order", "next_stage");

  private FunnelDaily() {}

  /** The funnel_daily rows of the days from..to (columns of {@code schemas/gold/funnel_daily.json}). */
  public static Dataset<Row> of(Dataset<Row> personStages, LocalDate from, LocalDate to) {
    return GoldTables.load("funnel_daily").conform(StageTimeline.daily(StageTimeline.stages(personStages), GROUPS,
        from, to).withColumnRenamed("first_campaign_id", "campaign_id"));
  }
}
