package io.socialcrm.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import org.junit.jupiter.api.Assertions;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.socialcrm.lake.Lake;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A step whose input is below {@code run.small.input.mb} runs its queries interpreted and planned once, with the same
 * results, and the session's settings are put back after it; the input of a Delta table is measured from its
 * checksum file.
 */
class SmallInputSettingsTest extends SparkTestBase {

  @Test
  void aTablesSizeComesFromItsChecksumFileAndAMissingTableCountsNothing() throws IOException {
    Lake lake = new Lake(session(), newTempDir("small-input-lake").toString());
    String a = lake.root() + "/silver/a";
    String b = lake.root() + "/gold/b";
    session().range(1000).write().format("delta").save(a);
    session().range(10).write().format("delta").save(b);
    session().range(500).write().format("delta").mode("append").save(b);
    long onDisk = parquetBytes(a) + parquetBytes(b);
    Assertions.assertTrue(onDisk > 0);
    assertEquals(onDisk, SmallInputSettings.tableBytes(lake, List.of(a, b, lake.root() + "/gold/missing")));

    // A log without checksum files: the size is unknown, and so counts as large.
    try (Stream<Path> log = Files.list(Path.of(b, "_delta_log"))) {
      for (Path crc : log.filter(f -> f.toString().endsWith(".crc")).toList()) {
        Files.delete(crc);
      }
    }
    assertEquals(SmallInputSettings.UNKNOWN, SmallInputSettings.tableBytes(lake, List.of(a, b)));
    assertEquals(parquetBytes(a), SmallInputSettings.tableBytes(lake, List.of(a)));
  }

  @Test
  void aSmallInputRunsInterpretedAndPlannedOnceWithTheSameRowsAndTheSettingsComeBack() {
    List<String> keys = List.of(SmallInputSettings.WHOLE_STAGE, SmallInputSettings.FACTORY_MODE,
        SmallInputSettings.ADAPTIVE, SmallInputSettings.SHUFFLE_PARTITIONS);
    List<String> before = values(keys);
    List<Row> spark = query().collectAsList();
    String sparkPlan = plan(query());
    Assertions.assertTrue(sparkPlan.contains("*(") && sparkPlan.startsWith("AdaptiveSparkPlan"),
        "code generation and adaptive execution are on outside a step: " + sparkPlan);

    try (SmallInputSettings small = SmallInputSettings.forInput(session(), "conform", 10_000L, 64L << 20)) {
      Assertions.assertTrue(small.small());
      assertEquals(List.of("false", "NO_CODEGEN", "false", Integer.toString(session().sparkContext().defaultParallelism())),
          values(keys));
      String smallPlan = plan(query());
      assertFalse(smallPlan.contains("*(") || smallPlan.contains("AdaptiveSparkPlan"), smallPlan);
      assertEquals(spark, query().collectAsList());
    }
    assertEquals(before, values(keys));

    try (SmallInputSettings large = SmallInputSettings.forInput(session(), "marts", 100L << 20, 64L << 20);
        SmallInputSettings unknown = SmallInputSettings.forInput(session(), "marts", SmallInputSettings.UNKNOWN, 64L << 20);
        SmallInputSettings never = SmallInputSettings.forInput(session(), "marts", 10L, 0L)) {
      assertFalse(large.small() || unknown.small() || never.small());
      assertEquals(before, values(keys));
    }
  }

  private List<String> values(List<String> keys) {
    return keys.stream().map(k -> session().conf().getOption(k).getOrElse(() -> "unset")).toList();
  }

  private Dataset<Row> query() {
    Dataset<Row> people = session().range(200).selectExpr("id", "concat('p', id % 37) AS name", "id % 7 AS team");
    Dataset<Row> teams = session().range(7).selectExpr("id AS team", "concat('team-', id) AS label");
    return people.join(teams, "team").groupBy("label").agg(
            count("*").as("n"), max("name").as("last"), sum(expr("id * 2 + 1")).as("s"))
        .orderBy("label");
  }

  /** The plan as run (adaptive execution places its code-generation stages while it runs). */
  private static String plan(Dataset<Row> df) {
    df.collect();
    return df.queryExecution().executedPlan().toString();
  }

  private static long parquetBytes(String table) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(table))) {
      return files.filter(f -> f.toString().endsWith(".parquet")).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
