package io.socialcrm.marts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.JoinKeys;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.fry}: the F.R.Y. metrics (DOMAIN.md) per month and customer segment, social-engaged customers
 * against the others: Frequency (orders per buying customer), Reach (buying customers, and new customers: those
 * whose first paid order falls in the month) and Yield (average revenue per order).
 *
 * <p>A customer is social-engaged in a month when they first engaged with our brand on or before the month's last
 * day: once engaged, a customer stays in the engaged group. Orders without a customer are left out; a customer
 * missing from the CRM's current rows, or without a segment, is in segment {@code unknown}.
 */
public final class Fry {
  private Fry() {}

  /**
   * The mart's rows, conformed to {@code schemas/gold/fry.json}; one row per month, segment and social_engaged
   * value that has buyers.
   *
   * @param paidOrders the orders with status 'paid', all of them (order_id, customer_id, order_date,
   *     amount_reporting): the whole history decides each customer's first order
   * @param customers current customer rows (customer_id, segment)
   * @param engagedCustomers customer_id, first_engaged_date (see {@link #engagedCustomers})
   */
  public static Dataset<Row> of(Dataset<Row> paidOrders, Dataset<Row> customers, Dataset<Row> engagedCustomers) {
    Dataset<Row> orders = paidOrders.where(col("customer_id").isNotNull())
        .withColumn("month", trunc(col("order_date"), "month"));
    Dataset<Row> firstMonths = orders.groupBy("customer_id").agg(min("month").as("first_month"));
    Dataset<Row> buyers = orders
        .groupBy("customer_id", "month")
        .agg(count(lit(1)).as("orders"), sum("amount_reporting").as("revenue"))
        .join(firstMonths, JoinKeys.of("customer_id"))
        .join(customers.select("customer_id", "segment"), JoinKeys.of("customer_id"), "left")
        .join(engagedCustomers.select("customer_id", "first_engaged_date"), JoinKeys.of("customer_id"), "left")
        .withColumn("segment", coalesce(col("segment"), lit("unknown")))
        .withColumn("social_engaged", coalesce(col("first_engaged_date").leq(last_day(col("month"))), lit(false)));
    Dataset<Row> rows = buyers.groupBy("month", "segment", "social_engaged")
        .agg(count(lit(1)).as("customers"),
            sum(when(col("first_month").equalTo(col("month")), 1).otherwise(0)).as("new_customers"),
            sum("orders").as("orders"),
            sum("revenue").as("revenue"))
        .withColumn("frequency", col("orders").divide(col("customers")))
        .withColumn("yield", col("revenue").cast("double").divide(col("orders")));
    return GoldTables.load("fry").conform(rows);
  }

  /**
   * The social-engaged customers: customer_id and first_engaged_date, the first day a profile linked to the
   * customer interacted with our brand (any interaction about it, {@code is_own_brand}, except an unfollow).
   *
   * @param interactionsWithPerson interactions with customer_id added by {@link People#withPerson}
   */
  public static Dataset<Row> engagedCustomers(Dataset<Row> interactionsWithPerson) {
    return interactionsWithPerson
        .where(col("customer_id").isNotNull().and(col("is_own_brand"))
            .and(not(col("interaction_type").eqNullSafe("unfollow"))))
        .groupBy("customer_id")
        .agg(min("interaction_date").as("first_engaged_date"));
  }
}
