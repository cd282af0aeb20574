package io.socialcrm.ingest;

import static io.socialcrm.ingest.LandingFixture.D1;
import static io.socialcrm.ingest.LandingFixture.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.contracts.ColumnSpec;
import io.socialcrm.contracts.Contract;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunListener;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * CRM tables read straight from a real PostgreSQL server over JDBC, incrementally by updated_at. The test
 * command starts the server (scripts/pg-test-server.sh) and passes its URL in SOCIALCRM_TEST_PG_URL; in CI the
 * test runs always (a missing server fails it), elsewhere it is skipped without one.
 */
class CrmDatabaseIngestTest extends SparkTestBase {
  private static final String URL = System.getenv("SOCIALCRM_TEST_PG_URL");

  /** The CRM database's table for a contract, as a CRM would have it. */
  static String createTable(String schema, Contract contract) {
    StringBuilder sql = new StringBuilder("CREATE TABLE " + schema + "." + contract.jdbc().get("table") + " (");
    for (ColumnSpec c : contract.columns()) {
      String t = c.columnType().name();
      String pg = t.startsWith("decimal") ? t.replace("decimal", "numeric") : switch (t) {
        case "timestamp" -> "timestamp";
        case "date" -> "date";
        case "long" -> "bigint";
        case "int" -> "integer";
        case "double" -> "double precision";
        case "boolean" -> "boolean";
        default -> "text";
      };
      sql.append(c.name()).append(' ').append(pg).append(", ");
    }
    return sql.append("PRIMARY KEY (").append(String.join(", ", contract.keys())).append("))").toString();
  }

  @Test
  void crmTablesAreReadFromPostgresByUpdatedAt() throws Exception {
    Assumptions.assumeTrue(URL != null || System.getenv("CI") != null, "no PostgreSQL test server");
    String schema = "crm_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(URL, "socialcrm", "socialcrm"); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
      for (Contract contract : Contracts.all()) {
        if (contract.isCrm()) {
          st.execute(createTable(schema, contract));
        }
      }
      st.execute("ALTER TABLE " + schema + ".customers ADD COLUMN crm_owner text");
      st.execute("INSERT INTO " + schema + ".customers VALUES "
          + "('C0000001','Katarzyna','Nowak','kasia.nowak@example.pl','+48 601 234 567','Kraków','PL','kasia_nowak',NULL,NULL,'consumer','pl','2026-10-01 08:00','2026-11-01 09:30','anna'),"
          + "('C0000002','José','Pérez','jose@example.es',NULL,'Sevilla','Spain',NULL,NULL,NULL,'consumer','es','2026-10-02 08:00','2026-11-01 23:59:59','bob'),"
          + "('C0000003','Bill','Smith','bill@example.com',NULL,'Leeds','GB',NULL,NULL,NULL,'vip','en','2026-10-03 08:00','2026-11-02 00:00:00','anna')");
    }
    Path landing = newTempDir("landing");
    LandingFixture.standard(landing);
    Path lake = newTempDir("lake");
    Settings settings = Settings.defaults()
        .with(Setting.LANDING, landing.toString()).with(Setting.LAKE, lake.toString())
        .with(Setting.CRM_SOURCE, "jdbc").with(Setting.CRM_JDBC_URL, URL)
        .with(Setting.CRM_JDBC_USER, "socialcrm").with(Setting.CRM_JDBC_PASSWORD, "socialcrm")
        .with(Setting.CRM_JDBC_SCHEMA, schema);
    PipelineRunner runner = new PipelineRunner(session(), settings, Clock.systemUTC());
    RunReport d1 = runner.run(D1, List.of(Step.INGEST), RunListener.NONE);
    RunReport.SourceCounts customers = d1.sources().stream().filter(s -> s.input().equals("customers")).findFirst().orElseThrow();
    assertEquals(List.of(2L, 1L, 1L), List.of(customers.read(), customers.loaded(), customers.quarantined()));
    Assertions.assertTrue(customers.files().get(0).file().endsWith("#" + schema + ".customers"));
    assertEquals(Map.of("pattern_mismatch", 1L), customers.quarantineReasons());
    // The orders of the landing files are not read when the CRM comes from its database.
    RunReport.SourceCounts orders = d1.sources().stream().filter(s -> s.input().equals("orders")).findFirst().orElseThrow();
    assertEquals(0L, orders.read());

    runner.run(D1, List.of(Step.INGEST), RunListener.NONE);
    runner.run(D2, List.of(Step.INGEST), RunListener.NONE);
    Dataset<Row> bronze = session().read().format("delta").load(lake.resolve("bronze/customers").toString());
    assertEquals(2L, bronze.count(), "a rerun of D1 does not duplicate; D2 brings its own row");
    Row kasia = bronze.filter("customer_id = 'C0000001'").head();
    assertEquals("Kraków", kasia.getAs("city"));
    assertEquals("anna", kasia.getJavaMap(kasia.fieldIndex(RawRecords.EXTRA)).get("crm_owner"),
        "a column the contract does not know is kept");
    assertEquals(Date.valueOf(D2), bronze.filter("customer_id = 'C0000003'").head().getAs(BronzeTables.INGEST_DATE));
  }
}
