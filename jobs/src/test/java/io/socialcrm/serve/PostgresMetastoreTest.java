package io.socialcrm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.socialcrm.testing.CliRunner;
import io.socialcrm.testing.ServeSqlProcess;
import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code serve-sql} on an external Hive metastore in a real PostgreSQL database (the test command's server,
 * SOCIALCRM_TEST_PG_URL; in CI the test always runs): the first start makes Hive's tables in an empty database,
 * registers the lake and answers over JDBC; a second start finds both and registers nothing twice.
 */
class PostgresMetastoreTest extends SparkTestBase {
  private static final String PG = System.getenv("SOCIALCRM_TEST_PG_URL");
  private static final String PG_USER = "socialcrm";
  private static final String PG_PASSWORD = "socialcrm";

  /** A new, empty database on the test server, owned by the test user; its JDBC URL. */
  private static String newDatabase() throws SQLException {
    String name = "hms_" + Long.toHexString(System.nanoTime());
    // The test server trusts loopback logins of its superuser, who may create databases.
    try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + " OWNER " + PG_USER);
    }
    return PG.substring(0, PG.lastIndexOf('/') + 1) + name;
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void anEmptyPostgresDatabaseBecomesTheMetastoreAndKeepsTheTablesAcrossRestarts() throws Exception {
    Assumptions.assumeTrue(PG != null || System.getenv("CI") != null, "no PostgreSQL test server");
    Path lake = newTempDir("pg-metastore-lake");
    StructType schema = new StructType().add("campaign_id", DataTypes.StringType).add("revenue", DataTypes.DoubleType);
    session().createDataFrame(List.of(RowFactory.create("C01", 120.5), RowFactory.create("C02", 7.25)), schema)
        .write().format("delta").save(lake.resolve("gold").resolve("campaign_roi").toString());
    session().createDataFrame(List.of(RowFactory.create("C01", 1.0)), schema)
        .write().format("delta").save(lake.resolve("silver").resolve("campaigns").toString());
    String metastore = newDatabase();
    Map<String, String> env = Map.of("SOCIALCRM_METASTORE_JDBC_URL", metastore,
        "SOCIALCRM_METASTORE_JDBC_USER", PG_USER, "SOCIALCRM_METASTORE_JDBC_PASSWORD", PG_PASSWORD);
    String registered = "SELECT d.\"NAME\" || '.' || t.\"TBL_NAME\" FROM \"TBLS\" t JOIN \"DBS\" d ON t.\"DB_ID\" = d.\"DB_ID\" "
        + "ORDER BY 1";

    List<String> first;
    try (ServeSqlProcess server = ServeSqlProcess.start(lake, newTempDir("pg-metastore-log"), env)) {
      Assertions.assertTrue(server.log().contains("Hive's metastore tables created"), server.log());
      assertFalse(server.log().contains(PG_PASSWORD), "the password is not printed");
      try (Connection bi = DriverManager.getConnection(server.url(), "", ""); Statement st = bi.createStatement();
          ResultSet rs = st.executeQuery("SELECT campaign_id, revenue FROM campaign_roi ORDER BY campaign_id")) {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(rs.getString(1) + "|" + rs.getDouble(2));
        }
        assertEquals(List.of("C01|120.5", "C02|7.25"), rows);
      }
      try (Connection pg = DriverManager.getConnection(metastore, PG_USER, PG_PASSWORD)) {
        first = column(pg, registered);
      }
      assertEquals(List.of("gold.campaign_roi", "silver.campaigns"), first, "the lake is registered in PostgreSQL");
    }

    try (ServeSqlProcess again = ServeSqlProcess.start(lake, newTempDir("pg-metastore-log"), env)) {
      assertFalse(again.log().contains("tables created"), "the second start uses the tables it finds: " + again.log());
      try (Connection bi = DriverManager.getConnection(again.url(), "", ""); Statement st = bi.createStatement();
          ResultSet rs = st.executeQuery("SELECT sum(revenue) FROM silver.campaigns")) {
        Assertions.assertTrue(rs.next());
        assertEquals(1.0, rs.getDouble(1));
      }
      try (Connection pg = DriverManager.getConnection(metastore, PG_USER, PG_PASSWORD)) {
        assertEquals(first, column(pg, registered), "nothing is registered twice");
      }
    }
  }

  @Test
  void aMetastoreThatCannotBeOpenedIsOneClearError() throws Exception {
    Assumptions.assumeTrue(PG != null || System.getenv("CI") != null, "no PostgreSQL test server");
    Path lake = newTempDir("pg-metastore-bad");
    Files.createDirectories(lake.resolve("gold"));
    Path config = lake.resolve("socialcrm.properties");
    Files.writeString(config, "serve.metastore.jdbc.url=" + newDatabase() + "\nserve.metastore.jdbc.user=" + PG_USER
        + "\nserve.metastore.jdbc.password=wrong-password\n");
    // A refused password must end the command; should it start serving instead, the timeout fails the test.
    CliRunner.Result r = assertTimeoutPreemptively(Duration.ofMinutes(3),
        () -> CliRunner.cli("serve-sql", "--config", config.toString(), "--lake", lake.toString()));
    CliRunner.assertOneLineError(r, 1, "cannot open or prepare the Hive metastore database");
    assertFalse(r.err().contains("wrong-password"), r.err());

    Files.writeString(config, "serve.metastore.jdbc.url=jdbc:mysql://db/metastore\n");
    CliRunner.assertOneLineError(CliRunner.cli("serve-sql", "--config", config.toString(), "--lake", lake.toString()),
        1, "serve.metastore.jdbc.url");
  }
}
