package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.SparkTestBase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** gold.funnel_daily and gold.funnel_cohorts: counts per day from hand-made stage dates. */
class FunnelDailyTest extends SparkTestBase {
  private static final LocalDate JAN1 = LocalDate.parse("2026-01-01");
  private static final LocalDate JAN3 = LocalDate.parse("2026-01-03");

  /** A person_stage row of the own brand (or a competitor), dates as yyyy-mm-dd or null. */
  private static Row person(String brand, String id, String segment, String aware, String preference,
      String customer, String loyal, String advocate) {
    boolean own = brand.equals("Nordwind");
    String current = advocate != null ? "advocate" : loyal != null ? "loyal" : customer != null ? "customer"
        : preference != null ? "preference" : "aware";
    return RowFactory.create(brand, own, id, null, "x", segment, "C1", current, date(aware), date(preference),
        date(customer), date(loyal), date(advocate));
  }

  private static Date date(String d) {
    return d == null ? null : Date.valueOf(d);
  }

  private Dataset<Row> personStages(Row... rows) {
    return session().createDataFrame(Arrays.asList(rows), GoldTables.load("person_stage").schema());
  }

  /**
   * date|brand|segment|stage → reached,in_stage,entries,converted,rate (rate to 3 decimals), after checking the
   * declared columns.
   */
  private static Map<String, String> counts(Dataset<Row> rows, String table, String group) {
    assertEquals(GoldTables.load(table).columnNames(), Arrays.asList(rows.columns()), "the declared columns");
    Map<String, String> m = new TreeMap<>();
    for (Row r : rows.collectAsList()) {
      String key = r.getAs("date") + "|" + r.getAs("brand") + "|" + r.getAs(group) + "|" + r.getAs("stage");
      List<String> v = new ArrayList<>();
      v.add(String.valueOf((Object) r.getAs("people_reached")));
      if (table.equals("funnel_daily")) {
        v.add(String.valueOf((Object) r.getAs("people_in_stage")));
        v.add(String.valueOf((Object) r.getAs("entries")));
      }
      v.add(String.valueOf((Object) r.getAs("converted_to_next")));
      Double rate = r.getAs("conversion_rate");
      v.add(rate == null ? "null" : String.format("%.3f", rate));
      if (m.put(key, String.join(",", v)) != null) {
        throw new AssertionError("two rows for " + key);
      }
    }
    return m;
  }

  @Test
  void entriesCumulativePeopleAndConversionPerDay() {
    Dataset<Row> stages = personStages(
        person("Nordwind", "A", "consumer", "2026-01-01", "2026-01-02", "2026-01-03", null, null),
        person("Nordwind", "B", "consumer", "2026-01-02", null, null, null, null),
        // aware before the range: counted from its first day, but no entry in it
        person("Nordwind", "C", "consumer", "2025-12-30", "2026-01-03", null, null, null),
        // after the range: not counted at all
        person("Nordwind", "D", "consumer", "2026-01-04", "2026-01-04", null, null, null),
        // a competitor: no conversion after preference
        person("Alpenkraft", "E", null, "2026-01-01", "2026-01-01", null, null, null));
    Map<String, String> expected = new TreeMap<>();
    // aware. 01-01: A and C (clamped) reached, only A entered; both still aware; nobody preferring yet.
    expected.put("2026-01-01|Nordwind|consumer|aware", "2,2,1,0,0.000");
    // 01-02: B enters; A moved on to preference (in_stage B, C); converted A: 1/3
    expected.put("2026-01-02|Nordwind|consumer|aware", "3,2,1,1,0.333");
    // 01-03: no entry; C moved on (in_stage B); converted A, C: 2/3
    expected.put("2026-01-03|Nordwind|consumer|aware", "3,1,0,2,0.667");
    // preference: A from 01-02; C from 01-03 while A became a customer on 01-03
    expected.put("2026-01-02|Nordwind|consumer|preference", "1,1,1,0,0.000");
    expected.put("2026-01-03|Nordwind|consumer|preference", "2,1,1,1,0.500");
    // customer: A on 01-03, not loyal
    expected.put("2026-01-03|Nordwind|consumer|customer", "1,1,1,0,0.000");
    // the competitor: E aware and preferring on 01-01; preference has no next stage
    expected.put("2026-01-01|Alpenkraft|null|aware", "1,0,1,1,1.000");
    expected.put("2026-01-02|Alpenkraft|null|aware", "1,0,0,1,1.000");
    expected.put("2026-01-03|Alpenkraft|null|aware", "1,0,0,1,1.000");
    expected.put("2026-01-01|Alpenkraft|null|preference", "1,1,1,null,null");
    expected.put("2026-01-02|Alpenkraft|null|preference", "1,1,0,null,null");
    expected.put("2026-01-03|Alpenkraft|null|preference", "1,1,0,null,null");
    assertEquals(expected, counts(FunnelDaily.of(stages, JAN1, JAN3), "funnel_daily", "segment"));
  }

  @Test
  void anAdvocateWhoIsNotLoyalStandsInAdvocateAndNeverInLoyal() {
    Dataset<Row> stages = personStages(
        // customer on 01-01, advocate on 01-02, loyal on 01-03: highest is advocate from 01-02 on
        person("Nordwind", "A", "vip", "2026-01-01", "2026-01-01", "2026-01-01", "2026-01-03", "2026-01-02"));
    Map<String, String> c = counts(FunnelDaily.of(stages, JAN1, JAN3), "funnel_daily", "segment");
    assertEquals("1,1,1,0,0.000", c.get("2026-01-01|Nordwind|vip|customer"));
    // on 01-02 A reached advocate, not yet loyal: customer → loyal not converted, and A is no longer in customer
    assertEquals("1,0,0,0,0.000", c.get("2026-01-02|Nordwind|vip|customer"));
    assertEquals("1,1,1,null,null", c.get("2026-01-02|Nordwind|vip|advocate"));
    // on 01-03 A reached loyal (and had already advocated): loyal counted, but A stands in advocate
    assertEquals("1,0,1,1,1.000", c.get("2026-01-03|Nordwind|vip|loyal"));
    assertEquals("1,1,0,null,null", c.get("2026-01-03|Nordwind|vip|advocate"));
  }

  @Test
  void conversionByAwarenessCohort() {
    Dataset<Row> stages = personStages(
        person("Nordwind", "A", "consumer", "2026-01-05", "2026-01-10", "2026-02-01", "2026-03-01", null),
        person("Nordwind", "B", "consumer", "2026-01-20", "2026-02-15", null, null, null),
        person("Nordwind", "C", "consumer", "2026-01-25", null, null, null, null),
        person("Nordwind", "D", "consumer", "2026-02-03", "2026-02-03", "2026-02-05", null, "2026-02-10"));
    Map<String, String> c = counts(FunnelCohorts.of(stages, LocalDate.parse("2026-02-01"),
        LocalDate.parse("2026-03-01")), "funnel_cohorts", "cohort_month");
    // as of 02-01, January cohort (A, B, C): aware 3, of whom A preferring = 1/3; preference: A, a customer that
    // day = 1/1; customer: A, not loyal = 0/1. The February cohort has no one yet, so no rows.
    assertEquals("3,1,0.333", c.get("2026-02-01|Nordwind|2026-01-01|aware"));
    assertEquals("1,1,1.000", c.get("2026-02-01|Nordwind|2026-01-01|preference"));
    assertEquals("1,0,0.000", c.get("2026-02-01|Nordwind|2026-01-01|customer"));
    assertEquals(3, c.keySet().stream().filter(k -> k.startsWith("2026-02-01|")).count());
    // as of 03-01, January: aware 3 → preference A, B = 2/3; preference 2 → customer A = 1/2; customer A → loyal
    // 1/1; loyal A → advocate 0/1. February (D): aware → preference 1/1, preference → customer 1/1, customer →
    // loyal 0/1; D is an advocate but not loyal, so no loyal row; advocate has no next stage, so no row.
    Map<String, String> expected = new TreeMap<>();
    expected.put("2026-03-01|Nordwind|2026-01-01|aware", "3,2,0.667");
    expected.put("2026-03-01|Nordwind|2026-01-01|preference", "2,1,0.500");
    expected.put("2026-03-01|Nordwind|2026-01-01|customer", "1,1,1.000");
    expected.put("2026-03-01|Nordwind|2026-01-01|loyal", "1,0,0.000");
    expected.put("2026-03-01|Nordwind|2026-02-01|aware", "1,1,1.000");
    expected.put("2026-03-01|Nordwind|2026-02-01|preference", "1,1,1.000");
    expected.put("2026-03-01|Nordwind|2026-02-01|customer", "1,0,0.000");
    Map<String, String> march = new TreeMap<>(c);
    march.keySet().removeIf(k -> !k.startsWith("2026-03-01|"));
    assertEquals(expected, march);
    // one row per cohort, stage and day of the 29-day range while the group exists: January 3 stages × 29 days
    // + loyal 1 day; February from 02-03 (27 days) aware and preference, customer from 02-05 (25 days)
    assertEquals(3 * 29 + 1 + 2 * 27 + 25, c.size());
  }

  @Test
  void aRangeEndingBeforeItStartsIsRefused() {
    Dataset<Row> stages = personStages(person("Nordwind", "A", null, "2026-01-01", null, null, null, null));
    assertThrows(SocialCrmException.class, () -> FunnelDaily.of(stages, JAN3, JAN1));
  }
}
