package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The paths the attribution models share out: each paid order with the touches of its customer that lead to it.
 *
 * <p>Window: a touch belongs to an order when {@code order_ts - lookbackDays <= touch_ts < order_ts} (at most
 * lookbackDays days of 24 hours before, strictly before the order) and no other paid order of the customer lies in
 * between ({@code touch_ts >= previous order_ts}). So a touch counts for one order only, the customer's next paid order:
 * a purchase closes the journey and the next one starts after it, which keeps a single touch from earning the
 * revenue of several orders. Touches of the same instant are ordered by touch_id, orders by order_id.
 *
 * <p>Orders without touches have no path (they are unattributed and appear in no attribution table).
 */
public final class AttributionPaths {
  /** The columns of a path row. */
  public static final String[] COLUMNS = {"order_id", "customer_id", "order_ts", "order_date", "revenue",
      "touch_id", "touch_ts", "platform", "campaign_id", "channel", "touch_type"};

  /** Microseconds in a day of 24 hours. */
  static final long MICROS_PER_DAY = 86_400_000_000L;

  private AttributionPaths() {}

  /**
   * One row per paid order and touch in its window: order_id, customer_id, order_ts, order_date, revenue
   * (amount_reporting), touch_id, touch_ts, platform, campaign_id, channel, touch_type.
   *
   * @param touches {@link Touchpoints#of}
   * @param orders silver orders (only status 'paid' counts)
   * @param lookbackDays the window, {@link MartSettings#lookbackDays}
   */
  public static Dataset<Row> of(Dataset<Row> touches, Dataset<Row> orders, int lookbackDays) {
    Dataset<Row> o = paidWithPrevious(orders).select(col("order_id"), col("customer_id").as("_order_customer"),
        col("order_ts"), col("order_date"), col("amount_reporting").as("revenue"), col("_previous_ts"));
    Column inWindow = col("customer_id").equalTo(col("_order_customer"))
        .and(col("touch_ts").lt(col("order_ts")))
        .and(microsBetween(col("touch_ts"), col("order_ts")).leq(lit(lookbackDays * MICROS_PER_DAY)))
        .and(col("_previous_ts").isNull().or(col("touch_ts").geq(col("_previous_ts"))));
    return touches.join(o, inWindow, "inner").select(columns().toArray(new Column[0]));
  }

  /**
   * The touches that led to no paid order (no paid order's window holds them), cut into the non-converting ("null")
   * paths of {@link MarkovAttribution}: a customer's such touches in time order, a new path starting when more than
   * lookbackDays passed since the previous one. (A paid order can not lie between two touches of one such path: it
   * would hold the earlier touch in its window.) Columns: path_id (customer_id|first touch_id), customer_id,
   * touch_id, touch_ts, platform, campaign_id, channel, touch_type. A recent path may still convert; until it does
   * it counts as non-converting.
   */
  public static Dataset<Row> nullPaths(Dataset<Row> touches, Dataset<Row> orders, int lookbackDays) {
    Dataset<Row> attributed = of(touches, orders, lookbackDays).select(col("touch_id").as("_attributed"));
    WindowSpec byCustomer = Window.partitionBy("customer_id").orderBy("touch_ts", "touch_id");
    Column newPath = col("_prev_ts").isNull()
        .or(microsBetween(col("_prev_ts"), col("touch_ts")).gt(lit(lookbackDays * MICROS_PER_DAY)));
    Dataset<Row> flagged = touches
        .join(attributed, col("touch_id").equalTo(col("_attributed")), "left_anti")
        .withColumn("_prev_ts", lag(col("touch_ts"), 1).over(byCustomer))
        .withColumn("_starts", when(newPath, lit(1)).otherwise(lit(0)))
        .withColumn("_path_no", sum("_starts").over(byCustomer));
    WindowSpec byPath = Window.partitionBy("customer_id", "_path_no").orderBy("touch_ts", "touch_id");
    return flagged
        .withColumn("path_id", concat(col("customer_id"), lit("|"), first("touch_id").over(byPath)))
        .select("path_id", "customer_id", "touch_id", "touch_ts", "platform", "campaign_id", "channel", "touch_type");
  }

  /**
   * The paths in the form {@code gold._attribution_paths} keeps them: the paid orders' paths ({@link #of};
   * converted = true, path_id = order_id) and the non-converting paths ({@link #nullPaths}; converted = false, the
   * order columns null). Every row belongs to one customer, so the paths of some customers can be replaced alone.
   */
  public static Dataset<Row> stored(Dataset<Row> touches, Dataset<Row> orders, int lookbackDays) {
    List<Column> converting = new ArrayList<>(List.of(lit(true).as("converted"), col("order_id").as("path_id")));
    converting.addAll(columns());
    Column none = lit(null);
    Dataset<Row> nonConverting = nullPaths(touches, orders, lookbackDays).select(lit(false).as("converted"),
        col("path_id"), none.cast("string").as("order_id"), col("customer_id"), none.cast("timestamp").as("order_ts"),
        none.cast("date").as("order_date"), none.cast("decimal(14,2)").as("revenue"), col("touch_id"), col("touch_ts"),
        col("platform"), col("campaign_id"), col("channel"), col("touch_type"));
    return of(touches, orders, lookbackDays).select(converting.toArray(new Column[0])).unionByName(nonConverting);
  }

  /** The paid orders' paths among stored paths ({@link #stored}), with the columns of {@link #of}. */
  public static Dataset<Row> converting(Dataset<Row> stored) {
    return stored.where(col("converted")).select(columns().toArray(new Column[0]));
  }

  /** The non-converting paths among stored paths ({@link #stored}), with the columns of {@link #nullPaths}. */
  public static Dataset<Row> nonConverting(Dataset<Row> stored) {
    return stored.where(not(col("converted")))
        .select("path_id", "customer_id", "touch_id", "touch_ts", "platform", "campaign_id", "channel", "touch_type");
  }

  /** The path columns ({@link #COLUMNS}), to select them followed by a model's columns. */
  static List<Column> columns() {
    List<Column> out = new ArrayList<>();
    for (String c : COLUMNS) {
      out.add(col(c));
    }
    return out;
  }

  /** Paid orders with the time of the customer's previous paid order ({@code _previous_ts}, null for the first). */
  private static Dataset<Row> paidWithPrevious(Dataset<Row> orders) {
    WindowSpec byCustomer = Window.partitionBy("customer_id").orderBy("order_ts", "order_id");
    return orders.where(col("status").equalTo("paid").and(col("customer_id").isNotNull()))
        .withColumn("_previous_ts", lag(col("order_ts"), 1).over(byCustomer));
  }

  /** Microseconds from {@code from} to {@code to} (days are 24 hours, whatever the time zone). */
  static Column microsBetween(Column from, Column to) {
    return unix_micros(to).minus(unix_micros(from));
  }
}
