package io.socialcrm.marts;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Hand-made attribution paths and touches for the attribution tests (times relative to a fixed instant). */
final class PathRows {
  /** Day 0, noon UTC. */
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  static final StructType PATHS = new StructType()
      .add("order_id", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType)
      .add("order_ts", DataTypes.TimestampType)
      .add("order_date", DataTypes.DateType)
      .add("revenue", DataTypes.createDecimalType(14, 2))
      .add("touch_id", DataTypes.StringType)
      .add("touch_ts", DataTypes.TimestampType)
      .add("platform", DataTypes.StringType)
      .add("campaign_id", DataTypes.StringType)
      .add("channel", DataTypes.StringType)
      .add("touch_type", DataTypes.StringType);

  static final StructType TOUCHES = new StructType()
      .add("touch_id", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType)
      .add("touch_ts", DataTypes.TimestampType)
      .add("platform", DataTypes.StringType)
      .add("campaign_id", DataTypes.StringType)
      .add("channel", DataTypes.StringType)
      .add("touch_type", DataTypes.StringType);

  static final StructType ORDERS = new StructType()
      .add("order_id", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType)
      .add("order_ts", DataTypes.TimestampType)
      .add("order_date", DataTypes.DateType)
      .add("amount_reporting", DataTypes.createDecimalType(14, 2))
      .add("status", DataTypes.StringType);

  private PathRows() {}

  /** The instant {@code days} (may be fractional) after {@link #T0}. */
  static Instant day(double days) {
    return T0.plus(Math.round(days * 86_400_000_000L), ChronoUnit.MICROS);
  }

  /** One path row: order placed on {@code orderDay}, touch on {@code touchDay}, channel "platform:campaign". */
  static Row path(String orderId, String revenue, double orderDay, String touchId, double touchDay, String channel) {
    String[] pc = channel.split(":", 2);
    return RowFactory.create(orderId, "cust-" + orderId, day(orderDay), Date.valueOf("2026-03-01"),
        new BigDecimal(revenue), touchId, day(touchDay), pc[0], pc[1].equals("organic") ? null : pc[1], channel,
        "brand_post_engagement");
  }

  /** One touch of a customer on {@code touchDay} in {@code channel}. */
  static Row touch(String touchId, String customerId, double touchDay, String channel) {
    String[] pc = channel.split(":", 2);
    return RowFactory.create(touchId, customerId, day(touchDay), pc[0], pc[1].equals("organic") ? null : pc[1],
        channel, "mention");
  }

  /** One order of a customer on {@code orderDay}. */
  static Row order(String orderId, String customerId, double orderDay, String revenue, String status) {
    return RowFactory.create(orderId, customerId, day(orderDay), Date.valueOf("2026-03-01"),
        new BigDecimal(revenue), status);
  }

  static Dataset<Row> frame(SparkSession s, StructType schema, Row... rows) {
    return s.createDataFrame(List.of(rows), schema);
  }

  /** credit by "order_id/touch_id/model". */
  static Map<String, Double> credits(Dataset<Row> attribution) {
    Map<String, Double> out = new HashMap<>();
    for (Row r : attribution.select("order_id", "touch_id", "model", "credit").collectAsList()) {
      out.put(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2), r.getDouble(3));
    }
    return out;
  }

  /** The touch ids of each order, "order_id:touch_id" sorted. */
  static List<String> orderTouches(Dataset<Row> paths) {
    List<String> out = new ArrayList<>();
    for (Row r : paths.select("order_id", "touch_id").orderBy("order_id", "touch_id").collectAsList()) {
      out.add(r.getString(0) + ":" + r.getString(1));
    }
    return out;
  }
}
