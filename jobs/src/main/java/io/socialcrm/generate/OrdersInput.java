package io.socialcrm.generate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * orders (Parquet, typed: decimal(12,2) amounts, timestamps): orders placed that day and status changes of
 * earlier orders. A customer's touches are recomputed from the activity of the customer's accounts.
 */
final class OrdersInput extends LandingInput<OrderGenerator.Row> {
  private static final long serialVersionUID = 1L;

  OrdersInput() {
    super("orders", Format.PARQUET, List.of("order_id", "order_number", "customer_id", "order_ts", "amount",
        "currency", "status", "promo_code", "campaign_id", "channel", "updated_at"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.customers / 60.0;
  }

  @Override
  StructType schema() {
    List<StructField> fields = new ArrayList<>();
    for (String column : columns()) {
      boolean required = List.of("order_id", "order_number", "customer_id", "order_ts", "amount", "currency",
          "status", "updated_at").contains(column);
      fields.add(DataTypes.createStructField(column, switch (column) {
        case "order_ts", "updated_at" -> DataTypes.TimestampType;
        case "amount" -> DataTypes.createDecimalType(12, 2);
        default -> DataTypes.StringType;
      }, !required));
    }
    return DataTypes.createStructType(fields);
  }

  @Override
  List<OrderGenerator.Row> items(World w, int day, int file, int files) {
    List<OrderGenerator.Row> items = new ArrayList<>();
    int existing = Math.min(w.customers, w.initialCustomers + w.newCustomersPerDay * (day + 1));
    for (int c = file; c < existing; c += files) {
      List<Touch> touches = w.profilesOf(c).length == 0 ? List.of()
          : Touches.of(w, c, day - OrderGenerator.STATUS_WINDOW_DAYS - 30, day);
      items.addAll(OrderGenerator.rowsOn(w, c, day, touches));
    }
    items.sort(Comparator.comparingLong(OrderGenerator.Row::updatedAt).thenComparing(r -> r.order().id()));
    return items;
  }

  @Override
  Object render(World w, OrderGenerator.Row r) {
    OrderGenerator.Order o = r.order();
    return new Object[] {o.id(), o.number(), Ids.customerId(o.customer()), new Timestamp(o.time()), r.amount(),
        r.currency(), r.status(), r.promoCode(), r.campaignId(), r.channel(), new Timestamp(r.updatedAt())};
  }
}
