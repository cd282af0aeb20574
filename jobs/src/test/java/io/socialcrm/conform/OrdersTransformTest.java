package io.socialcrm.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.testing.SparkTestBase;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** silver.orders: latest version per order, conversion into the reporting currency, missing rates made visible. */
class OrdersTransformTest extends SparkTestBase {

  private Dataset<Row> rates(Object[]... rows) {
    return session().createDataFrame(Arrays.stream(rows).map(r -> RowFactory.create(r[0],
        new BigDecimal((String) r[1]).setScale(8), Date.valueOf(LocalDate.parse((String) r[2])))).toList(),
        FxRates.SCHEMA);
  }

  /** EUR; USD with an old rate, the rate valid in November 2026 and a future one; PLN; no GBP. */
  private Dataset<Row> testRates() {
    return rates(
        new Object[] {"EUR", "1", "2000-01-01"},
        new Object[] {"USD", "0.5", "2020-01-01"},
        new Object[] {"USD", "0.9", "2026-06-01"},
        new Object[] {"USD", "0.1", "2026-12-01"},
        new Object[] {"PLN", "0.25", "2020-01-01"});
  }

  private static Object[] order(String id, String ts, String amount, String currency, String status, String updated) {
    return new Object[] {"order_id", id, "order_number", "NW-261101-0000000" + id.substring(id.length() - 1),
        "customer_id", "C1", "order_ts", ts, "amount", amount, "currency", currency, "status", status,
        "promo_code", "SENDA15", "campaign_id", "CMP004", "channel", "web", "updated_at", updated};
  }

  private Dataset<Row> orders() {
    return BronzeRows.of("orders")
        .row(order("O1", "2026-11-01 10:00:00", "100.00", "USD", "paid", "2026-11-01 10:00:00"))
        .loadedOn("2026-11-03")
        .row(order("O1", "2026-11-01 10:00:00", "100.00", "USD", "refunded", "2026-11-03 09:00:00"))
        .loadedOn("2026-11-01")
        .row(order("O2", "2026-11-01 23:30:00", "40.00", "EUR", "paid", "2026-11-01 23:30:00"))
        .row(order("O3", "2026-11-01 12:00:00", "200.00", "PLN", "paid", "2026-11-01 12:00:00"))
        .row(order("O4", "2026-11-01 12:00:00", "80.00", "GBP", "paid", "2026-11-01 12:00:00"))
        .build(session());
  }

  private static Map<String, Row> byId(Dataset<Row> silver) {
    return silver.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("order_id"), r -> r));
  }

  @Test
  void theLatestVersionWinsAndAmountsAreConvertedWithTheNewestRateValidOnTheOrderDate() {
    FxRates.Converted result = OrdersTransform.transform(orders(), testRates());
    Dataset<Row> silver = result.rows();
    assertEquals(OrdersTransform.COLUMNS, Arrays.asList(silver.columns()));
    Map<String, Row> rows = byId(silver);
    assertEquals(4, rows.size(), "one row per order, none lost");
    Row o1 = rows.get("O1");
    assertEquals("refunded", o1.getAs("status"));
    assertEquals(new BigDecimal("90.00"), o1.getAs("amount_reporting"), "the 2026-06-01 USD rate, not older or future");
    assertEquals("EUR", o1.getAs("reporting_currency"));
    assertEquals(Date.valueOf("2026-11-01"), o1.getAs("order_date"));
    assertEquals(new BigDecimal("40.00"), rows.get("O2").getAs("amount_reporting"));
    assertEquals(new BigDecimal("50.00"), rows.get("O3").getAs("amount_reporting"));
    assertEquals("SENDA15", rows.get("O3").getAs("promo_code"));
  }

  @Test
  void anOrderWithoutARateStaysWithANullAmountAndIsListedAsAReject() {
    FxRates.Converted result = OrdersTransform.transform(orders(), testRates());
    Row gbp = byId(result.rows()).get("O4");
    assertNull(gbp.getAs("amount_reporting"));
    assertEquals(new BigDecimal("80.00"), gbp.getAs("amount"));
    List<Row> rejects = result.rejects().collectAsList();
    assertEquals(1, rejects.size());
    Row reject = rejects.get(0);
    assertEquals("orders", reject.getAs("_input"));
    Assertions.assertTrue(((String) reject.getAs("_record")).contains("\"order_id\":\"O4\""));
    List<Row> reasons = reject.getList(reject.fieldIndex("_reasons"));
    assertEquals(1, reasons.size());
    Row reason = reasons.get(0);
    assertEquals(FxRates.MISSING_FX_RATE, reason.getAs("code"));
    assertEquals("currency", reason.getAs("column"));
    assertEquals("no GBP rate valid on 2026-11-01 in " + FxRates.RESOURCE, reason.getAs("detail"));
    assertEquals(5L, (long) reject.<Long>getAs("_source_row"), "the bronze row it came from");
    assertEquals(Date.valueOf("2026-11-01"), reject.getAs("_ingest_date"));
  }

  @Test
  void anotherReportingCurrencyConvertsThroughEuro() {
    Map<String, Row> rows = byId(OrdersTransform.transform(orders(), testRates(), "USD").rows());
    assertEquals(new BigDecimal("100.00"), rows.get("O1").getAs("amount_reporting"), "already in USD");
    assertEquals(new BigDecimal("44.44"), rows.get("O2").getAs("amount_reporting"), "40 EUR / 0.9");
    assertEquals(new BigDecimal("55.56"), rows.get("O3").getAs("amount_reporting"), "200 PLN * 0.25 / 0.9");
    assertEquals("USD", rows.get("O2").getAs("reporting_currency"));
    SocialCrmException e = assertThrows(SocialCrmException.class,
        () -> OrdersTransform.transform(orders(), testRates(), "CHF"));
    assertEquals("bad_argument", e.code());
  }

  @Test
  void theRatesFileCoversEveryCurrencyTheContractsAllowFromTheGeneratorsEarliestStart() {
    Dataset<Row> rates = FxRates.load(session());
    List<String> currencies = Contracts.get("orders").column("currency").allowed();
    Assertions.assertTrue(currencies.containsAll(Contracts.get("marketing_spend").column("currency").allowed()));
    for (String day : List.of("2024-03-04", "2026-11-01")) {
      Dataset<Row> probe = session().createDataFrame(currencies.stream()
              .map(c -> RowFactory.create(c, new BigDecimal("10.00"), Date.valueOf(day))).toList(),
          new StructType().add("currency", "string").add("amount", "decimal(12,2)")
              .add("day", "date"));
      Dataset<Row> converted = FxRates.convert(probe, "amount", "currency", "day", rates, "EUR");
      assertEquals(0L, converted.filter("amount_reporting IS NULL").count(), "every currency has a rate on " + day);
    }
    // The file's rates match the generator's (1 EUR = 1.08 USD = 0.86 GBP = 4.3 PLN) in 2026.
    Dataset<Row> probe = session().createDataFrame(List.of(RowFactory.create("PLN", new BigDecimal("430.00"),
            Date.valueOf("2026-11-01"))),
        new StructType().add("currency", "string").add("amount", "decimal(12,2)")
            .add("day", "date"));
    assertEquals(new BigDecimal("100.00"), FxRates.convert(probe, "amount", "currency", "day", rates, "EUR")
        .head().getAs("amount_reporting"));
  }

  @Test
  void aBrokenRatesFileIsAClearError() {
    SocialCrmException e = assertThrows(SocialCrmException.class, () -> FxRates.parse("schemas/reference/nope.csv"));
    assertEquals("invalid_reference_data", e.code());
  }
}
