package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Care per month and channel: times, cost per case and per resolution, and social savings, on hand-made cases. */
class CareMartTest extends SparkTestBase {
  private static final double EPS = 1e-9;

  @Test
  void timesCostsAndSocialSavings() {
    Dataset<Row> cases = session().sql("SELECT case_id, channel, opened_at, status, "
        + "CAST(handling AS DOUBLE) AS handling_minutes, CAST(frt AS DOUBLE) AS first_response_minutes, "
        + "CAST(res AS DOUBLE) AS resolution_minutes FROM VALUES "
        + "('s1', 'social', TIMESTAMP'2026-03-02 09:00:00', 'resolved', 10, 5, 30), "
        + "('s2', 'social', TIMESTAMP'2026-03-03 09:00:00', 'closed', 20, 15, 90), "
        + "('s3', 'social', TIMESTAMP'2026-03-04 09:00:00', 'open', 30, 10, NULL), "
        + "('p1', 'phone', TIMESTAMP'2026-03-05 09:00:00', 'resolved', 40, 60, 120), "
        + "('e1', 'email', TIMESTAMP'2026-03-31 23:00:00', 'pending', 60, NULL, NULL), "
        + "('s4', 'social', TIMESTAMP'2026-04-10 09:00:00', 'resolved', 16, 4, 8), "
        + "('s5', 'social', TIMESTAMP'2026-05-10 09:00:00', 'open', 12, NULL, NULL) "
        + "AS t(case_id, channel, opened_at, status, handling, frt, res)");

    // 30 per hour = 0.5 per handling minute.
    Map<String, Row> rows = CareMart.of(cases, 30.0).collectAsList().stream().collect(
        Collectors.toMap(r -> r.getDate(0) + "|" + r.getString(1), r -> r));

    assertEquals(9, rows.size()); // 3 months x 3 channels
    Row social = rows.get("2026-03-01|social");
    assertEquals(3L, (long) social.getAs("cases"));
    assertEquals(2L, (long) social.getAs("resolved_cases"));
    assertEquals(10.0, (double) social.getAs("avg_first_response_minutes"), EPS); // (5 + 15 + 10) / 3
    assertEquals(10.0, (double) social.getAs("median_first_response_minutes"), EPS);
    assertEquals(60.0, (double) social.getAs("avg_resolution_minutes"), EPS); // (30 + 90) / 2
    assertEquals(30.0, (double) social.getAs("median_resolution_minutes"), EPS); // lower middle of 30, 90
    assertEquals(30.0, (double) social.getAs("handling_cost"), EPS); // 60 min x 0.5
    assertEquals(10.0, (double) social.getAs("cost_per_case"), EPS); // 20 min average x 0.5
    assertEquals(15.0, (double) social.getAs("cost_per_resolution"), EPS); // 30 / 2
    assertEquals(25.0, (double) social.getAs("phone_email_cost_per_case"), EPS); // (40 + 60) / 2 x 0.5
    assertEquals(30.0, (double) social.getAs("savings"), EPS); // 2 x (25 - 10)

    Row phone = rows.get("2026-03-01|phone");
    assertEquals(20.0, (double) phone.getAs("cost_per_case"), EPS);
    assertEquals(120.0, (double) phone.getAs("median_resolution_minutes"), EPS);
    assertNull(phone.getAs("savings"));
    assertNull(phone.getAs("phone_email_cost_per_case"));
    Row email = rows.get("2026-03-01|email"); // opened on the month's last evening: still March
    assertEquals(1L, (long) email.getAs("cases"));
    assertEquals(0L, (long) email.getAs("resolved_cases"));
    assertNull(email.getAs("avg_first_response_minutes"));
    assertNull(email.getAs("cost_per_resolution"));

    // April has no phone or email case: those rows are empty, social compares with all months (25).
    Row quiet = rows.get("2026-04-01|phone");
    assertEquals(0L, (long) quiet.getAs("cases"));
    assertNull(quiet.getAs("avg_resolution_minutes"));
    assertNull(quiet.getAs("cost_per_case"));
    Row aprilSocial = rows.get("2026-04-01|social");
    assertEquals(8.0, (double) aprilSocial.getAs("cost_per_case"), EPS); // 16 x 0.5
    assertEquals(25.0, (double) aprilSocial.getAs("phone_email_cost_per_case"), EPS);
    assertEquals(17.0, (double) aprilSocial.getAs("savings"), EPS); // 1 x (25 - 8)

    // May: no social case resolved, nothing saved.
    assertEquals(0.0, (double) rows.get("2026-05-01|social").getAs("savings"), EPS);
  }
}
