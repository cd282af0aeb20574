package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Gold writes: replace a scope in one commit, and commit nothing when the rows are the same. */
class GoldWriterTest extends SparkTestBase {
  private static final DeclaredTable DAILY = new DeclaredTable(new LakeTable(Layer.GOLD, "writer_test"), "test",
      new StructType().add("date", DataTypes.DateType).add("brand", DataTypes.StringType)
          .add("mentions", DataTypes.LongType),
      List.of("date", "brand"));

  private Dataset<Row> rows(String values) {
    return session().sql("SELECT CAST(d AS DATE) AS date, b AS brand, CAST(m AS BIGINT) AS mentions, 'x' AS extra "
        + "FROM VALUES " + values + " AS t(d, b, m)");
  }

  private long version(Lake lake) {
    return DeltaTable.forPath(session(), lake.path(DAILY.table())).history(1).first().getAs("version");
  }

  @Test
  void replacesOnlyWhenRowsDifferAndOnlyInTheScope() {
    Lake lake = new Lake(session(), newTempDir("gold-writer").toString());
    GoldWriter writer = new GoldWriter(lake);

    GoldWriter.Written first = writer.replaceAll(DAILY, rows(
        "('2026-11-01', 'Nordwind', 3), ('2026-11-02', 'Nordwind', 5), ('2026-11-02', 'Sólido', 1)"));
    assertTrue(first.changed());
    assertEquals(3, first.rows());
    long v0 = version(lake);

    // The same rows in another order: nothing is committed.
    GoldWriter.Written again = writer.replaceAll(DAILY, rows(
        "('2026-11-02', 'Sólido', 1), ('2026-11-01', 'Nordwind', 3), ('2026-11-02', 'Nordwind', 5)"));
    assertFalse(again.changed());
    assertEquals(v0, version(lake));

    // A new day replaces only its own rows; rows outside the scope that the input carries are not written.
    GoldWriter.Written day = writer.replaceWhere(DAILY, rows(
        "('2026-11-02', 'Nordwind', 6), ('2026-11-01', 'Nordwind', 99)"), "date = DATE'2026-11-02'");
    assertTrue(day.changed());
    assertEquals(1, day.rows());
    assertEquals(v0 + 1, version(lake));
    List<Row> all = session().read().format("delta").load(lake.path(DAILY.table()))
        .orderBy("date", "brand").collectAsList();
    assertEquals(2, all.size());
    assertEquals(3L, all.get(0).<Long>getAs("mentions"));
    assertEquals(6L, all.get(1).<Long>getAs("mentions"));
    assertEquals(List.of("date", "brand", "mentions"), List.of(all.get(0).schema().fieldNames()));

    // Rerunning the day: no commit.
    assertFalse(writer.replaceWhere(DAILY, rows("('2026-11-02', 'Nordwind', 6)"), "date = DATE'2026-11-02'")
        .changed());
    assertEquals(v0 + 1, version(lake));
  }

  @Test
  void replacesTheScopesRowsInOneCommitDeletingThoseGoneAndCommitsNothingWhenTheyAreTheSame() {
    Lake lake = new Lake(session(), newTempDir("gold-writer-matching").toString());
    GoldWriter writer = new GoldWriter(lake);
    writer.replaceAll(DAILY, rows(
        "('2026-11-01', 'Nordwind', 3), ('2026-11-02', 'Nordwind', 5), ('2026-11-01', 'Sólido', 1),"
            + " ('2026-11-02', 'Sólido', 2)"));
    long v0 = version(lake);
    Dataset<Row> nordwind = session().sql("SELECT 'Nordwind' AS brand");
    UnaryOperator<Dataset<Row>> scope = t -> t.join(nordwind, "brand");

    // Nordwind's rows: 11-01 changes, 11-02 is gone, 11-03 is new; Sólido's rows stay although the input lacks them.
    GoldWriter.Written w = writer.replaceMatching(DAILY, rows(
        "('2026-11-01', 'Nordwind', 4), ('2026-11-03', 'Nordwind', 7)"), scope);
    assertTrue(w.changed());
    assertEquals(2, w.rows());
    assertEquals(v0 + 1, version(lake));
    List<Row> all = session().read().format("delta").load(lake.path(DAILY.table()))
        .orderBy("brand", "date").collectAsList();
    assertEquals("[[2026-11-01,Nordwind,4], [2026-11-03,Nordwind,7], [2026-11-01,Sólido,1], [2026-11-02,Sólido,2]]",
        all.toString());

    // The same rows again: no commit.
    assertFalse(writer.replaceMatching(DAILY, rows("('2026-11-03', 'Nordwind', 7), ('2026-11-01', 'Nordwind', 4)"),
        scope).changed());
    assertEquals(v0 + 1, version(lake));
  }

  @Test
  void fingerprintIgnoresOrderButSeesEveryValue() {
    Row a = GoldWriter.fingerprint(rows("('2026-11-01', 'Nordwind', 3), ('2026-11-02', 'Sólido', 1)"));
    Row b = GoldWriter.fingerprint(rows("('2026-11-02', 'Sólido', 1), ('2026-11-01', 'Nordwind', 3)"));
    Row c = GoldWriter.fingerprint(rows("('2026-11-01', 'Nordwind', 3), ('2026-11-02', 'Sólido', 2)"));
    assertEquals(a, b);
    assertFalse(a.equals(c));
  }

  @Test
  void bothSidesFingerprintedInOnePassCompareAsTheSeparateFingerprintsDo() {
    Dataset<Row> a = rows("('2026-11-01', 'Nordwind', 3), ('2026-11-02', 'Sólido', 1)");
    GoldWriter.Prints same = GoldWriter.Prints.of(a, rows("('2026-11-02', 'Sólido', 1), ('2026-11-01', 'Nordwind', 3)"));
    assertEquals(new GoldWriter.Prints(2, true), same);
    assertFalse(GoldWriter.Prints.of(a, rows("('2026-11-01', 'Nordwind', 3), ('2026-11-02', 'Sólido', 2)")).same());
    assertFalse(GoldWriter.Prints.of(a, rows("('2026-11-01', 'Nordwind', 3)")).same(), "a row fewer");
    assertFalse(GoldWriter.Prints.of(a, a.limit(0)).same(), "an empty current side");
    assertEquals(new GoldWriter.Prints(0, true), GoldWriter.Prints.of(a.limit(0), a.limit(0)));
    assertEquals(new GoldWriter.Prints(2, false), GoldWriter.Prints.of(a, null), "no table yet");
  }
}
