package io.socialcrm.marts;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.JoinKeys;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * {@code gold.care}: customer care per month (of the case's opening) and channel (social, phone, email): case
 * counts, first-response and resolution times, handling cost per case and per resolution, and on the social rows
 * the savings of DOMAIN.md: resolved social cases × (cost per case on phone/email − cost per case on social).
 *
 * <p>Decisions: the grain is month × channel (social platforms together; the savings formula is by channel). Every
 * month with a case has a row for each channel, a channel without cases showing 0 cases and null times and costs.
 * Cost per case = average handling minutes / 60 × the hourly cost. The phone/email cost per case is pooled over
 * the month's phone and email cases together, or over all months when the month has no such case with handling
 * minutes. Savings are 0 when no social case was resolved, and negative when social costs more.
 */
public final class CareMart {
  /** The care channels; each month gets a row for each. */
  public static final List<String> CHANNELS = List.of("social", "phone", "email");

  private CareMart() {}

  /**
   * The mart's rows, conformed to {@code schemas/gold/care.json}.
   *
   * @param supportCases silver.support_cases
   * @param careHourlyCost staff cost per handling hour, reporting currency (setting marts.care.hourly.cost,
   *     default 30)
   */
  public static Dataset<Row> of(Dataset<Row> supportCases, double careHourlyCost) {
    Dataset<Row> cases = supportCases.where(col("opened_at").isNotNull()).withColumn("month", trunc(col("opened_at").cast("date"), "month"));
    Column resolved = col("status").isin("resolved", "closed");
    Column perMinute = lit(careHourlyCost / 60.0);
    Dataset<Row> stats = cases.groupBy("month", "channel")
        .agg(count(lit(1)).as("cases"),
            sum(when(resolved, 1).otherwise(0)).as("resolved_cases"),
            avg("first_response_minutes").as("avg_first_response_minutes"),
            percentile_approx(col("first_response_minutes"), lit(0.5), lit(10000))
                .as("median_first_response_minutes"),
            avg("resolution_minutes").as("avg_resolution_minutes"),
            percentile_approx(col("resolution_minutes"), lit(0.5), lit(10000)).as("median_resolution_minutes"),
            sum("handling_minutes").as("_handling_minutes"),
            avg("handling_minutes").multiply(perMinute).as("cost_per_case"));

    Column phoneOrEmail = col("channel").isin("phone", "email");
    Dataset<Row> monthBaseline = cases.where(phoneOrEmail).groupBy("month")
        .agg(avg("handling_minutes").multiply(perMinute).as("_month_baseline"));
    Dataset<Row> overallBaseline = cases.where(phoneOrEmail)
        .agg(avg("handling_minutes").multiply(perMinute).as("_overall_baseline"));

    Dataset<Row> channels = cases.select("channel").distinct()
        .union(cases.sparkSession().createDataset(CHANNELS, Encoders.STRING()).toDF("channel"))
        .distinct();
    Dataset<Row> rows = cases.select("month").distinct()
        .crossJoin(broadcast(channels))
        .join(stats, JoinKeys.of("month", "channel"), "left")
        .join(monthBaseline, JoinKeys.of("month"), "left")
        .crossJoin(broadcast(overallBaseline))
        .withColumn("cases", coalesce(col("cases"), lit(0L)))
        .withColumn("resolved_cases", coalesce(col("resolved_cases"), lit(0L)))
        .withColumn("handling_cost", col("_handling_minutes").multiply(perMinute))
        .withColumn("cost_per_resolution",
            when(col("resolved_cases").gt(0), col("handling_cost").divide(col("resolved_cases"))));
    Column isSocial = col("channel").equalTo("social");
    Column baseline = coalesce(col("_month_baseline"), col("_overall_baseline"));
    rows = rows
        .withColumn("phone_email_cost_per_case", when(isSocial, baseline))
        .withColumn("savings", when(isSocial,
            when(col("resolved_cases").equalTo(0), lit(0.0))
                .otherwise(col("resolved_cases").multiply(baseline.minus(col("cost_per_case"))))));
    return GoldTables.load("care").conform(rows);
  }
}
