package io.socialcrm.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SHOW TABLES in HiveServer2's shape, on plans Spark analysed and then ran. */
class HiveShowTablesTest extends SparkTestBase {
  private static final String VIEW = "hive_shape_probe";

  @BeforeEach
  void aTable() {
    session().range(1).createOrReplaceTempView(VIEW);
  }

  @AfterEach
  void dropIt() {
    session().catalog().dropTempView(VIEW);
  }

  private LogicalPlan analyzed(String sql) throws Exception {
    return session().sessionState().analyzer().execute(session().sessionState().sqlParser().parsePlan(sql));
  }

  @Test
  void showTablesAnswersWithTheTableNameAlone() throws Exception {
    Dataset<Row> shown = Dataset.ofRows(session(), HiveShowTables.hiveShaped(analyzed("SHOW TABLES")));
    assertArrayEquals(new String[] {HiveShowTables.TABLE_COLUMN}, shown.columns());
    List<String> names = shown.as(Encoders.STRING()).collectAsList();
    Assertions.assertTrue(names.contains(VIEW), names.toString());
  }

  @Test
  void everyOtherPlanIsLeftAsItIs() throws Exception {
    for (String sql : List.of("SHOW TABLE EXTENDED LIKE '" + VIEW + "'", "SELECT * FROM " + VIEW, "SHOW DATABASES",
        "DESCRIBE " + VIEW)) {
      LogicalPlan plan = analyzed(sql);
      assertSame(plan, HiveShowTables.hiveShaped(plan), sql);
    }
    LogicalPlan once = HiveShowTables.hiveShaped(analyzed("SHOW TABLES"));
    assertSame(once, HiveShowTables.hiveShaped(once), "a shaped plan analysed again is not shaped twice");
  }
}
