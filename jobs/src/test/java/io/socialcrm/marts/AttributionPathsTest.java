package io.socialcrm.marts;

import static io.socialcrm.marts.PathRows.ORDERS;
import static io.socialcrm.marts.PathRows.TOUCHES;
import static io.socialcrm.marts.PathRows.frame;
import static io.socialcrm.marts.PathRows.order;
import static io.socialcrm.marts.PathRows.orderTouches;
import static io.socialcrm.marts.PathRows.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AttributionPathsTest extends SparkTestBase {

  /** Customer k1's paid order o1 on day 40 and the touches around its window; a refund and another customer. */
  private Dataset<Row> boundaryTouches() {
    return frame(session(), TOUCHES,
        touch("over30", "k1", 10 - 1.0 / 86_400, "x:organic"), // 30 days and 1 second before: out
        touch("at30", "k1", 10, "x:organic"),                  // exactly 30 days before: in
        touch("mid", "k1", 39, "x:c1"),                         // 1 day before: in
        touch("same", "k1", 40, "x:c1"),                        // at the order's instant: out (not before it)
        touch("after", "k1", 41, "x:c1"),                       // after the order: out
        touch("other", "k2", 39, "x:c1"));                      // another customer's: out
  }

  private Dataset<Row> boundaryOrders() {
    return frame(session(), ORDERS,
        order("o1", "k1", 40, "50.00", "paid"),
        order("refund", "k1", 35, "80.00", "refunded"),  // not paid: no path, and does not close o1's window
        order("none", "k2", 20, "10.00", "paid"));       // no touch before it: unattributed, no rows
  }

  @Test
  void theWindowHoldsTouchesAtMostLookbackDaysAndStrictlyBeforeTheOrder() {
    Dataset<Row> paths = AttributionPaths.of(boundaryTouches(), boundaryOrders(), 30);
    assertEquals(List.of("o1:at30", "o1:mid"), orderTouches(paths));
    Row r = paths.where("touch_id = 'mid'").first();
    assertEquals("k1", r.getAs("customer_id"));
    assertEquals(new BigDecimal("50.00"), r.getAs("revenue"));
    assertEquals("c1", r.getAs("campaign_id"));
    assertEquals("x:c1", r.getAs("channel"));
  }

  @Test
  void theLookbackIsAParameter() {
    // 7 days: only the touch 1 day before o1.
    assertEquals(List.of("o1:mid"), orderTouches(AttributionPaths.of(boundaryTouches(), boundaryOrders(), 7)));
  }

  /** k3 orders on days 10 and 20; k4 never orders. */
  private Dataset<Row> journeyTouches() {
    return frame(session(), TOUCHES,
        touch("s0", "k3", -25, "x:organic"),     // 35 days before q1: in no window
        touch("s1", "k3", 5, "x:organic"),       // before q1 (and q2): q1 only, the next order
        touch("s2", "k3", 10, "facebook:c1"),    // at q1's instant: not before q1, so it leads to q2
        touch("s3", "k3", 15, "x:c1"),           // between the orders: q2
        touch("s4", "k3", 25, "x:c1"),           // after both: none
        touch("w1", "k4", 0, "x:organic"),
        touch("w2", "k4", 20, "x:organic"),
        touch("w3", "k4", 45, "x:c1"),           // 25 days after w2: same null path
        touch("w4", "k4", 80, "x:c1"));          // 35 days after w3: a new null path
  }

  private Dataset<Row> journeyOrders() {
    return frame(session(), ORDERS,
        order("q1", "k3", 10, "20.00", "paid"),
        order("q2", "k3", 20, "30.00", "paid"));
  }

  @Test
  void aTouchCountsOnlyForTheCustomersNextPaidOrder() {
    assertEquals(List.of("q1:s1", "q2:s2", "q2:s3"),
        orderTouches(AttributionPaths.of(journeyTouches(), journeyOrders(), 30)));
  }

  @Test
  void touchesThatLedToNoOrderFormNullPathsCutByLookbackGaps() {
    Dataset<Row> nullPaths = AttributionPaths.nullPaths(journeyTouches(), journeyOrders(), 30);
    List<String> got = new ArrayList<>();
    for (Row r : nullPaths.select("path_id", "touch_id").orderBy("path_id", "touch_ts").collectAsList()) {
      got.add(r.getString(0) + ":" + r.getString(1));
    }
    // k3: s0 and s4 are unattributed, 50 days apart -> two paths; k4: w1, w2, w3 (gaps 20 and 25) and w4 (gap 35).
    assertEquals(List.of("k3|s0:s0", "k3|s4:s4", "k4|w1:w1", "k4|w1:w2", "k4|w1:w3", "k4|w4:w4"), got);
  }
}
