package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.funnel_cohorts}: stage-to-stage conversion by cohort, for every day from..to. A cohort is the brand's
 * people who became aware in the same calendar month; for each stage that has a next one (aware → preference →
 * customer → loyal → advocate; aware → preference for a competitor), the cohort's people who had reached the stage by
 * that day, those of them who had also reached the next stage, and the ratio.
 */
public final class FunnelCohorts {
  private static final List<String> GROUPS = List.of("brand", "is_own_brand", "cohort_month", "stage", "stage_order",
      "next_stage");

  private FunnelCohorts() {}

  /** The funnel_cohorts rows of the days from..to (columns of {@code schemas/gold/funnel_cohorts.json}). */
  public static Dataset<Row> of(Dataset<Row> personStages, LocalDate from, LocalDate to) {
    Dataset<Row> stages = StageTimeline.stages(personStages).where(col("next_stage").isNotNull());
    return GoldTables.load("funnel_cohorts").conform(StageTimeline.daily(stages, GROUPS, from, to));
  }
}
