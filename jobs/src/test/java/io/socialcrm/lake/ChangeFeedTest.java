package io.socialcrm.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.delta.tables.DeltaTable;
import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change feed over several versions not yet processed holds a row once per change; {@link ChangeFeed#read} gives
 * one row per key: the newest image of each key that still exists, and the image each updated or deleted key had
 * at the processed version.
 */
class ChangeFeedTest extends SparkTestBase {
  @TempDir
  Path tmp;

  private Dataset<Row> rows(String values) {
    return session().sql("SELECT * FROM VALUES " + values + " AS t(id, value)");
  }

  private ChangeFeed feed;
  private final Supplier<Dataset<Row>> none = () -> rows("(0, 'x')").limit(0);

  /** Table silver.t of a new lake in {@code folder} with the given (id, value) rows; {@link #feed} reads it. */
  private String table(String folder, String values) {
    Lake lake = new Lake(session(), tmp.resolve(folder).toString());
    String path = lake.path(new LakeTable(Layer.SILVER, "t"));
    rows(values).write().format("delta").save(path);
    feed = new ChangeFeed(session(), lake, new LakeTable(Layer.SILVER, "_t_state"));
    return path;
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.orderBy("id").collectAsList().stream().map(Row::toString).toList();
  }

  @Test
  void severalVersionsReduceToTheNewestImagePerKeyAndTheImageAtTheProcessedVersion() {
    String path = table("lake", "(1, 'a'), (2, 'a'), (3, 'a')");
    ChangeFeed.Batch first = feed.read("t", path, null, none, List.of("id"));
    Assertions.assertTrue(first.full());
    assertEquals(3, first.rows().count());

    DeltaTable t = DeltaTable.forPath(session(), path);
    t.update(col("id").equalTo(1), Map.of("value", lit("b")));          // 1 changed twice
    t.update(col("id").equalTo(1), Map.of("value", lit("c")));
    t.delete(col("id").equalTo(3));                                      // 3 deleted
    rows("(4, 'x')").write().format("delta").mode(SaveMode.Append).save(path);
    t.update(col("id").equalTo(4), Map.of("value", lit("y")));          // 4 inserted, then changed
    rows("(5, 'x')").write().format("delta").mode(SaveMode.Append).save(path);
    t.delete(col("id").equalTo(5));                                      // 5 inserted, then deleted

    ChangeFeed.Batch batch = feed.read("t", path, first.version(), none, List.of("id"));
    assertFalse(batch.full());
    assertEquals(List.of("[1,c]", "[4,y]"), sorted(batch.rows()), "the newest image of each key still there");
    assertEquals(List.of("[1,a]", "[3,a]"), sorted(batch.gone()),
        "the image at the processed version of each key updated or deleted; none for keys the batch inserted");
    assertEquals(List.of("id", "value"), List.of(batch.rows().columns()));

    // An overwrite with the same rows and one changed: each key deleted and inserted in one version
    long before = batch.version();
    rows("(1, 'c'), (2, 'a'), (4, 'z')").write().format("delta").mode(SaveMode.Overwrite).save(path);
    ChangeFeed.Batch rewrite = feed.read("t", path, before, none, List.of("id"));
    assertEquals(List.of("[1,c]", "[2,a]", "[4,z]"), sorted(rewrite.rows()));
    assertEquals(List.of("[1,c]", "[2,a]", "[4,y]"), sorted(rewrite.gone()));

    // Appends only: the inserted rows as they are, nothing gone
    long rewritten = rewrite.version();
    rows("(6, 'n')").write().format("delta").mode(SaveMode.Append).save(path);
    rows("(7, 'n')").write().format("delta").mode(SaveMode.Append).save(path);
    ChangeFeed.Batch appended = feed.read("t", path, rewritten, none, List.of("id"));
    assertEquals(List.of("[6,n]", "[7,n]"), sorted(appended.rows()));
    assertEquals(0, appended.gone().count());
  }

  @Test
  void changesVacuumedAwayAreReadAsTheWholeTableInsteadOfFailing() {
    String path = table("vacuumed", "(1, 'a'), (2, 'a')");
    long processed = feed.read("t", path, null, none, List.of("id")).version();
    DeltaTable.forPath(session(), path).update(col("id").equalTo(1), Map.of("value", lit("b")));
    ChangeFeed.Batch readable = feed.read("t", path, processed, none, List.of("id"));
    assertFalse(readable.full());
    assertEquals(List.of("[1,b]"), sorted(readable.rows()));

    // The step stays idle past the retention: VACUUM (retention 0 here) deletes the change files it would need
    session().conf().set(LakeMaintenance.RETENTION_CHECK, "false");
    try {
      DeltaTable.forPath(session(), path).vacuum(0);
    } finally {
      session().conf().unset(LakeMaintenance.RETENTION_CHECK);
    }
    ChangeFeed.Batch rebuilt = feed.read("t", path, processed, none, List.of("id"));
    Assertions.assertTrue(rebuilt.full(), "the whole table instead of the lost changes");
    assertEquals(List.of("[1,b]", "[2,a]"), sorted(rebuilt.rows()));
    assertEquals(0, rebuilt.gone().count());
  }
}
