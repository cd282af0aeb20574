package io.socialcrm.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** silver.consent and silver.steward_decisions: the newest decision wins, "all" covers every platform. */
class CurrentStateTablesTest extends SparkTestBase {
  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final LocalDate D2 = LocalDate.of(2026, 11, 2);
  static final String CONSENT = "customer_id, platform, granted, decided_at, capture_source, updated_at";

  @TempDir
  Path lake;

  static String consent(String customer, String platform, boolean granted, String at) {
    return "('" + customer + "', '" + platform + "', " + granted + ", TIMESTAMP'" + at + "', 'web_form', TIMESTAMP'" + at + "')";
  }

  private String state(BronzeFixture f, String customer) {
    return f.silver(SilverTables.CONSENT).filter("customer_id = '" + customer + "'").orderBy("platform")
        .collectAsList().stream().map(r -> r.getString(1) + "=" + r.getBoolean(2)).collect(Collectors.joining(","));
  }

  @Test
  void newestDecisionPerPlatformWinsWithAllCoveringEveryPlatform() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    ConformJob job = new ConformJob(session(), f.lake(), List.of(ConsentTransform.BUILD));
    f.write("matching_consent", D1, CONSENT, List.of(
        consent("C1", "all", true, "2026-11-01 08:00:00"),
        consent("C1", "x", false, "2026-11-01 09:00:00"),      // later withdrawal for X overrides "all"
        consent("C2", "linkedin", true, "2026-11-01 08:00:00"),
        consent("C2", "all", false, "2026-11-01 08:00:00"),    // same time: the per-platform one wins
        consent("C3", "facebook", true, "2026-11-01 08:00:00")));
    ConformResult first = job.run(D1, "r1");
    assertEquals(new ConformResult.TableResult("consent", 5, 7, 0), first.table("consent"));
    assertEquals("facebook=true,linkedin=true,x=false", state(f, "C1"));
    assertEquals("facebook=false,linkedin=true,x=false", state(f, "C2"));
    assertEquals("facebook=true", state(f, "C3"));

    f.write("matching_consent", D2, CONSENT, List.of(
        consent("C1", "all", false, "2026-11-02 10:00:00"),    // withdrawal of everything
        consent("C3", "facebook", true, "2026-10-01 08:00:00"))); // older than the stored decision: ignored
    ConformResult second = job.run(D2, "r2");
    assertEquals(new ConformResult.TableResult("consent", 2, 0, 3), second.table("consent"));
    assertEquals("facebook=false,linkedin=false,x=false", state(f, "C1"));
    assertEquals("facebook=true", state(f, "C3"));
    Row c3 = f.silver(SilverTables.CONSENT).filter("customer_id = 'C3'").head();
    assertEquals(Timestamp.valueOf("2026-11-01 08:00:00"), c3.getAs("decided_at"));

    // Re-ingesting a date changes nothing.
    long version = f.version(SilverTables.CONSENT);
    f.write("matching_consent", D2, CONSENT, List.of(
        consent("C1", "all", false, "2026-11-02 10:00:00"), consent("C3", "facebook", true, "2026-10-01 08:00:00")));
    assertEquals(new ConformResult.TableResult("consent", 2, 0, 0), job.run(D2, "r3").table("consent"));
    assertEquals(version, f.version(SilverTables.CONSENT));
  }

  @Test
  void theNewestStewardDecisionPerPairHolds() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    ConformJob job = new ConformJob(session(), f.lake(), List.of(StewardDecisionsTransform.BUILD));
    String cols = "platform, profile_id, customer_id, decision, decided_by, decided_at, note";
    f.write("steward_decisions", D1, cols, List.of(
        "('x', '501', 'C0000001', 'confirm', 'marta', TIMESTAMP'2026-11-01 10:00:00', 'same person')",
        "('x', '777', 'C0000002', 'reject', 'marta', TIMESTAMP'2026-11-01 10:00:00', null)"));
    job.run(D1, "r1");
    f.write("steward_decisions", D2, cols, List.of(
        "('x', '501', 'C0000001', 'reject', 'tomek', TIMESTAMP'2026-11-02 10:00:00', 'namesake')"));
    assertEquals(new ConformResult.TableResult("steward_decisions", 1, 0, 1), job.run(D2, "r2").table("steward_decisions"));
    List<Row> rows = f.silver(SilverTables.STEWARD_DECISIONS).orderBy("profile_id").collectAsList();
    assertEquals(2, rows.size());
    assertEquals("reject", rows.get(0).getAs("decision"));
    assertEquals("tomek", rows.get(0).getAs("decided_by"));
    assertEquals("reject", rows.get(1).getAs("decision"));
  }
}
