package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Campaign ROI on a hand-made month: cost split, ROI / ROAS / CAC (with zero cost and zero media cost), fractional
 * orders and new customers, a row per model for every campaign month with spend or credit, and the sales lift.
 */
class CampaignRoiTest extends SparkTestBase {
  private static final double EPS = 1e-9;
  /** The mart over the frames below, built once for the class (the session is shared). */
  private static Map<String, Row> rows;

  @BeforeEach
  void build() {
    if (rows != null) {
      return;
    }
    Dataset<Row> campaigns = session().sql("SELECT * FROM VALUES "
        + "('C1', 'Spring', 'Nordwind', 'x', DATE'2026-03-10', DATE'2026-03-14'), "
        + "('C2', 'Open', 'Nordwind', 'facebook', DATE'2026-04-01', CAST(NULL AS DATE)), "
        + "('C3', 'Early', 'Nordwind', 'linkedin', DATE'2026-02-20', DATE'2026-02-25') "
        + "AS t(campaign_id, name, brand, platform, start_date, end_date)");
    // Customers A (first order o0), B (o1), C (o3: first), D (o4: first).
    Dataset<Row> paidOrders = session().sql("SELECT order_id, customer_id, order_ts, CAST(order_ts AS DATE) AS "
        + "order_date, CAST(amount AS DECIMAL(14,2)) AS amount_reporting FROM VALUES "
        + "('o0', 'A', TIMESTAMP'2026-03-01 10:00:00', 50), "
        + "('o1', 'B', TIMESTAMP'2026-03-06 10:00:00', 100), "
        + "('o2', 'A', TIMESTAMP'2026-03-11 10:00:00', 200), "
        + "('o3', 'C', TIMESTAMP'2026-03-12 10:00:00', 300), "
        + "('o5', 'B', TIMESTAMP'2026-03-20 10:00:00', 10), "
        + "('o4', 'D', TIMESTAMP'2026-04-02 10:00:00', 80) "
        + "AS t(order_id, customer_id, order_ts, amount)");
    // Two models only; the others still get rows. o2 is shared with an organic touch under linear.
    Dataset<Row> attribution = session().sql("SELECT order_id, customer_id, order_date, "
        + "CAST(revenue AS DECIMAL(14,2)) AS revenue, campaign_id, model, CAST(credit AS DOUBLE) AS credit FROM VALUES "
        + "('o2', 'A', DATE'2026-03-11', 200, 'C1', 'linear', 100), "
        + "('o2', 'A', DATE'2026-03-11', 200, CAST(NULL AS STRING), 'linear', 100), "
        + "('o3', 'C', DATE'2026-03-12', 300, 'C1', 'linear', 300), "
        + "('o4', 'D', DATE'2026-04-02', 80, 'C2', 'linear', 40), "
        + "('o4', 'D', DATE'2026-04-02', 80, 'C1', 'linear', 40), "
        + "('o2', 'A', DATE'2026-03-11', 200, 'C1', 'last_touch', 200), "
        + "('o3', 'C', DATE'2026-03-12', 300, 'C1', 'last_touch', 300), "
        + "('o4', 'D', DATE'2026-04-02', 80, 'C2', 'last_touch', 80) "
        + "AS t(order_id, customer_id, order_date, revenue, campaign_id, model, credit)");
    Dataset<Row> spend = session().sql("SELECT campaign_id, spend_date, cost_type, "
        + "CAST(amount AS DECIMAL(14,2)) AS amount_reporting FROM VALUES "
        + "('C1', DATE'2026-03-10', 'media', 100), ('C1', DATE'2026-03-10', 'staff', 50), "
        + "('C1', DATE'2026-03-10', 'tools', 25), ('C1', DATE'2026-03-11', 'media', 150), "
        + "('C2', DATE'2026-04-01', 'staff', 40), "
        + "('C3', DATE'2026-02-21', 'media', 30) "
        + "AS t(campaign_id, spend_date, cost_type, amount)");
    rows = CampaignRoi.of(attribution, spend, campaigns, paidOrders).collectAsList().stream().collect(
        Collectors.toMap(r -> r.getString(0) + "|" + r.getDate(1) + "|" + r.getString(2), r -> r));
  }

  @Test
  void everyCampaignMonthWithSpendOrCreditHasARowPerModel() {
    // C1 March (spend + credit), C1 April (credit only), C2 April, C3 February (spend only): 4 x 6 models.
    assertEquals(24, rows.size());
    Row early = row("C3", "2026-02-01", "markov");
    assertEquals("Early", early.getAs("campaign_name"));
    assertEquals("linkedin", early.getAs("platform"));
    assertEquals(0.0, (double) early.getAs("attributed_revenue"), EPS);
    assertEquals(-1.0, (double) early.getAs("roi"), EPS); // (0 - 30) / 30
    assertEquals(0.0, (double) early.getAs("roas"), EPS);
    assertNull(early.getAs("cac"));
  }

  @Test
  void splitsCostAndComputesRoiRoasCac() {
    // C1 March: media 100 + 150 = 250, staff 50, tools 25, cost 325.
    Row linear = row("C1", "2026-03-01", "linear");
    assertEquals(new BigDecimal("250.00"), linear.getAs("media_cost"));
    assertEquals(new BigDecimal("50.00"), linear.getAs("staff_cost"));
    assertEquals(new BigDecimal("25.00"), linear.getAs("tools_cost"));
    assertEquals(new BigDecimal("325.00"), linear.getAs("cost"));
    // linear: credit 100 (o2, half of it) + 300 (o3) = 400; orders 0.5 + 1; new: only o3 is a first order.
    assertEquals(400.0, (double) linear.getAs("attributed_revenue"), EPS);
    assertEquals(1.5, (double) linear.getAs("attributed_orders"), EPS);
    assertEquals(1.0, (double) linear.getAs("new_customers"), EPS);
    assertEquals(75.0 / 325.0, (double) linear.getAs("roi"), EPS); // (400 - 325) / 325
    assertEquals(1.6, (double) linear.getAs("roas"), EPS); // 400 / 250
    assertEquals(325.0, (double) linear.getAs("cac"), EPS); // 325 / 1

    Row last = row("C1", "2026-03-01", "last_touch");
    assertEquals(500.0, (double) last.getAs("attributed_revenue"), EPS);
    assertEquals(2.0, (double) last.getAs("attributed_orders"), EPS);
    assertEquals(175.0 / 325.0, (double) last.getAs("roi"), EPS); // (500 - 325) / 325
    assertEquals(2.0, (double) last.getAs("roas"), EPS); // 500 / 250

    Row none = row("C1", "2026-03-01", "first_touch");
    assertEquals(new BigDecimal("325.00"), none.getAs("cost"));
    assertEquals(0.0, (double) none.getAs("attributed_orders"), EPS);
    assertEquals(-1.0, (double) none.getAs("roi"), EPS);
  }

  @Test
  void zeroMediaCostOrZeroCostLeavesRatiosNull() {
    // C2 April: staff 40 only. linear credit 40, half of o4 (D's first order): 0.5 new customers.
    Row staffOnly = row("C2", "2026-04-01", "linear");
    assertEquals(new BigDecimal("0.00"), staffOnly.getAs("media_cost"));
    assertEquals(0.0, (double) staffOnly.getAs("roi"), EPS); // (40 - 40) / 40
    assertNull(staffOnly.getAs("roas"));
    assertEquals(0.5, (double) staffOnly.getAs("new_customers"), EPS);
    assertEquals(80.0, (double) staffOnly.getAs("cac"), EPS); // 40 / 0.5
    Row staffOnlyLast = row("C2", "2026-04-01", "last_touch"); // all of o4: credit 80, one new customer
    assertEquals(1.0, (double) staffOnlyLast.getAs("roi"), EPS); // (80 - 40) / 40
    assertEquals(40.0, (double) staffOnlyLast.getAs("cac"), EPS); // 40 / 1

    // C1 April: credit (linear 40) but no spend: cost 0, so no ROI or ROAS; CAC 0 / 0.5 = 0.
    Row free = row("C1", "2026-04-01", "linear");
    assertEquals(new BigDecimal("0.00"), free.getAs("cost"));
    assertEquals(40.0, (double) free.getAs("attributed_revenue"), EPS);
    assertNull(free.getAs("roi"));
    assertNull(free.getAs("roas"));
    assertEquals(0.0, (double) free.getAs("cac"), EPS);
    assertNull(row("C1", "2026-04-01", "last_touch").getAs("cac")); // no new customer
  }

  @Test
  void salesLiftComparesTheRunWithTheSameDaysBefore() {
    // C1 runs 03-10..03-14 (5 days): during o2 + o3 = 500; before 03-05..03-09: o1 = 100; lift (500-100)/100 = 4.
    for (String model : CampaignRoi.MODELS) {
      for (String month : List.of("2026-03-01", "2026-04-01")) {
        Row r = row("C1", month, model);
        assertEquals(5, (int) r.getAs("lift_days"));
        assertEquals(new BigDecimal("500.00"), r.getAs("sales_during"));
        assertEquals(new BigDecimal("100.00"), r.getAs("sales_before"));
        assertEquals(4.0, (double) r.getAs("sales_lift"), EPS);
      }
    }
    // C2 has no end: clipped to the last order day 04-02, 2 days; during o4 = 80; before 03-30..03-31: nothing.
    Row open = row("C2", "2026-04-01", "linear");
    assertEquals(2, (int) open.getAs("lift_days"));
    assertEquals(new BigDecimal("80.00"), open.getAs("sales_during"));
    assertEquals(new BigDecimal("0.00"), open.getAs("sales_before"));
    assertNull(open.getAs("sales_lift"));
    // C3's before period (02-14..02-19) lies before the first order (03-01): unknown, not zero.
    Row early = row("C3", "2026-02-01", "linear");
    assertEquals(6, (int) early.getAs("lift_days"));
    assertEquals(new BigDecimal("0.00"), early.getAs("sales_during"));
    assertNull(early.getAs("sales_before"));
    assertNull(early.getAs("sales_lift"));
  }

  private Row row(String campaign, String month, String model) {
    Row r = rows.get(campaign + "|" + month + "|" + model);
    if (r == null) {
      throw new AssertionError("no row " + campaign + " " + month + " " + model + " in " + rows.keySet());
    }
    return r;
  }
}
