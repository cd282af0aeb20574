package io.socialcrm.marts;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.Errors;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Day-by-day funnel counts from the stage dates of {@code gold.person_stage}, shared by {@link FunnelDaily} and
 * {@link FunnelCohorts}. Each person's stage becomes up to three dated changes (reached the stage, left it for a higher
 * one, reached the next stage); a date spine from..to with running sums turns them into counts for every day, so a
 * day without changes still shows the cumulative figures. Changes before {@code from} count on {@code from}; the
 * output never leaves from..to.
 */
final class StageTimeline {
  private StageTimeline() {}

  /**
   * One row per person and stage reached: the person's columns plus stage, stage_order (1 = aware ... 5 =
   * advocate), next_stage (null after advocate, and after preference for a competitor), stage_date, exit_date (the
   * first day the person stood higher, null while not) and next_date (the next stage's date).
   */
  static Dataset<Row> stages(Dataset<Row> personStages) {
    Column own = col("is_own_brand");
    Column noDate = lit(null).cast("date");
    Column[] stages = {
        stage(PersonStages.AWARE, 1, lit(PersonStages.PREFERENCE), col("aware_date"),
            least(col("preference_date"), col("customer_date"), col("loyal_date"), col("advocate_date")),
            col("preference_date")),
        stage(PersonStages.PREFERENCE, 2, when(own, lit(PersonStages.CUSTOMER)), col("preference_date"),
            least(col("customer_date"), col("loyal_date"), col("advocate_date")), col("customer_date")),
        stage(PersonStages.CUSTOMER, 3, lit(PersonStages.LOYAL), col("customer_date"),
            least(col("loyal_date"), col("advocate_date")), col("loyal_date")),
        stage(PersonStages.LOYAL, 4, lit(PersonStages.ADVOCATE), col("loyal_date"), col("advocate_date"),
            col("advocate_date")),
        stage(PersonStages.ADVOCATE, 5, lit(null).cast("string"), col("advocate_date"), noDate, noDate)};
    return personStages
        .withColumn("cohort_month", trunc(col("aware_date"), "month"))
        .withColumn("_stage", explode(array(stages)))
        .where(col("_stage.stage_date").isNotNull())
        .select(col("*"), col("_stage.*")).drop("_stage");
  }

  private static Column stage(String name, int order, Column next, Column date, Column exit, Column nextDate) {
    return struct(lit(name).as("stage"), lit(order).as("stage_order"), next.as("next_stage"), date.as("stage_date"),
        exit.as("exit_date"), when(next.isNotNull(), nextDate).as("next_date"));
  }

  /**
   * Counts per {@code groups} (which must include stage, stage_order and next_stage) and day from..to:
   * people_reached (reached the stage by that day), people_in_stage (the stage is their highest as of that day),
   * entries (reached it that day), converted_to_next (reached it and the next stage by that day; null without a
   * next stage) and conversion_rate (converted_to_next / people_reached). Rows start on the first day the group has
   * someone in the stage.
   */
  static Dataset<Row> daily(Dataset<Row> stageRows, List<String> groups, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw Errors.badArgument("funnel date range", from + ".." + to, "a first day on or before the last");
    }
    Column start = col("stage_date");
    Column events = array(
        change(start, 1, 1, 0, when(start.geq(lit(from)), 1).otherwise(0), from),
        change(when(col("exit_date").isNotNull(), greatest(col("exit_date"), start)), 0, -1, 0, lit(0), from),
        change(when(col("next_date").isNotNull(), greatest(col("next_date"), start)), 0, 0, 1, lit(0), from));
    List<Column> groupCols = new ArrayList<>();
    groups.forEach(g -> groupCols.add(col(g)));
    List<Column> eventCols = new ArrayList<>(groupCols);
    eventCols.add(explode(events).as("_e"));
    Dataset<Row> changes = stageRows.where(start.leq(lit(to)))
        .select(eventCols.toArray(new Column[0]))
        .where(col("_e.date").isNotNull().and(col("_e.date").leq(lit(to))))
        .select(col("*"), col("_e.*")).drop("_e");
    Dataset<Row> spine = changes.select(groupCols.toArray(new Column[0])).distinct()
        .withColumn("date", explode(sequence(lit(from), lit(to))))
        .withColumn("d_reached", lit(0)).withColumn("d_in", lit(0)).withColumn("d_converted", lit(0))
        .withColumn("d_entry", lit(0));
    List<Column> dayKeys = new ArrayList<>(groupCols);
    dayKeys.add(col("date"));
    WindowSpec upToDay = Window.partitionBy(groupCols.toArray(new Column[0])).orderBy("date")
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column reached = sum("d_reached").over(upToDay);
    Column converted = when(col("next_stage").isNotNull(), sum("d_converted").over(upToDay));
    return changes.unionByName(spine)
        .groupBy(dayKeys.toArray(new Column[0]))
        .agg(sum("d_reached").as("d_reached"), sum("d_in").as("d_in"), sum("d_converted").as("d_converted"),
            sum("d_entry").as("entries"))
        .withColumn("people_reached", reached)
        .withColumn("people_in_stage", sum("d_in").over(upToDay))
        .withColumn("converted_to_next", converted)
        .where(col("people_reached").gt(0))
        .withColumn("conversion_rate", col("converted_to_next").cast("double").divide(col("people_reached")))
        .drop("d_reached", "d_in", "d_converted");
  }

  /** One dated change of the counts; dates before {@code from} count on {@code from}. */
  private static Column change(Column date, int reached, int in, int converted, Column entry, LocalDate from) {
    return struct(when(date.isNotNull(), greatest(date, lit(from))).as("date"), lit(reached).as("d_reached"),
        lit(in).as("d_in"), lit(converted).as("d_converted"), entry.as("d_entry"));
  }
}
