package io.socialcrm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
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
}
