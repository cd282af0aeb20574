package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.orders} from bronze orders: the latest version per order_id (newest updated_at, then newest load),
 * with order_date (the UTC day of order_ts) and the amount in one reporting currency through {@link FxRates}. An
 * order whose currency has no rate on its date stays in the rows with a null amount_reporting and is listed in the
 * rejects ({@link FxRates#MISSING_FX_RATE}, input {@code orders}) for the job to quarantine.
 */
public final class OrdersTransform {
  /** The merge key of {@code silver.orders}. */
  public static final List<String> KEY = List.of("order_id");
  /** An order without an FX rate stays, with amount_reporting null (see {@link FxRates}). */
  public static final SilverBuild BUILD = SilverBuild.latestByKey(SilverTables.ORDERS, List.of("orders"),
      in -> transform(in.bronze("orders"), FxRates.load(in.spark())).rows(), "updated_at");
  public static final List<String> COLUMNS = List.of("order_id", "order_number", "customer_id", "order_ts",
      "order_date", "amount", "currency", "amount_reporting", "reporting_currency", "status", "promo_code",
      "campaign_id", "channel", "updated_at");

  private OrdersTransform() {}

  /** Silver orders (and rejects for missing rates) with amounts in {@code reportingCurrency}. */
  public static FxRates.Converted transform(Dataset<Row> bronzeOrders, Dataset<Row> rates, String reportingCurrency) {
    Dataset<Row> latest = CrmFactsTransform.latestPerKey(bronzeOrders, KEY, "updated_at")
        .withColumn("order_date", to_date(col("order_ts")));
    Dataset<Row> converted = FxRates.convert(latest, "amount", "currency", "order_date", rates, reportingCurrency);
    return new FxRates.Converted(CrmFactsTransform.select(converted, COLUMNS),
        FxRates.rejects(converted, "orders", COLUMNS, "currency"));
  }

  /** Silver orders in {@link FxRates#DEFAULT_REPORTING_CURRENCY} (EUR). */
  public static FxRates.Converted transform(Dataset<Row> bronzeOrders, Dataset<Row> rates) {
    return transform(bronzeOrders, rates, FxRates.DEFAULT_REPORTING_CURRENCY);
  }
}
