package io.socialcrm.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A small table is read from the file list in its newest checksum file, with the rows and schema Delta's own reader
 * gives and no Spark job before the query's own; a table that list cannot stand for is read through Delta.
 */
class TableReaderTest extends SparkTestBase {

  @Test
  void aSmallTableIsReadFromItsChecksumWithDeltasRowsAfterAppendsMergesAndDeletes() {
    String path = newTempDir("reader-small").resolve("t").toString();
    session().range(20).selectExpr("id", "cast(id % 3 AS string) AS team", "timestamp'2026-11-01 10:00:00' AS ts",
        "array(id, id + 1) AS ids").write().format("delta").save(path);
    session().range(20, 30).selectExpr("id", "'x' AS team", "timestamp'2026-11-02 10:00:00' AS ts",
        "array(id) AS ids").write().format("delta").mode("append").save(path);
    DeltaTable.forPath(session(), path).as("t")
        .merge(session().range(5, 25).selectExpr("id", "'m' AS team").as("s"), "t.id = s.id")
        .whenMatched().updateExpr(Map.of("team", "s.team")).execute();
    DeltaTable.forPath(session(), path).delete("id < 3");

    Dataset<Row> plain = TableReader.fromChecksum(session(), lake(), path).orElseThrow();
    Dataset<Row> delta = session().read().format("delta").load(path);
    assertEquals(delta.schema(), plain.schema());
    assertEquals(sorted(delta), sorted(plain));
    Assertions.assertFalse(plan(plain).contains("TahoeLogFileIndex") || plan(plain).contains("PreparedDeltaFileIndex"), plan(plain));
    assertEquals(sorted(delta), sorted(TableReader.read(session(), lake(), path)));

    // Each new version is read as it is: the list comes from the newest checksum.
    session().range(100, 102).selectExpr("id", "'n' AS team", "timestamp'2026-11-03 10:00:00' AS ts",
        "array(id) AS ids").write().format("delta").mode("append").save(path);
    assertEquals(sorted(session().read().format("delta").load(path)), sorted(TableReader.read(session(), lake(), path)));
    assertEquals(27 + 2, TableReader.read(session(), lake(), path).count());
  }

  @Test
  void anEmptyTableHasItsSchemaAndNoRows() {
    String path = newTempDir("reader-empty").resolve("t").toString();
    session().range(3).selectExpr("id", "'a' AS name").write().format("delta").save(path);
    DeltaTable.forPath(session(), path).delete();
    Dataset<Row> plain = TableReader.fromChecksum(session(), lake(), path).orElseThrow();
    assertEquals(session().read().format("delta").load(path).schema(), plain.schema());
    assertEquals(0, plain.count());
  }

  @Test
  void tablesTheListCannotStandForAreReadThroughDelta() throws IOException {
    Path root = newTempDir("reader-delta");
    // Partitioned: the partition values live in the log, not in the files.
    String partitioned = root.resolve("p").toString();
    session().range(6).selectExpr("id", "cast(id % 2 AS string) AS day").write().format("delta")
        .partitionBy("day").save(partitioned);
    Assertions.assertTrue(TableReader.fromChecksum(session(), lake(), partitioned).isEmpty());
    assertEquals(6, TableReader.read(session(), lake(), partitioned).count());

    // Deletion vectors: a file's rows are not all live (reader protocol 3).
    String vectors = root.resolve("dv").toString();
    session().range(10).selectExpr("id").write().format("delta")
        .option("delta.enableDeletionVectors", "true").save(vectors);
    DeltaTable.forPath(session(), vectors).delete("id % 2 = 0");
    Assertions.assertTrue(TableReader.fromChecksum(session(), lake(), vectors).isEmpty());
    assertEquals(5, TableReader.read(session(), lake(), vectors).count());

    // No checksum file for the newest commit.
    String noChecksum = root.resolve("nocrc").toString();
    session().range(4).write().format("delta").save(noChecksum);
    session().range(4, 8).write().format("delta").mode("append").save(noChecksum);
    try (Stream<Path> log = Files.list(Path.of(noChecksum, "_delta_log"))) {
      for (Path crc : log.filter(f -> f.getFileName().toString().equals(String.format("%020d.crc", 1))).toList()) {
        Files.delete(crc);
      }
    }
    Assertions.assertTrue(TableReader.fromChecksum(session(), lake(), noChecksum).isEmpty());
    assertEquals(8, TableReader.read(session(), lake(), noChecksum).count());

    // Turned off.
    String small = root.resolve("small").toString();
    session().range(4).write().format("delta").save(small);
    session().conf().set(TableReader.ENABLED, "false");
    try {
      Assertions.assertTrue(plan(TableReader.read(session(), lake(), small)).contains("Delta"), plan(TableReader.read(session(), lake(), small)));
    } finally {
      session().conf().unset(TableReader.ENABLED);
    }
    Assertions.assertFalse(plan(TableReader.read(session(), lake(), small)).contains("Delta"));
  }

  private Lake lake;

  /** The lake the reader lists logs through (the tables' paths are absolute, outside its root). */
  private Lake lake() {
    if (lake == null) {
      lake = new Lake(session(), newTempDir("reader-lake").toString());
    }
    return lake;
  }

  private static List<String> sorted(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static String plan(Dataset<Row> df) {
    return df.queryExecution().executedPlan().toString();
  }
}
