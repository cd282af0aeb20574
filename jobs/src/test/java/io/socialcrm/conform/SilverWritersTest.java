package io.socialcrm.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The pure change computations of the silver writers, on small in-memory frames. */
class SilverWritersTest extends SparkTestBase {
  static final Scd2.Spec SPEC = new Scd2.Spec(List.of("id"), List.of("city"), List.of(), List.of(), "ts",
      null, null, false);

  private Dataset<Row> sql(String values, String columns) {
    return session().sql("SELECT * FROM VALUES " + values + " AS t(" + columns + ")");
  }

  /** One current version of 'a' in Madrid, as the writer stores it. */
  private Dataset<Row> stored() {
    return sql("('a', 'Madrid', TIMESTAMP'2026-11-01 00:00:00', CAST(NULL AS TIMESTAMP), true)",
        "id, city, valid_from, valid_to, is_current").withColumn(Scd2.ROW_HASH, Scd2.rowHash(List.of("city")));
  }

  @Test
  void scd2ChangesCloseTheCurrentVersionAndCollapseRepeats() {
    Dataset<Row> target = stored();
    Dataset<Row> batch = sql("('a', 'Madrid', TIMESTAMP'2026-11-02 00:00:00'), ('a', 'Sevilla', TIMESTAMP'2026-11-03 00:00:00'),"
        + " ('a', 'Sevilla', TIMESTAMP'2026-11-04 00:00:00'), ('a', 'Madrid', TIMESTAMP'2026-11-05 00:00:00'),"
        + " ('a', 'Bilbao', TIMESTAMP'2026-10-01 00:00:00'), ('b', 'Lima', TIMESTAMP'2026-11-02 00:00:00')", "id, city, ts");
    List<Row> rows = Scd2.changes(target, batch, SPEC).orderBy("id", "valid_from")
        .select("id", "city", "valid_from", "valid_to", "is_current", SilverWriter.ACTION).collectAsList();
    assertEquals(List.of(
            "a Madrid 2026-11-01 00:00:00.0 2026-11-03 00:00:00.0 false close",
            "a Sevilla 2026-11-03 00:00:00.0 2026-11-05 00:00:00.0 false insert",
            "a Madrid 2026-11-05 00:00:00.0 null true insert",
            "b Lima 2026-11-02 00:00:00.0 null true insert"),
        rows.stream().map(r -> r.mkString(" ")).toList());
  }

  @Test
  void scd2WithNothingNewerGivesNoChanges() {
    Dataset<Row> target = stored();
    Dataset<Row> batch = sql("('a', 'Madrid', TIMESTAMP'2026-11-01 00:00:00'), ('a', 'Madrid', TIMESTAMP'2026-11-02 00:00:00')",
        "id, city, ts");
    assertEquals(0L, Scd2.changes(target, batch, SPEC).count());
  }

  @Test
  void upsertWithoutVersionReplacesOnlyChangedContent() {
    Dataset<Row> stored = sql("('i1', 5L), ('i2', 7L)", "interaction_id, likes");
    Dataset<Row> batch = sql("('i1', 5L, 1), ('i2', 8L, 1), ('i2', 9L, 2), ('i3', 0L, 1)", "interaction_id, likes, loaded");
    List<Row> rows = LatestByKey.changedContent(stored, batch, List.of("interaction_id"), List.of("interaction_id", "likes"),
        List.of("loaded")).orderBy("interaction_id").select("interaction_id", "likes", SilverWriter.ACTION).collectAsList();
    assertEquals(List.of("i2 9 update", "i3 0 insert"), rows.stream().map(r -> r.mkString(" ")).toList());
  }

  @Test
  void latestByKeyTakesOnlyStrictlyNewerRows() {
    Dataset<Row> stored = sql("('c', 'x', true, TIMESTAMP'2026-11-02 00:00:00')", "customer_id, platform, granted, decided_at");
    Dataset<Row> batch = sql("('c', 'x', false, TIMESTAMP'2026-11-02 00:00:00'), ('c', 'facebook', false, TIMESTAMP'2026-11-01 00:00:00')",
        "customer_id, platform, granted, decided_at");
    List<Row> rows = LatestByKey.changes(stored, batch, List.of("customer_id", "platform"), "decided_at", List.of())
        .select("platform", "granted", SilverWriter.ACTION).collectAsList();
    assertEquals(List.of("facebook false insert"), rows.stream().map(r -> r.mkString(" ")).toList());
  }
}
