package io.socialcrm.marts;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.JoinKeys;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code gold.alerts} for a run date: what the brand and care teams should look at today.
 * <ul>
 *   <li>{@code mention_spike}: a brand's (own or competitor's) mentions on a platform (or 'all') that day exceed
 *       mean + alertSpikeZ × standard deviation of the alertBaselineDays days before it (the day itself is not in
 *       its baseline; days without mentions count as 0; sample standard deviation), and are at least
 *       alertMinMentions;</li>
 *   <li>{@code negative_spike}: the same test on the day's negative mentions (a count, not a share, so that a
 *       quiet day with two negative posts out of three does not alarm; the minimum applies to the negative count);</li>
 *   <li>{@code care_overdue}: care-queue items of the run date past their response target (due_at), one alert
 *       per suggested team (value = items overdue, threshold = the target in minutes, reference = the team's most
 *       urgent item), so the work can be assigned and followed up; 'high' when the longest wait is at least twice
 *       the target.</li>
 * </ul>
 * Spike severity is 'high' when the value is at least twice its threshold, else 'medium'.
 */
public final class Alerts {
  /** The columns of {@code gold.alerts}, in order. */
  public static final List<String> COLUMNS = List.of("run_date", "alert_id", "alert_type", "brand", "platform",
      "metric", "value", "baseline_mean", "baseline_stddev", "threshold", "severity", "message", "reference", "team");

  private Alerts() {}

  /**
   * The alerts of {@code runDate}.
   *
   * @param dailyCounts date, brand, platform, mentions, negative (e.g. {@link MentionCounts#daily}); days may be
   *     missing (they count as 0)
   * @param careQueue {@code gold.care_queue} rows ({@link CareQueue#of}); only those of {@code runDate} are used
   */
  public static Dataset<Row> of(Dataset<Row> dailyCounts, Dataset<Row> careQueue, LocalDate runDate,
      MartSettings s) {
    Column day = lit(runDate.toString()).cast("date");
    Column first = lit(runDate.minusDays(s.alertBaselineDays()).toString()).cast("date");
    Dataset<Row> counts = dailyCounts.where(col("date").between(first, day))
        .select(col("date"), col("brand"), col("platform"), col("mentions"), col("negative"));
    Dataset<Row> series = counts.select("brand", "platform").distinct()
        .withColumn("date", explode(sequence(first, day)))
        .join(counts, JoinKeys.of("date", "brand", "platform"), "left")
        .withColumn("mentions", coalesce(col("mentions"), lit(0L)).cast("double"))
        .withColumn("negative", coalesce(col("negative"), lit(0L)).cast("double"));
    Dataset<Row> baseline = series.where(col("date").lt(day)).groupBy("brand", "platform").agg(
        avg("mentions").as("mentions_mean"), stddev_samp("mentions").as("mentions_sd"),
        avg("negative").as("negative_mean"), stddev_samp("negative").as("negative_sd"));
    Dataset<Row> today = series.where(col("date").equalTo(day))
        .join(baseline, JoinKeys.of("brand", "platform"), "inner");

    Dataset<Row> mentionSpikes = spikes(today, "mention_spike", "mentions", "mentions", runDate, s);
    Dataset<Row> negativeSpikes = spikes(today, "negative_spike", "negative", "negative mentions", runDate, s);
    return mentionSpikes.unionByName(negativeSpikes).unionByName(overdue(careQueue, runDate, s));
  }

  /** Spike alerts on one measure ({@code <measure>}, {@code <measure>_mean}, {@code <measure>_sd} of today). */
  private static Dataset<Row> spikes(Dataset<Row> today, String alertType, String measure, String words,
      LocalDate runDate, MartSettings s) {
    Column value = col(measure);
    Column mean = round(col(measure + "_mean"), 4);
    Column sd = round(coalesce(col(measure + "_sd"), lit(0.0)), 4);
    Column threshold = round(mean.plus(sd.multiply(s.alertSpikeZ())), 4);
    Dataset<Row> hits = today
        .withColumn("baseline_mean", mean)
        .withColumn("baseline_stddev", sd)
        .withColumn("threshold", threshold)
        .where(value.gt(col("threshold")).and(value.geq(s.alertMinMentions())));
    return hits.select(
        lit(runDate.toString()).cast("date").as("run_date"),
        concat(lit(alertType + ":"), col("brand"), lit(":"), col("platform")).as("alert_id"),
        lit(alertType).as("alert_type"),
        col("brand"),
        col("platform"),
        lit(measure).as("metric"),
        value.as("value"),
        col("baseline_mean"),
        col("baseline_stddev"),
        col("threshold"),
        severity(value, col("threshold")),
        format_string("%s %s on %s: %.0f on %s, baseline %.1f ± %.1f over the previous %d days (threshold %.1f)",
            col("brand"), lit(words), col("platform"), value, lit(runDate.toString()), col("baseline_mean"),
            col("baseline_stddev"), lit(s.alertBaselineDays()), col("threshold")).as("message"),
        lit(null).cast(DataTypes.StringType).as("reference"),
        lit(null).cast(DataTypes.StringType).as("team"));
  }

  /**
   * One care_overdue alert per team with overdue care-queue items on the run date (not one per item: a busy day
   * has thousands, and the queue already lists them): value = items past their target, reference = the team's
   * most urgent overdue item (best rank), message = how many, the longest wait and that item.
   */
  private static Dataset<Row> overdue(Dataset<Row> careQueue, LocalDate runDate, MartSettings s) {
    Column minutes = col("hours_waiting").cast("double").multiply(60.0);
    Dataset<Row> items = careQueue.where(col("run_date").equalTo(lit(runDate.toString()).cast("date"))
        .and(col("overdue")));
    return items.groupBy(col("run_date"), col("team"))
        .agg(count(lit(1)).as("items"), max(minutes).as("longest"),
            min(struct(col("rank"), col("interaction_id"), col("brand"), col("platform"))).as("top"),
            countDistinct(col("platform")).as("platforms"))
        .select(
            col("run_date"),
            concat(lit("care_overdue:"), col("team")).as("alert_id"),
            lit("care_overdue").as("alert_type"),
            col("top.brand").as("brand"),
            when(col("platforms").equalTo(1), col("top.platform")).otherwise(lit("all")).as("platform"),
            lit("items_overdue").as("metric"),
            col("items").cast("double").as("value"),
            lit(null).cast(DataTypes.DoubleType).as("baseline_mean"),
            lit(null).cast(DataTypes.DoubleType).as("baseline_stddev"),
            lit((double) s.responseTargetMinutes()).as("threshold"),
            when(col("longest").geq(2.0 * s.responseTargetMinutes()), lit("high")).otherwise(lit("medium"))
                .as("severity"),
            format_string("%d care items for %s past the %d-minute response target; longest wait %.1f h; most "
                    + "urgent: %s (queue rank %d)", col("items"), col("team"), lit(s.responseTargetMinutes()),
                col("longest").divide(60.0), col("top.interaction_id"), col("top.rank")).as("message"),
            col("top.interaction_id").as("reference"),
            col("team"));
  }

  private static Column severity(Column value, Column threshold) {
    return when(value.geq(threshold.multiply(2)), lit("high")).otherwise(lit("medium")).as("severity");
  }
}
