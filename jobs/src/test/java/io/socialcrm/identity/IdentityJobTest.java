package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import io.socialcrm.conform.CustomersTransform;
import io.socialcrm.conform.MatchKeys;
import io.socialcrm.conform.ProfilesTransform;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.lake.Lake;
import io.socialcrm.testing.SparkTestBase;
import io.socialcrm.testing.TestTables;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity step on a small silver lake: consent gates every link, steward decisions win over the evidence,
 * a rerun changes nothing, a withdrawal closes the link at the next run, and explain shows the evidence.
 */
class IdentityJobTest extends SparkTestBase {
  private static final LocalDate DAY1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate DAY2 = LocalDate.of(2026, 11, 2);

  @TempDir
  Path dir;

  @Test
  void consentStewardsRerunsAndWithdrawals() {
    Lake lake = new Lake(spark(), dir.toString());
    MatchKeys.register(spark());
    write(lake, SilverTables.CUSTOMERS, customers());
    write(lake, SilverTables.SOCIAL_PROFILES, profiles());
    write(lake, SilverTables.CONSENT, spark().sql("SELECT * FROM VALUES"
        + " ('C1', 'x', true), ('C2', 'x', true), ('C4', 'facebook', true), ('C5', 'linkedin', true),"
        + " ('C3', 'x', false)"   // C3 said no: never linked, even with the handle in the CRM
        + " AS t(customer_id, platform, granted)").withColumn("decided_at", lit(Timestamp.valueOf("2026-01-01 00:00:00"))));
    write(lake, SilverTables.STEWARD_DECISIONS, spark().sql("SELECT * FROM VALUES"
        + " ('facebook', '100200300', 'C4', 'reject', 'ana'),"       // the CRM's Facebook id was a typo
        + " ('linkedin', 'urn:li:person:ZZ9', 'C5', 'confirm', 'ana')" // no evidence at all, a steward knows
        + " AS t(platform, profile_id, customer_id, decision, decided_by)")
        .withColumn("decided_at", lit(Timestamp.valueOf("2026-10-30 10:00:00"))));

    IdentityJob job = new IdentityJob(spark(), lake);
    IdentityResult first = job.run(DAY1, "run1");
    Set<String> links = currentLinks(lake);
    Assertions.assertTrue(links.contains("x:101>C1 crm_handle"), links.toString());
    Assertions.assertTrue(links.contains("linkedin:urn:li:person:ZZ9>C5 steward"), links.toString());
    Assertions.assertFalse(links.stream().anyMatch(l -> l.contains(">C3")), "no consent, no link: " + links);
    Assertions.assertFalse(links.stream().anyMatch(l -> l.startsWith("facebook:100200300>C4")),
        "a steward's rejection wins over the CRM's id: " + links);
    assertEquals(links.size(), first.links());
    Assertions.assertTrue(first.candidatePairs() > 0);

    String linksPath = lake.path(IdentityTables.LINKS);
    long version = DeltaTable.forPath(spark(), linksPath).history(1).first().<Long>getAs("version");
    List<Row> before = spark().read().format("delta").load(linksPath).orderBy("profile_key", "customer_id").collectAsList();
    IdentityResult again = job.run(DAY1, "run1-again");
    assertEquals(0, again.inserted());
    assertEquals(0, again.closed());
    assertEquals(version, DeltaTable.forPath(spark(), linksPath).history(1).first().<Long>getAs("version"),
        "a rerun commits nothing to the links");
    assertEquals(before, spark().read().format("delta").load(linksPath).orderBy("profile_key", "customer_id").collectAsList());

    // C1 withdraws consent for X: the link closes at the next run, and history keeps it.
    write(lake, SilverTables.CONSENT, spark().read().format("delta").load(lake.path(SilverTables.CONSENT.table()))
        .withColumn("granted", col("granted").and(col("customer_id").notEqual("C1"))));
    IdentityResult afterWithdrawal = job.run(DAY2, "run2");
    Assertions.assertFalse(currentLinks(lake).contains("x:101>C1 crm_handle"));
    Assertions.assertTrue(afterWithdrawal.closed() >= 1);
    Row closed = spark().read().format("delta").load(linksPath)
        .where("profile_key = 'x:101' AND customer_id = 'C1'").first();
    assertEquals(Timestamp.valueOf("2026-11-02 00:00:00"), closed.getAs("valid_to"));
    Assertions.assertFalse(closed.<Boolean>getAs("is_current"));

    IdentityExplain.Explanation why = new IdentityExplain(spark(), lake).explain("x:101", 3);
    assertEquals("x:101", why.profileKey());
    Assertions.assertNull(why.linkedCustomer());
    IdentityExplain.Candidate c1 = why.candidates().stream().filter(c -> c.customerId().equals("C1")).findFirst()
        .orElseThrow();
    Assertions.assertFalse(c1.consented());
    Assertions.assertTrue(c1.evidence().stream().anyMatch(e -> e.comparison().equals("crm_account")
        && e.level().equals("same_account")), c1.evidence().toString());
  }

  private Dataset<Row> customers() {
    Dataset<Row> raw = spark().sql("SELECT * FROM VALUES"
        + " ('C1', 'Anna', 'Nowak', 'anna.nowak@gmail.com', '+48 512 345 678', 'Kraków', 'PL', '@annanowak84', null, null),"
        + " ('C2', 'John', 'Smith', 'jsmith_77@outlook.com', null, 'Leeds', 'GB', null, null, null),"
        + " ('C3', 'Marta', 'López', 'marta.lopez@gmail.com', null, 'Sevilla', 'ES', 'martalopez', null, null),"
        + " ('C4', 'Piotr', 'Zieliński', 'pz@wp.pl', null, 'Gdańsk', 'PL', null,"
        + "   'https://www.facebook.com/profile.php?id=100200300', null),"
        + " ('C5', 'Laura', 'Meyer', 'laura.meyer@web.de', null, 'Köln', 'DE', null, null, null),"
        + " ('C6', 'Jan', 'Kowalski', 'jan.k@wp.pl', null, 'Warszawa', 'PL', null, null, null)"
        + " AS t(customer_id, first_name, last_name, email, phone, city, country, x_handle, facebook_profile,"
        + " linkedin_profile)")
        .withColumn("updated_at", lit(Timestamp.valueOf("2026-01-01 00:00:00")))
        .withColumn("valid_from", col("updated_at"))
        .withColumn("is_current", lit(true));
    return CustomersTransform.withMatchKeys(raw);
  }

  private Dataset<Row> profiles() {
    Dataset<Row> raw = spark().sql("SELECT * FROM VALUES"
        + " ('x', '101', 'annanowak84', 'Ania Nowak', 'Kraków, Polska'),"
        + " ('x', '102', 'jsmith_77', 'John Smith', 'Leeds'),"
        + " ('x', '103', 'martalopez', 'Marta López', 'Sevilla'),"
        + " ('facebook', '100200300', null, 'Piotr Zieliński', null),"
        + " ('linkedin', 'urn:li:person:ZZ9', 'lm-1234', '🌸 hiking fan', null),"
        + " ('x', '104', 'kowal_jan', 'Jan Kowalski', 'Warszawa')"
        + " AS t(platform, profile_id, handle, display_name, location)")
        .withColumn("bio", lit(null).cast("string")).withColumn("url", lit(null).cast("string"))
        .withColumn("valid_from", lit(Timestamp.valueOf("2026-10-01 00:00:00")))
        .withColumn("is_current", lit(true));
    return ProfilesTransform.withMatchKeys(raw);
  }

  private void write(Lake lake, DeclaredTable table, Dataset<Row> rows) {
    TestTables.write(lake, table, rows);
  }

  private Set<String> currentLinks(Lake lake) {
    Set<String> out = new TreeSet<>();
    for (Row r : spark().read().format("delta").load(lake.path(IdentityTables.LINKS)).where("is_current").collectAsList()) {
      out.add(r.getAs("profile_key") + ">" + r.getAs("customer_id") + " " + r.getAs("method"));
    }
    return out;
  }
}
