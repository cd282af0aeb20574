package io.socialcrm.privacy;

import static io.socialcrm.privacy.ErasureFixture.CUSTOMER;
import static io.socialcrm.privacy.ErasureFixture.FB_PROFILE;
import static io.socialcrm.privacy.ErasureFixture.OTHER_X;
import static io.socialcrm.privacy.ErasureFixture.X_PROFILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.delta.tables.DeltaTable;
import io.socialcrm.lake.Lake;
import io.socialcrm.ingest.InputResult;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Erasure end to end on real Delta: every layer, everyone else untouched, the register, replays, repeats. */
class ErasureJobTest extends SparkTestBase {
  private static final List<String> TABLES = List.of("bronze/x_posts", "bronze/facebook_comments", "bronze/orders",
      "bronze/customers", "bronze/x_follows", "quarantine/x", "quarantine/crm", "quarantine/facebook",
      "silver/identity_links", "silver/customers", "silver/interactions", "gold/profile_scores", "gold/daily_totals");

  @TempDir
  Path tmp;

  private Path landing;
  private Path lake;

  private void buildLake() throws IOException {
    landing = tmp.resolve("landing");
    lake = tmp.resolve("lake");
    ErasureFixture.landing(landing);
    ErasureFixture.ingest(session(), landing, lake);
    ErasureFixture.silverAndGold(session(), lake);
  }

  private Dataset<Row> table(String t) {
    return session().read().format("delta").load(lake.resolve(t).toString());
  }

  private Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    TABLES.forEach(t -> out.put(t, table(t).count()));
    return out;
  }

  private ErasureResult erase(ErasureSubject s) {
    return new ErasureJob(session(), new Lake(session(), lake.toString()), Clock.systemUTC()).erase(s, "dpo@test");
  }

  /** Rows of a table as JSON text, for "does any row still mention this id" checks. */
  private List<String> rowsAsJson(String t) {
    Dataset<Row> df = table(t);
    return df.select(functions.to_json(functions.struct(functions.col("*")))).as(Encoders.STRING())
        .collectAsList();
  }

  @Test
  void erasingACustomerRemovesThemAndTheirProfilesFromEveryLayerAndNobodyElse() throws IOException {
    buildLake();
    Map<String, Long> before = counts();
    assertEquals(3L, before.get("bronze/x_posts"));
    assertEquals(2L, before.get("quarantine/x"));
    assertEquals(2L, before.get("quarantine/crm"));

    ErasureResult r = erase(ErasureSubject.customer(CUSTOMER));

    assertFalse(r.alreadyErased());
    assertEquals(2, r.linkedProfiles(), "the X and the (no longer current) Facebook profile linked to the customer");
    Map<String, Long> expectedRemoved = new TreeMap<>(Map.of(
        "bronze.x_posts", 1L, "bronze.facebook_comments", 1L, "bronze.orders", 1L, "bronze.customers", 1L,
        "quarantine.x", 1L, "quarantine.crm", 1L,
        "silver.identity_links", 2L, "silver.customers", 2L, "silver.interactions", 2L, "gold.profile_scores", 2L));
    assertEquals(expectedRemoved, new TreeMap<>(r.rowsRemoved()));
    assertEquals(Map.of("bronze.x_posts", 1L), r.rowsRewritten());

    Map<String, Long> after = counts();
    Map<String, Long> expectedAfter = new TreeMap<>(before);
    expectedRemoved.forEach((t, n) -> expectedAfter.merge(t.replace('.', '/'), -n, Long::sum));
    assertEquals(expectedAfter, after, "exactly the person's rows are gone, everyone else's are still there");
    for (String t : TABLES) {
      for (String row : rowsAsJson(t)) {
        for (String id : List.of(CUSTOMER, "\"" + X_PROFILE + "\"", "\"" + FB_PROFILE + "\"", "x:" + X_PROFILE,
            "facebook:" + FB_PROFILE)) {
          if (t.equals("silver/interactions") && row.contains("111_9")) {
            continue; // facebook profile 1111111111 is somebody else
          }
          assertFalse(row.contains(id), t + " still mentions " + id + ": " + row);
        }
      }
    }
    // Another person's post keeps its row but loses the erased user's object; the look-alike id is untouched.
    Row reply = table("bronze/x_posts").filter("id = '5002'").head();
    assertEquals("[{\"id\":\"" + OTHER_X + "\",\"username\":\"bob\",\"name\":\"bob\"}]", reply.getAs("includes_users"));
    assertEquals(1L, table("bronze/x_posts").filter("author_id = '11111111110'").count());
    assertEquals(1L, table("quarantine/x").filter("_record LIKE '%11111111110%'").count());
    assertEquals(1L, table("silver/interactions").filter("platform = 'facebook' AND profile_id = '" + X_PROFILE + "'").count());

    // The register: one row per erased subject, hashed, and no raw id anywhere in it.
    Dataset<Row> register = session().read().format("delta").load(lake.resolve("_privacy/erasures").toString());
    assertEquals(3L, register.count());
    Row requested = register.filter("requested").head();
    assertEquals(SubjectHash.of("customer:" + CUSTOMER), requested.getAs(ErasureRegister.SUBJECT_HASH));
    assertEquals("customer", requested.getAs(ErasureRegister.SUBJECT_KIND));
    assertEquals("dpo@test", requested.getAs(ErasureRegister.REQUESTED_BY));
    assertEquals(expectedRemoved, new TreeMap<>(requested.<String, Long>getJavaMap(requested.fieldIndex(ErasureRegister.ROWS_REMOVED))));
    assertEquals(List.of(SubjectHash.of("profile:facebook:" + FB_PROFILE), SubjectHash.of("profile:x:" + X_PROFILE)),
        register.filter("NOT requested").orderBy(ErasureRegister.SUBJECT_HASH).collectAsList().stream()
            .map(x -> x.<String>getAs(ErasureRegister.SUBJECT_HASH)).sorted().toList());
    for (String row : register.select(functions.to_json(functions.struct(functions.col("*")))).as(
        Encoders.STRING()).collectAsList()) {
      for (String id : ErasureFixture.ERASED_IDS) {
        assertFalse(row.contains(id), "the register holds a raw id: " + row);
      }
    }

    // Erasing the same person again is a no-op that says so: no commit on any table.
    Map<String, Long> versions = new TreeMap<>();
    TABLES.forEach(t -> versions.put(t, DeltaTable.forPath(session(), lake.resolve(t).toString()).history(1)
        .head().<Long>getAs("version")));
    ErasureResult again = erase(ErasureSubject.customer(CUSTOMER));
    Assertions.assertTrue(again.alreadyErased());
    assertEquals(r.erasureId(), again.erasureId());
    assertEquals(Map.of(), again.rowsRemoved());
    TABLES.forEach(t -> assertEquals(versions.get(t), DeltaTable.forPath(session(), lake.resolve(t).toString())
        .history(1).head().<Long>getAs("version"), t));
    assertEquals(3L, session().read().format("delta").load(lake.resolve("_privacy/erasures").toString()).count());
    // A linked profile was erased with the customer, so erasing it on its own is a no-op too.
    Assertions.assertTrue(erase(ErasureSubject.profile("x", X_PROFILE)).alreadyErased());
  }

  @Test
  void reIngestingTheSameLandingFilesAfterAnErasureDoesNotBringThePersonBack() throws IOException {
    buildLake();
    erase(ErasureSubject.customer(CUSTOMER));
    Map<String, Long> afterErasure = counts();

    // The files are as loaded: the rerun leaves every table alone.
    RunReport rerun = ErasureFixture.ingest(session(), landing, lake);
    assertEquals(afterErasure, counts());
    rerun.sources().forEach(c -> assertEquals(InputResult.UNCHANGED, c.status(), c.input()));

    // Forced, the same files are read again: the person's records are dropped before bronze and quarantine.
    RunReport replay = ErasureFixture.ingest(session(), landing, lake, true);

    assertEquals(RunReport.SUCCEEDED, replay.status());
    assertEquals(afterErasure, counts(), "a replay of the same files gives the tables as the erasure left them");
    Map<String, RunReport.SourceCounts> s = replay.sources().stream()
        .collect(Collectors.toMap(RunReport.SourceCounts::input, x -> x));
    // read, loaded, quarantined, erased
    assertEquals(List.of(5L, 2L, 1L, 2L), counts(s.get("x_posts")), "the post and the malformed line of the person");
    assertEquals(List.of(2L, 1L, 0L, 1L), counts(s.get("facebook_comments")));
    assertEquals(List.of(4L, 1L, 1L, 2L), counts(s.get("orders")), "both copies of the person's order");
    assertEquals(List.of(2L, 1L, 0L, 1L), counts(s.get("customers")));
    for (RunReport.SourceCounts c : replay.sources()) {
      assertEquals(c.read(), c.loaded() + c.quarantined() + c.erased(), c.input());
      assertEquals(c.erased(), c.files().stream().mapToLong(f -> f.erased()).sum(), c.input());
    }
    assertEquals(6L, replay.totals().erased());
    Row reply = table("bronze/x_posts").filter("id = '5002'").head();
    assertFalse(((String) reply.getAs("includes_users")).contains(X_PROFILE), "ingestion strips the erased user too");
    assertEquals(0L, table("bronze/x_posts").filter("author_id = '" + X_PROFILE + "'").count());
    assertEquals(0L, table("quarantine/x").filter("_record LIKE '%\"" + X_PROFILE + "\"%'").count());
  }

  @Test
  void erasingAProfileRemovesOnlyThatProfile() throws IOException {
    buildLake();
    ErasureResult r = erase(ErasureSubject.profile("x", OTHER_X));
    assertEquals(0, r.linkedProfiles());
    assertEquals(Map.of("bronze.x_posts", 1L, "silver.identity_links", 1L, "silver.interactions", 1L,
        "gold.profile_scores", 1L), r.rowsRemoved());
    assertEquals(2L, table("bronze/x_posts").count());
    assertEquals(2L, table("silver/customers").filter("customer_id = '" + CUSTOMER + "'").count(),
        "the customer the profile was linked to stays");
  }

  private static List<Long> counts(RunReport.SourceCounts c) {
    return List.of(c.read(), c.loaded(), c.quarantined(), c.erased());
  }
}
