package io.socialcrm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SparkSessionsTest extends SparkTestBase {

  @Test
  void sharedSessionWritesAndReadsDelta() {
    Path dir = newTempDir("delta-smoke");
    Dataset<Row> df = session().range(5).toDF("id");
    df.write().format("delta").mode("overwrite").save(dir.resolve("t").toString());
    Dataset<Row> back = session().read().format("delta").load(dir.resolve("t").toString());
    assertDataFrameDataEquals(df.orderBy("id"), back.orderBy("id"));
    assertEquals("UTC", session().conf().get("spark.sql.session.timeZone"));
  }

  @Test
  void aSettingTheUserGaveSparkIsTheUsersAndTheProjectsDefaultsAreNot() {
    SparkConf conf = SparkSessions.configure(new SparkConf().set("spark.sql.adaptive.enabled", "true"));
    assertTrue(SparkSessions.userGiven(conf, "spark.sql.adaptive.enabled"));
    assertEquals("8", conf.get("spark.sql.shuffle.partitions"));
    assertFalse(SparkSessions.userGiven(conf, "spark.sql.shuffle.partitions"));
    assertFalse(SparkSessions.userGiven(conf, "spark.sql.codegen.wholeStage"));
  }
}
