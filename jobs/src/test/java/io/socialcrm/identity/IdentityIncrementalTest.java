package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.conform.CustomersTransform;
import io.socialcrm.conform.MatchKeys;
import io.socialcrm.conform.ProfilesTransform;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.testing.SparkTestBase;
import io.socialcrm.testing.TestTables;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity step on a lake it already ran on: a night re-blocks only the changed records, yet gives the same
 * links, review and scored pairs as a full run with the same model; a rerun commits nothing; refit and a changed
 * match configuration estimate a new model.
 */
class IdentityIncrementalTest extends SparkTestBase {
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate DAY2 = LocalDate.of(2026, 11, 2);
  private static final LocalDate DAY3 = LocalDate.of(2026, 11, 3);
  private static final LocalDate DAY4 = LocalDate.of(2026, 11, 4);
  private static final List<LakeTable> TABLES = List.of(IdentityTables.LINKS, IdentityTables.REVIEW,
      IdentityTables.MODELS, IdentityTables.PAIRS, IdentityTables.RECORDS);

  @TempDir
  Path dir;

  @Test
  void aNightScoresOnlyChangedRecordsAndEqualsAFullRunWithTheSameModel() {
    MatchKeys.register(spark());
    Lake lake = new Lake(spark(), dir.resolve("incremental").toString());
    writeNight1(lake);
    IdentityJob job = new IdentityJob(spark(), lake);
    IdentityResult night1 = job.run(DAY1, "run1");
    Assertions.assertFalse(night1.modelReused(), "the first run estimates the model");
    Assertions.assertTrue(night1.storedPairs() > 0, "the store holds the scored pairs");

    writeNight2(lake);
    IdentityResult night2 = job.run(DAY2, "run2");
    Assertions.assertTrue(night2.modelReused());
    assertEquals(2, night2.changedProfiles(), "two new profiles");
    assertEquals(1, night2.removedProfiles());
    assertEquals(3, night2.changedCustomers(), "a new customer, a new e-mail, a withdrawn consent");
    assertEquals(0, night2.removedCustomers());

    // The same final state from scratch, with night 1's model: blocks and scores every record.
    Lake fresh = new Lake(spark(), dir.resolve("full").toString());
    writeNight2(fresh);
    spark().read().format("delta").load(lake.path(IdentityTables.MODELS)).write().format("delta")
        .save(fresh.path(IdentityTables.MODELS));
    IdentityResult full = new IdentityJob(spark(), fresh).run(DAY2, "full");
    Assertions.assertTrue(full.modelReused());
    Assertions.assertTrue(night2.candidatePairs() < full.candidatePairs(),
        night2.candidatePairs() + " pairs scored by the night, " + full.candidatePairs() + " by the full run");
    assertSame(table(fresh, IdentityTables.PAIRS), table(lake, IdentityTables.PAIRS));
    assertSame(table(fresh, IdentityTables.REVIEW), table(lake, IdentityTables.REVIEW));
    assertSame(currentLinks(fresh), currentLinks(lake));
    assertEquals(full.storedPairs(), night2.storedPairs());
    assertEquals(full.links(), night2.links());

    // A rerun changes nothing and commits nothing to any identity table.
    Map<LakeTable, Long> versions = versions(lake);
    IdentityResult again = job.run(DAY2, "run2-again");
    assertEquals(0, again.candidatePairs());
    assertEquals(0, again.changedProfiles() + again.removedProfiles() + again.changedCustomers()
        + again.removedCustomers());
    assertEquals(0, again.inserted() + again.closed());
    assertEquals(versions, versions(lake), "a rerun commits nothing");

    // refit=true estimates a new model and rebuilds the store.
    IdentityResult refit = new IdentityJob(spark(), lake, Settings.defaults().with(Setting.IDENTITY_REFIT, "true"))
        .run(DAY3, "run3");
    Assertions.assertFalse(refit.modelReused());
    assertEquals(full.candidatePairs(), refit.candidatePairs(), "a refit scores every pair");
    assertEquals("run3", latestModelRun(lake));
    assertEquals(List.of("run3"), modelOfStore(lake));

    // A model fitted under another match configuration is not reused.
    DeltaTable.forPath(spark(), lake.path(IdentityTables.MODELS)).update(Map.of("config_fingerprint",
        lit("an-older-configuration")));
    IdentityResult changedConfig = job.run(DAY4, "run4");
    Assertions.assertFalse(changedConfig.modelReused());
    assertEquals("run4", latestModelRun(lake));
    Assertions.assertTrue(job.run(DAY4, "run4-again").modelReused());
  }

  @Test
  void refitMustBeTrueOrFalse() {
    Lake lake = new Lake(spark(), dir.toString());
    SocialCrmException e = Assertions.assertThrows(SocialCrmException.class,
        () -> new IdentityJob(spark(), lake, Settings.defaults().with(Setting.IDENTITY_REFIT, "yes")));
    Assertions.assertTrue(e.getMessage().contains("identity.refit"), e.getMessage());
  }

  // ------------------------------------------------------------------ data

  private void writeNight1(Lake lake) {
    write(lake, SilverTables.CUSTOMERS, customers(false));
    write(lake, SilverTables.SOCIAL_PROFILES, profiles(false));
    write(lake, SilverTables.CONSENT, consent(false));
    write(lake, SilverTables.STEWARD_DECISIONS, spark().sql("SELECT * FROM VALUES"
        + " ('linkedin', 'urn:li:person:ZZ9', 'C5', 'confirm', 'ana')"
        + " AS t(platform, profile_id, customer_id, decision, decided_by)")
        .withColumn("decided_at", lit(Timestamp.valueOf("2026-10-30 10:00:00"))));
  }

  /** Night 2: profiles x:105 and x:106 new, x:103 gone; customer C7 new, C2's e-mail changed, C6 withdrew consent. */
  private void writeNight2(Lake lake) {
    writeNight1(lake);
    write(lake, SilverTables.CUSTOMERS, customers(true));
    write(lake, SilverTables.SOCIAL_PROFILES, profiles(true));
    write(lake, SilverTables.CONSENT, consent(true));
  }

  private Dataset<Row> consent(boolean night2) {
    return spark().sql("SELECT * FROM VALUES"
        + " ('C1', 'x', true), ('C2', 'x', true), ('C3', 'x', true), ('C4', 'facebook', true),"
        + " ('C5', 'linkedin', true), ('C5', 'x', true), ('C6', 'x', " + !night2 + "), ('C7', 'x', true)"
        + " AS t(customer_id, platform, granted)")
        .withColumn("decided_at", lit(Timestamp.valueOf("2026-01-01 00:00:00")));
  }

  private Dataset<Row> customers(boolean night2) {
    Dataset<Row> raw = spark().sql("SELECT * FROM VALUES"
        + " ('C1', 'Anna', 'Nowak', 'anna.nowak@gmail.com', '+48 512 345 678', 'Kraków', 'PL', '@annanowak84', null),"
        + " ('C2', 'John', 'Smith', '" + (night2 ? "john.smith.leeds@gmail.com" : "jsmith_77@outlook.com")
        + "', null, 'Leeds', 'GB', null, null),"
        + " ('C3', 'Marta', 'López', 'marta.lopez@gmail.com', null, 'Sevilla', 'ES', 'martalopez', null),"
        + " ('C4', 'Piotr', 'Zieliński', 'pz@wp.pl', null, 'Gdańsk', 'PL', null,"
        + "   'https://www.facebook.com/profile.php?id=100200300'),"
        + " ('C5', 'Laura', 'Meyer', 'laura.meyer88@web.de', null, 'Köln', 'DE', null, null),"
        + " ('C6', 'Jan', 'Kowalski', 'jan.kowalski77@wp.pl', null, 'Warszawa', 'PL', null, null),"
        + " ('C8', 'Ana', 'Nowak', 'a.nowak@onet.pl', null, 'Kraków', 'PL', null, null)"
        + (night2 ? ", ('C7', 'María', 'García', 'maria.garcia1990@yahoo.es', null, 'Madrid', 'ES', null, null)" : "")
        + " AS t(customer_id, first_name, last_name, email, phone, city, country, x_handle, facebook_profile)")
        .withColumn("linkedin_profile", lit(null).cast("string"))
        .withColumn("updated_at", lit(Timestamp.valueOf("2026-01-01 00:00:00")))
        .withColumn("valid_from", col("updated_at"))
        .withColumn("is_current", lit(true));
    return CustomersTransform.withMatchKeys(raw);
  }

  private Dataset<Row> profiles(boolean night2) {
    Dataset<Row> raw = spark().sql("SELECT * FROM VALUES"
        + " ('x', '101', 'annanowak84', 'Ania Nowak', 'Kraków, Polska'),"
        + " ('x', '102', 'jsmith_77', 'John Smith', 'Leeds'),"
        + (night2 ? "" : " ('x', '103', 'martalopez', 'Marta López', 'Sevilla'),")
        + " ('facebook', '100200300', null, 'Piotr Zieliński', null),"
        + " ('linkedin', 'urn:li:person:ZZ9', 'lm-1234', '🌸 hiking fan', null),"
        + " ('x', '104', 'jan_kowalski77', 'Jan Kowalski', 'Warszawa'),"
        + " ('x', '107', 'laurameyer88', 'Laura Meyer', 'Köln'),"
        + " ('x', '108', 'nowak_ana', 'Ana Nowak', 'Kraków')"
        + (night2 ? ", ('x', '105', 'mariagarcia1990', 'María García', 'Madrid'),"
            + " ('x', '106', 'john_smith_leeds', 'John Smith', 'Leeds')" : "")
        + " AS t(platform, profile_id, handle, display_name, location)")
        .withColumn("bio", lit(null).cast("string")).withColumn("url", lit(null).cast("string"))
        .withColumn("valid_from", lit(Timestamp.valueOf("2026-10-01 00:00:00")))
        .withColumn("is_current", lit(true));
    return ProfilesTransform.withMatchKeys(raw);
  }

  private void write(Lake lake, DeclaredTable table, Dataset<Row> rows) {
    TestTables.write(lake, table, rows);
  }

  // ------------------------------------------------------------------ reading back

  private Dataset<Row> table(Lake lake, LakeTable t) {
    return spark().read().format("delta").load(lake.path(t));
  }

  private Dataset<Row> currentLinks(Lake lake) {
    return table(lake, IdentityTables.LINKS).where("is_current").drop("valid_from", "valid_to", "run_id");
  }

  private static void assertSame(Dataset<Row> expected, Dataset<Row> actual) {
    Dataset<Row> a = actual.selectExpr(expected.columns());
    assertEquals(expected.count(), a.count());
    Assertions.assertTrue(expected.exceptAll(a).isEmpty() && a.exceptAll(expected).isEmpty(),
        "expected " + expected.collectAsList() + " but got " + a.collectAsList());
  }

  private Map<LakeTable, Long> versions(Lake lake) {
    Map<LakeTable, Long> out = new LinkedHashMap<>();
    for (LakeTable t : TABLES) {
      out.put(t, DeltaTable.forPath(spark(), lake.path(t)).history(1).first().<Long>getAs("version"));
    }
    return out;
  }

  private String latestModelRun(Lake lake) {
    return table(lake, IdentityTables.MODELS).orderBy(col("run_date").desc()).first().getAs("run_id");
  }

  private List<String> modelOfStore(Lake lake) {
    return table(lake, IdentityTables.RECORDS).where(col("kind").equalTo(PairStore.MODEL)).collectAsList().stream()
        .map(r -> r.<String>getAs("fingerprint")).toList();
  }
}
