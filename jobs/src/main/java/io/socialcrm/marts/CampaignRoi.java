package io.socialcrm.marts;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
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
 * {@code gold.campaign_roi}: per campaign, month and attribution model, what the campaign cost (media, staff,
 * tools), the revenue, orders and new customers the model credits to it, ROI, ROAS and CAC, plus the campaign's
 * sales lift (paid revenue during its run against the same number of days right before it).
 *
 * <p>Definitions (DOMAIN.md): cost = media + staff + tools spend; ROI = (attributed revenue − cost) / cost, null
 * when cost = 0; ROAS = attributed revenue / media cost, null when media cost = 0; CAC = cost / new customers, null
 * when there are none.
 *
 * <p>Decisions: a row's month is the spend date's month for costs and the order date's month for attributed
 * figures. Every campaign and month with spend or attributed credit gets a row for every model, so models compare
 * on the same rows. {@code attributed_orders} and {@code new_customers} are fractional: the order's credit share
 * (credit / order revenue) under the model; a new customer is one whose first ever paid order is the attributed
 * order, so across campaigns a model never counts a customer more than once (orders with zero revenue have no
 * share and count 0). The lift is a per-campaign figure repeated on every row of the campaign: the run is
 * start_date to end_date (an open or later end is clipped to the last order date in the data); the before period
 * has the same length and ends the day before start_date, and is unknown (null) when it reaches before the first
 * order date in the data.
 */
public final class CampaignRoi {
  /** The attribution models of gold.attribution; each campaign and month gets a row for each. */
  public static final List<String> MODELS =
      List.of("first_touch", "last_touch", "linear", "time_decay", "position_based", "markov");

  private CampaignRoi() {}

  /**
   * The mart's rows, conformed to {@code schemas/gold/campaign_roi.json}.
   *
   * @param attribution gold.attribution rows (order_id, customer_id, order_date, revenue, campaign_id, model,
   *     credit; campaign_id null = organic, left out here)
   * @param spend silver.spend (campaign_id, spend_date, cost_type media|staff|tools, amount_reporting)
   * @param campaigns silver.campaigns (campaign_id, name, brand, platform, start_date, end_date)
   * @param paidOrders the orders with status 'paid', all of them (order_id, customer_id, order_ts, order_date,
   *     amount_reporting): they decide first orders and the sales lift
   */
  public static Dataset<Row> of(Dataset<Row> attribution, Dataset<Row> spend, Dataset<Row> campaigns,
      Dataset<Row> paidOrders) {
    Dataset<Row> costs = spend
        .groupBy(col("campaign_id"), trunc(col("spend_date"), "month").as("month"))
        .agg(costOf("media").as("media_cost"), costOf("staff").as("staff_cost"), costOf("tools").as("tools_cost"));

    Dataset<Row> firstOrders = paidOrders.where(col("customer_id").isNotNull())
        .groupBy("customer_id")
        .agg(min(struct(col("order_ts"), col("order_id"))).getField("order_id").as("order_id"))
        .select(col("order_id"), lit(true).as("_first_order"));
    Column share = when(col("revenue").notEqual(0), col("credit").divide(col("revenue"))).otherwise(lit(0.0));
    Dataset<Row> credited = attribution.where(col("campaign_id").isNotNull())
        .join(firstOrders, JoinKeys.of("order_id"), "left")
        .groupBy(col("campaign_id"), trunc(col("order_date"), "month").as("month"), col("model"))
        .agg(ExactSum.of(col("credit")).as("attributed_revenue"), ExactSum.of(share).as("attributed_orders"),
            ExactSum.of(when(col("_first_order"), share).otherwise(lit(0.0))).as("new_customers"));

    Dataset<Row> models = attribution.select("model").distinct()
        .union(attribution.sparkSession().createDataset(MODELS, Encoders.STRING()).toDF("model"))
        .distinct();
    Dataset<Row> rows = costs.select("campaign_id", "month")
        .union(credited.select("campaign_id", "month"))
        .distinct()
        .crossJoin(broadcast(models))
        .join(costs, JoinKeys.of("campaign_id", "month"), "left")
        .join(credited, JoinKeys.of("campaign_id", "month", "model"), "left")
        .join(broadcast(campaigns.select(col("campaign_id"), col("name").as("campaign_name"), col("brand"),
            col("platform"))), JoinKeys.of("campaign_id"), "left")
        .join(broadcast(salesLift(campaigns, paidOrders)), JoinKeys.of("campaign_id"), "left");

    Column zero = lit(0).cast("decimal(18,2)");
    rows = rows
        .withColumn("media_cost", coalesce(col("media_cost"), zero))
        .withColumn("staff_cost", coalesce(col("staff_cost"), zero))
        .withColumn("tools_cost", coalesce(col("tools_cost"), zero))
        .withColumn("cost", col("media_cost").plus(col("staff_cost")).plus(col("tools_cost")))
        .withColumn("attributed_revenue", coalesce(col("attributed_revenue"), lit(0.0)))
        .withColumn("attributed_orders", coalesce(col("attributed_orders"), lit(0.0)))
        .withColumn("new_customers", coalesce(col("new_customers"), lit(0.0)));
    Column cost = col("cost").cast("double");
    Column media = col("media_cost").cast("double");
    rows = rows
        .withColumn("roi", when(cost.notEqual(0), col("attributed_revenue").minus(cost).divide(cost)))
        .withColumn("roas", when(media.notEqual(0), col("attributed_revenue").divide(media)))
        .withColumn("cac", when(col("new_customers").notEqual(0), cost.divide(col("new_customers"))));
    return GoldTables.load("campaign_roi").conform(rows);
  }

  /**
   * Per campaign: lift_days (the run's length in days, clipped to the data), sales_during and sales_before (paid
   * revenue in the run and in the same number of days right before it) and sales_lift = (during − before) /
   * before (null when before is 0 or unknown). Daily revenue is at most one row per day, so the range join with the
   * broadcast campaigns stays small.
   */
  static Dataset<Row> salesLift(Dataset<Row> campaigns, Dataset<Row> paidOrders) {
    Dataset<Row> daily = paidOrders.groupBy(col("order_date").as("day"))
        .agg(sum("amount_reporting").as("day_revenue"));
    Dataset<Row> bounds = daily.agg(min("day").as("data_from"), max("day").as("data_to"));
    Dataset<Row> runs = campaigns.select("campaign_id", "start_date", "end_date")
        .crossJoin(broadcast(bounds))
        .withColumn("_run_end", least(coalesce(col("end_date"), col("data_to")), col("data_to")))
        .withColumn("lift_days", datediff(col("_run_end"), col("start_date")).plus(1))
        .withColumn("_before_start", date_sub(col("start_date"), col("lift_days")))
        .where(col("lift_days").gt(0));
    Column inRun = col("day").geq(col("start_date")).and(col("day").leq(col("_run_end")));
    Column inBefore = col("day").geq(col("_before_start")).and(col("day").lt(col("start_date")));
    Column zero = lit(0).cast("decimal(18,2)");
    Dataset<Row> lift = broadcast(runs)
        .join(daily, inRun.or(inBefore), "left")
        .groupBy("campaign_id", "lift_days", "_before_start", "data_from")
        .agg(coalesce(sum(when(inRun, col("day_revenue"))), zero).as("sales_during"),
            coalesce(sum(when(inBefore, col("day_revenue"))), zero).as("sales_before"))
        .withColumn("sales_before",
            when(col("_before_start").geq(col("data_from")), col("sales_before")));
    Column before = col("sales_before").cast("double");
    return lift.select(col("campaign_id"), col("lift_days"), col("sales_during"), col("sales_before"),
        when(before.notEqual(0), col("sales_during").cast("double").minus(before).divide(before)).as("sales_lift"));
  }

  private static Column costOf(String costType) {
    return coalesce(sum(when(col("cost_type").equalTo(costType), col("amount_reporting"))),
        lit(0).cast("decimal(18,2)"));
  }
}
