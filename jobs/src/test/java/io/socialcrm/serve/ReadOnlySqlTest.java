package io.socialcrm.serve;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read-only guard's verdict on analyzed plans of real statements (analyzed, not run), over a Delta table: what
 * reads passes, every kind of write is refused with the statement's kind in the message.
 */
class ReadOnlySqlTest extends SparkTestBase {
  private String table;

  @BeforeEach
  void aDeltaTable() {
    String path = newTempDir("readonly").resolve("t").toString();
    session().range(3).toDF("id").write().format("delta").save(path);
    table = "delta.`" + path + "`";
  }

  private LogicalPlan analyzed(String sql) throws Exception {
    LogicalPlan parsed = session().sessionState().sqlParser().parsePlan(sql);
    return session().sessionState().analyzer().execute(parsed);
  }

  @Test
  void queriesAndCommandsThatOnlyReadPass() {
    for (String sql : List.of("SELECT id, count(*) FROM " + table + " GROUP BY id",
        "WITH a AS (SELECT * FROM " + table + ") SELECT * FROM a WHERE id IN (SELECT max(id) FROM a)",
        "SHOW TABLES", "SHOW DATABASES", "DESCRIBE " + table, "EXPLAIN SELECT 1", "USE default", "SET",
        "SET spark.sql.shuffle.partitions", "SET spark.sql.shuffle.partitions=2", "DESCRIBE HISTORY " + table)) {
      assertDoesNotThrow(() -> ReadOnlySql.check(analyzed(sql)), sql);
    }
  }

  @Test
  void everyWriteIsRefused() {
    for (String sql : List.of("INSERT INTO " + table + " VALUES (9)", "DELETE FROM " + table + " WHERE id = 1",
        "UPDATE " + table + " SET id = 0", "MERGE INTO " + table + " t USING (SELECT 1 AS id) s ON t.id = s.id "
            + "WHEN MATCHED THEN DELETE", "DROP TABLE IF EXISTS default.x", "CREATE TABLE default.x (a INT) USING delta",
        "CREATE TABLE default.y USING delta AS SELECT 1 AS a", "CREATE DATABASE z", "DROP DATABASE IF EXISTS z",
        "CREATE OR REPLACE TEMP VIEW v AS SELECT 1", "CACHE TABLE c AS SELECT 1", "ADD JAR /tmp/x.jar",
        "OPTIMIZE " + table, "VACUUM " + table, "SET spark.sql.runSQLOnFiles=true",
        "SELECT reflect('java.lang.System', 'getProperty', 'user.home')",
        "SELECT * FROM " + table + " WHERE id IN (SELECT java_method('java.lang.Math', 'abs', -1))")) {
      SocialCrmException e = assertThrows(SocialCrmException.class, () -> ReadOnlySql.check(analyzed(sql)), sql);
      assertEquals("read_only", e.code(), sql);
    }
  }

  @Test
  void theMessageSaysWhatWasRefused() {
    SocialCrmException e = assertThrows(SocialCrmException.class,
        () -> ReadOnlySql.check(analyzed("DROP TABLE IF EXISTS default.x")));
    assertEquals(true, e.getMessage().startsWith("the SQL endpoint is read-only: DROP TABLE"), e.getMessage());
  }
}
