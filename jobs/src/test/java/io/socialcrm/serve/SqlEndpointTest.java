package io.socialcrm.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.CliRunner;
import io.socialcrm.testing.ServeSqlProcess;
import java.sql.Date;
import org.junit.jupiter.api.Assertions;

import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code socialcrm serve-sql} as BI tools see it: the CLI runs in its own JVM (it needs the Hive catalog, which the
 * tests' shared session does not have), and the tests talk to it over a real JDBC connection (Hive's JDBC driver,
 * {@code jdbc:hive2://…/gold}) with a login: answers equal the Delta tables, writes are refused and leave the
 * tables as they were, and a wrong password is rejected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlEndpointTest extends SparkTestBase {
  private static final String USER = "bi_reader";
  private static final String PASSWORD = "s3cret-for-the-test";

  private Path lake;
  private ServeSqlProcess server;
  private String url;

  private static final StructType CAMPAIGNS = new StructType().add("campaign_id", DataTypes.StringType)
      .add("model", DataTypes.StringType).add("attributed_revenue", DataTypes.DoubleType)
      .add("month", DataTypes.DateType);

  @BeforeAll
  void startTheEndpoint() throws Exception {
    bridgeJUnit4SparkHook();   // the shared session, before the first test's @BeforeEach
    lake = newTempDir("serve-lake");
    write("gold", "campaign_roi", List.of(
        RowFactory.create("C01", "linear", 120.5, Date.valueOf("2026-11-01")),
        RowFactory.create("C01", "markov", 99.25, Date.valueOf("2026-11-01")),
        RowFactory.create("C02", "linear", 0.0, Date.valueOf("2026-10-01"))));
    write("silver", "campaigns", List.of(RowFactory.create("C01", null, null, null)));
    write("silver", "_identity_pairs", List.of(RowFactory.create("internal", null, null, null)));
    write("quarantine", "x", List.of(RowFactory.create("raw", null, null, null)));

    server = ServeSqlProcess.start(lake, newTempDir("serve-log"),
        Map.of("SOCIALCRM_SQL_USER", USER, "SOCIALCRM_SQL_PASSWORD", PASSWORD));
    url = server.url();
  }

  @AfterAll
  void stopTheEndpoint() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private void write(String layer, String table, List<Row> rows) {
    session().createDataFrame(rows, CAMPAIGNS).write().format("delta")
        .save(lake.resolve(layer).resolve(table).toString());
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, USER, PASSWORD);
  }

  private static List<String> rows(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        out.add(String.join("|", cells));
      }
    }
    return out;
  }

  private List<String> delta(String layer, String table, String orderBy) {
    Dataset<Row> d = session().read().format("delta").load(lake.resolve(layer).resolve(table).toString()).orderBy(orderBy);
    List<String> out = new ArrayList<>();
    for (Row r : d.collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(String.valueOf(r.get(i)));
      }
      out.add(String.join("|", cells));
    }
    return out;
  }

  @Test
  void aBiToolReadsTheGoldTablesAndTheirAnswersEqualTheDeltaTables() throws Exception {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      assertEquals(delta("gold", "campaign_roi", "attributed_revenue"),
          rows(st, "SELECT * FROM campaign_roi ORDER BY attributed_revenue"), "gold is the connection's database");
      assertEquals(List.of("C01|219.75"),
          rows(st, "SELECT campaign_id, sum(attributed_revenue) FROM gold.campaign_roi WHERE campaign_id = 'C01' GROUP BY 1"));
      assertEquals(List.of("C01|null|null|null"), rows(st, "SELECT * FROM silver.campaigns"));

      TreeSet<String> databases = new TreeSet<>(rows(st, "SHOW DATABASES"));
      Assertions.assertTrue(databases.containsAll(List.of("bronze", "silver", "gold")), "databases: " + databases);
      assertFalse(databases.contains("quarantine"), "raw rejected records are not served");
      assertEquals(List.of("campaigns"), rows(st, "SHOW TABLES IN silver"),
          "the steps' internal tables are not served, and SHOW TABLES answers as Hive does: the name first and only");
      try (ResultSet shown = st.executeQuery("SHOW TABLES IN gold")) {
        assertEquals(1, shown.getMetaData().getColumnCount());
        assertEquals(HiveShowTables.TABLE_COLUMN, shown.getMetaData().getColumnName(1));
      }
      try (ResultSet tables = c.getMetaData().getTables(null, "gold", "%", null)) {
        Assertions.assertTrue(tables.next(), "JDBC metadata lists the gold tables");
        assertEquals("campaign_roi", tables.getString("TABLE_NAME"));
      }
      assertFalse(String.join("\n", rows(st, "SET -v")).contains(PASSWORD), "SET does not show the password");
    }
  }

  @Test
  void writesAreRefusedAndLeaveTheTablesAsTheyWere() throws Exception {
    List<String> before = delta("gold", "campaign_roi", "attributed_revenue");
    List<String> refused = List.of(
        "DROP TABLE campaign_roi",
        "INSERT INTO campaign_roi SELECT * FROM campaign_roi",
        "DELETE FROM campaign_roi WHERE campaign_id = 'C01'",
        "UPDATE campaign_roi SET attributed_revenue = 0",
        "CREATE TABLE gold.stolen AS SELECT * FROM campaign_roi",
        "ALTER TABLE campaign_roi SET TBLPROPERTIES ('team' = 'bi')",
        "CREATE DATABASE mine",
        "TRUNCATE TABLE campaign_roi",
        "CACHE TABLE campaign_roi",
        "SELECT reflect('java.lang.System', 'getProperty', 'user.home')",
        "SELECT * FROM delta.`" + lake.resolve("quarantine").resolve("x") + "`",
        "SET spark.sql.runSQLOnFiles=true");
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String sql : refused) {
        SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        Assertions.assertTrue(e.getMessage().contains("read-only") || sql.contains("delta.`"), sql + ": " + e.getMessage());
      }
      assertEquals(List.of("3"), rows(st, "SELECT count(*) FROM campaign_roi"), "the session still works");
      rows(st, "SHOW TABLES");
      rows(st, "DESCRIBE campaign_roi");
      rows(st, "EXPLAIN SELECT * FROM campaign_roi");
      st.execute("USE silver");
      assertEquals(List.of("C01|null|null|null"), rows(st, "SELECT * FROM campaigns"));
    }
    assertEquals(before, delta("gold", "campaign_roi", "attributed_revenue"));
    Assertions.assertTrue(Files.isDirectory(lake.resolve("gold").resolve("campaign_roi")));
    assertFalse(Files.exists(lake.resolve("gold").resolve("stolen")));
  }

  @Test
  void aWrongPasswordOrUserIsRejected() {
    SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, USER, "wrong").close());
    Assertions.assertTrue(String.valueOf(wrong.getMessage()).toLowerCase().contains("auth")
        || String.valueOf(wrong.getMessage()).toLowerCase().contains("peer indicated failure"), wrong.getMessage());
    assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "someone", PASSWORD).close());
    assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "", "").close());
  }

  @Test
  void anyAddressButLoopbackNeedsALoginAndAnObjectStoreLakeNeedsAnExternalMetastore() {
    CliRunner.assertOneLineError(CliRunner.cli(
        "serve-sql", "--host", "0.0.0.0", "--lake", lake.toString()), 1, "needs a user and a password");
    CliRunner.assertOneLineError(CliRunner.cli(
        "serve-sql", "--port", "70000", "--lake", lake.toString()), 1, "serve.sql.port");
    Settings s3 = Settings.defaults()
        .with(Setting.LAKE, "s3a://bucket/lake");
    SocialCrmException e = assertThrows(SocialCrmException.class,
        () -> SqlEndpoint.sessionSettings(s3, SqlEndpoint.Listen.from(s3)));
    Assertions.assertTrue(e.getMessage().contains("serve.metastore.jdbc.url"), e.getMessage());
    Map<String, String> external = SqlEndpoint.sessionSettings(s3
        .with(Setting.METASTORE_JDBC_URL, "jdbc:postgresql://db:5432/metastore"),
        SqlEndpoint.Listen.from(s3));
    assertEquals("org.postgresql.Driver", external.get("spark.hadoop.javax.jdo.option.ConnectionDriverName"));
    assertFalse(external.toString().toLowerCase().contains("password"), "the password is not a Spark setting");
  }
}
