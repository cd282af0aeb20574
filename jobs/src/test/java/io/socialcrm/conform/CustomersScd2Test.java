package io.socialcrm.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.delta.tables.DeltaTable;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** silver.customers end to end: SCD2 history, no-ops, late changes, reruns, re-ingestion and CDF increments. */
class CustomersScd2Test extends SparkTestBase {
  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final LocalDate D2 = LocalDate.of(2026, 11, 2);
  static final LocalDate D3 = LocalDate.of(2026, 11, 3);
  static final String COLUMNS = "customer_id, first_name, last_name, email, phone, city, country, x_handle, segment, "
      + "language, created_at, updated_at";

  @TempDir
  Path lake;

  static String customer(String id, String first, String last, String email, String city, String updated) {
    return "('" + id + "', '" + first + "', '" + last + "', '" + email + "', '+48 (0)518 949 920', '" + city
        + "', 'PL', '@" + first + "_x', 'consumer', 'pl', TIMESTAMP'2026-10-01 08:00:00', TIMESTAMP'" + updated + "')";
  }

  private ConformResult conform(BronzeFixture f, LocalDate date) {
    return new ConformJob(session(), f.lake(), List.of(CustomersTransform.BUILD)).run(date, "run-" + date);
  }

  private static Timestamp ts(String s) {
    return Timestamp.valueOf(s);
  }

  @Test
  void changesMakeVersionsAndIdenticalOrOlderRowsChangeNothing() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    f.write("customers", D1, COLUMNS, List.of(
        customer("C0000001", "Łukasz", "Żółć", "Lukasz.Zolc+shop@GoogleMail.com", "Kraków", "2026-11-01 09:00:00"),
        customer("C0000002", "Ana", "García", "ana@wp.pl", "Madrid", "2026-11-01 09:30:00")));
    ConformResult first = conform(f, D1);
    assertEquals(new ConformResult.TableResult("customers", 2, 2, 0), first.table("customers"));

    Row lukasz = f.silver(SilverTables.CUSTOMERS).filter("customer_id = 'C0000001'").head();
    assertEquals("lukasz zolc", lukasz.getAs("name_norm"));
    assertEquals("lukaszzolc@gmail.com", lukasz.getAs("email_norm"));
    assertEquals("lukaszzolc", lukasz.getAs("email_local"));
    assertEquals("gmail.com", lukasz.getAs("email_domain"));
    assertEquals("+48518949920", lukasz.getAs("phone_e164"));
    assertEquals("krakow", lukasz.getAs("city_norm"));
    assertEquals("łukasz_x", lukasz.getAs("x_handle_norm"));
    Assertions.assertTrue(lukasz.<Boolean>getAs("is_current"));

    // Day 2: a name change and then an e-mail change of C1 in one batch, C2 unchanged but touched, and a C1
    // change older than its current version (ignored).
    f.write("customers", D2, COLUMNS, List.of(
        customer("C0000001", "Łukasz", "Nowak", "Lukasz.Zolc+shop@GoogleMail.com", "Kraków", "2026-11-02 10:00:00"),
        customer("C0000001", "Łukasz", "Nowak", "lukasz@nowak.pl", "Kraków", "2026-11-02 12:00:00"),
        customer("C0000002", "Ana", "García", "ana@wp.pl", "Madrid", "2026-11-02 11:00:00"),
        customer("C0000001", "Old", "Row", "old@wp.pl", "Gdańsk", "2026-10-15 10:00:00")));
    ConformResult second = conform(f, D2);
    assertEquals(new ConformResult.TableResult("customers", 4, 2, 1), second.table("customers"));

    // Day 3: C2 moves.
    f.write("customers", D3, COLUMNS, List.of(
        customer("C0000002", "Ana", "García", "ana@wp.pl", "Sevilla", "2026-11-03 08:00:00")));
    ConformResult third = conform(f, D3);
    assertEquals(new ConformResult.TableResult("customers", 1, 1, 1), third.table("customers"));

    List<Row> c1 = f.silver(SilverTables.CUSTOMERS).filter("customer_id = 'C0000001'").orderBy("valid_from")
        .select("last_name", "email_norm", "valid_from", "valid_to", "is_current").collectAsList();
    assertEquals(3, c1.size());
    assertEquals(List.of("Żółć", "Nowak", "Nowak"), c1.stream().map(r -> r.getString(0)).toList());
    assertEquals("lukasz@nowak.pl", c1.get(2).getString(1));
    assertEquals(ts("2026-11-01 09:00:00"), c1.get(0).get(2));
    assertEquals(ts("2026-11-02 10:00:00"), c1.get(0).get(3));
    assertEquals(ts("2026-11-02 10:00:00"), c1.get(1).get(2));
    assertEquals(ts("2026-11-02 12:00:00"), c1.get(1).get(3));
    assertNull(c1.get(2).get(3));
    assertEquals(List.of(false, false, true), c1.stream().map(r -> r.getBoolean(4)).toList());

    List<Row> c2 = f.silver(SilverTables.CUSTOMERS).filter("customer_id = 'C0000002'").orderBy("valid_from")
        .select("city_norm", "valid_to", "is_current", "updated_at").collectAsList();
    assertEquals(List.of("madrid", "sevilla"), c2.stream().map(r -> r.getString(0)).toList());
    assertEquals(ts("2026-11-03 08:00:00"), c2.get(0).get(1));
    assertEquals(ts("2026-11-01 09:30:00"), c2.get(0).get(3), "the unchanged touch of day 2 made no version");
    assertEquals(1L, f.silver(SilverTables.CUSTOMERS).filter("is_current").filter("customer_id = 'C0000002'").count());
  }

  @Test
  void rerunsAndReingestedDatesLeaveSilverUnchanged() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    List<String> day1 = List.of(
        customer("C0000001", "Jan", "Kowalski", "jan@wp.pl", "Łódź", "2026-11-01 09:00:00"),
        customer("C0000002", "Ana", "García", "ana@wp.pl", "Madrid", "2026-11-01 09:30:00"));
    List<String> day2 = List.of(
        customer("C0000001", "Jan", "Kowalski", "jan@onet.pl", "Łódź", "2026-11-02 09:00:00"));
    f.write("customers", D1, COLUMNS, day1);
    f.write("customers", D2, COLUMNS, day2);
    // On the first run both versions of C1 are inserted (the first already closed): no update.
    assertEquals(new ConformResult.TableResult("customers", 3, 3, 0), conform(f, D2).table("customers"));
    Dataset<Row> before = f.silver(SilverTables.CUSTOMERS).cache();
    before.count();
    long version = f.version(SilverTables.CUSTOMERS);

    // Nothing new: nothing read, nothing committed.
    assertEquals(new ConformResult.TableResult("customers", 0, 0, 0), conform(f, D2).table("customers"));
    // Both dates re-ingested (delete + insert of the same rows): read again, changes nothing.
    f.write("customers", D1, COLUMNS, day1);
    f.write("customers", D2, COLUMNS, day2);
    assertEquals(new ConformResult.TableResult("customers", 3, 0, 0), conform(f, D2).table("customers"));
    assertEquals(version, f.version(SilverTables.CUSTOMERS), "no new commit on silver.customers");
    assertDataFrameNoOrderEquals(before, f.silver(SilverTables.CUSTOMERS));

    // A new day after that: only its row is read.
    f.write("customers", D3, COLUMNS, List.of(
        customer("C0000002", "Ana", "García", "ana@wp.pl", "Sevilla", "2026-11-03 08:00:00")));
    assertEquals(new ConformResult.TableResult("customers", 1, 1, 1), conform(f, D3).table("customers"));
    before.unpersist();
  }

  @Test
  void aBronzeTableWithoutChangeDataFeedIsReadInFullOnceThenIncrementally() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    f.write("customers", D1, COLUMNS, List.of(
        customer("C0000001", "Jan", "Kowalski", "jan@wp.pl", "Łódź", "2026-11-01 09:00:00")), false);
    String bronze = f.lake().path(new LakeTable(Layer.BRONZE, "customers"));
    Assertions.assertFalse("true".equals(cdfProperty(bronze)));
    assertEquals(new ConformResult.TableResult("customers", 1, 1, 0), conform(f, D1).table("customers"));
    assertEquals("true", cdfProperty(bronze));
    f.write("customers", D2, COLUMNS, List.of(
        customer("C0000002", "Ana", "García", "ana@wp.pl", "Madrid", "2026-11-02 09:30:00")));
    assertEquals(new ConformResult.TableResult("customers", 1, 1, 0), conform(f, D2).table("customers"));
    assertEquals(2L, f.silver(SilverTables.CUSTOMERS).count());
  }

  @Test
  void aMissingBronzeTableIsSkipped() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    ConformResult r = new ConformJob(session(), f.lake()).run(D1, "run-empty");
    r.tables().forEach(t -> assertEquals(0L, t.bronzeRowsRead() + t.inserted() + t.updated(), t.table()));
    Assertions.assertFalse(f.lake().isDeltaTable(f.lake().path(SilverTables.CUSTOMERS.table())));
  }

  private String cdfProperty(String path) {
    Map<String, String> p = DeltaTable.forPath(session(), path).detail()
        .select("properties").head().getJavaMap(0);
    return p.get("delta.enableChangeDataFeed");
  }
}
