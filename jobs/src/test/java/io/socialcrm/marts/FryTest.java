package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** F.R.Y. per month and segment, engaged customers against the rest, on hand-made orders. */
class FryTest extends SparkTestBase {
  private static final double EPS = 1e-9;

  @Test
  void frequencyReachAndYieldEngagedVersusTheRest() {
    Dataset<Row> paidOrders = session().sql("SELECT order_id, customer_id, order_date, "
        + "CAST(amount AS DECIMAL(14,2)) AS amount_reporting FROM VALUES "
        + "('e0', 'E', DATE'2025-12-20', 5), "
        + "('a1', 'A', DATE'2026-01-05', 100), "
        + "('a2', 'A', DATE'2026-02-03', 50), ('a3', 'A', DATE'2026-02-20', 70), "
        + "('b1', 'B', DATE'2026-02-10', 30), "
        + "('e1', 'E', DATE'2026-02-11', 10), ('e2', 'E', DATE'2026-02-12', 20), "
        + "('c1', 'C', DATE'2026-02-15', 200), "
        + "('d1', 'D', DATE'2026-02-01', 40), "
        + "('g1', CAST(NULL AS STRING), DATE'2026-02-02', 999) "
        + "AS t(order_id, customer_id, order_date, amount)");
    Dataset<Row> customers = session().sql("SELECT * FROM VALUES "
        + "('A', 'consumer'), ('B', 'consumer'), ('E', 'consumer'), ('C', 'vip') AS t(customer_id, segment)");
    // A engaged on February's last day: engaged from February on, not in January. B engaged only in March.
    Dataset<Row> engaged = session().sql("SELECT * FROM VALUES "
        + "('A', DATE'2026-02-28'), ('B', DATE'2026-03-05') AS t(customer_id, first_engaged_date)");

    Map<String, Row> rows = Fry.of(paidOrders, customers, engaged).collectAsList().stream().collect(
        Collectors.toMap(r -> r.getDate(0) + "|" + r.getString(1) + "|" + r.getBoolean(2), r -> r));

    // Six groups; the guest order (no customer) counts nowhere.
    assertEquals(6, rows.size());
    // customers, new customers, orders, frequency, yield, revenue:
    check(rows.get("2025-12-01|consumer|false"), 1, 1, 1, 1.0, 5.0, "5.00"); // E's first order
    check(rows.get("2026-01-01|consumer|false"), 1, 1, 1, 1.0, 100.0, "100.00"); // A, not engaged yet
    // A engaged: 2 orders, 50 + 70 = 120 -> frequency 2, yield 60; not new (first order in January).
    check(rows.get("2026-02-01|consumer|true"), 1, 0, 2, 2.0, 60.0, "120.00");
    // B (new) and E (not new): 3 orders, 30 + 10 + 20 = 60 -> frequency 3 / 2 = 1.5, yield 60 / 3 = 20.
    check(rows.get("2026-02-01|consumer|false"), 2, 1, 3, 1.5, 20.0, "60.00");
    check(rows.get("2026-02-01|vip|false"), 1, 1, 1, 1.0, 200.0, "200.00");
    check(rows.get("2026-02-01|unknown|false"), 1, 1, 1, 1.0, 40.0, "40.00"); // D is not in the CRM rows
  }

  @Test
  void engagedCustomersAreLinkedProfilesThatInteractedWithOurBrand() {
    Dataset<Row> interactions = session().sql("SELECT * FROM VALUES "
        + "('A', true, 'reply', DATE'2026-02-10'), ('A', true, 'reaction', DATE'2026-01-31'), "
        + "('B', false, 'post', DATE'2026-01-01'), ('B', true, 'unfollow', DATE'2026-01-02'), "
        + "(CAST(NULL AS STRING), true, 'post', DATE'2026-01-01'), "
        + "('C', true, 'follow', DATE'2026-03-01') "
        + "AS t(customer_id, is_own_brand, interaction_type, interaction_date)");

    Map<String, String> engaged = Fry.engagedCustomers(interactions).collectAsList().stream().collect(
        Collectors.toMap(r -> r.getString(0), r -> r.getDate(1).toString()));

    // B only mentioned a competitor and unfollowed us; the unlinked profile is no customer.
    assertEquals(Map.of("A", "2026-01-31", "C", "2026-03-01"), engaged);
  }

  private static void check(Row r, long customers, long newCustomers, long orders, double frequency,
      double yield, String revenue) {
    assertEquals(customers, (long) r.getAs("customers"));
    assertEquals(newCustomers, (long) r.getAs("new_customers"));
    assertEquals(orders, (long) r.getAs("orders"));
    assertEquals(frequency, (double) r.getAs("frequency"), EPS);
    assertEquals(yield, (double) r.getAs("yield"), EPS);
    assertEquals(new BigDecimal(revenue), r.getAs("revenue"));
  }
}
