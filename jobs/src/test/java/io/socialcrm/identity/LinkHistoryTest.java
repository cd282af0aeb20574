package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** identity_links keeps a link's row while its evidence stays, closes what changed or went, and reruns are no-ops. */
class LinkHistoryTest extends SparkTestBase {
  private static final Timestamp DAY1 = Timestamp.valueOf("2026-11-01 00:00:00");
  private static final Timestamp DAY2 = Timestamp.valueOf("2026-11-02 00:00:00");

  @TempDir
  Path dir;

  @Test
  void aRunChangesOnlyTheLinksWhoseEvidenceChanged() {
    String path = dir.resolve("identity_links").toString();
    apply(path, links(
        link("x:1", "C1", "name", "exact", 7.1),
        link("x:2", "C2", "name", "exact", 6.0),
        link("x:9", "C9", "name", "exact", 5.0)), DAY1, "run1");
    assertEquals(Set.of("x:1>C1 from 2026-11-01 00:00:00.0 current", "x:2>C2 from 2026-11-01 00:00:00.0 current",
        "x:9>C9 from 2026-11-01 00:00:00.0 current"), history(path));

    long version = DeltaTable.forPath(spark(), path).history(1).first().<Long>getAs("version");
    apply(path, links(
        link("x:1", "C1", "name", "exact", 7.1),
        link("x:2", "C2", "name", "exact", 6.0),
        link("x:9", "C9", "name", "exact", 5.0)), DAY1, "run1-again");
    assertEquals(version, DeltaTable.forPath(spark(), path).history(1).first().<Long>getAs("version"),
        "a rerun with the same links commits nothing");

    apply(path, links(
        link("x:1", "C1", "name", "exact", 6.9),          // same levels, re-estimated weight: unchanged
        link("x:2", "C2", "name", "jaro_winkler_0.92", 4.0), // evidence changed: new version
        link("x:5", "C5", "handle", "exact", 8.0)), DAY2, "run2"); // new link; x:9 gone: closed
    assertEquals(Set.of(
        "x:1>C1 from 2026-11-01 00:00:00.0 current",
        "x:2>C2 from 2026-11-01 00:00:00.0 to 2026-11-02 00:00:00.0",
        "x:2>C2 from 2026-11-02 00:00:00.0 current",
        "x:5>C5 from 2026-11-02 00:00:00.0 current",
        "x:9>C9 from 2026-11-01 00:00:00.0 to 2026-11-02 00:00:00.0"), history(path));
    Row kept = spark().read().format("delta").load(path).where("profile_key = 'x:1'").first();
    assertEquals(7.1, kept.<Double>getAs("match_weight"), 1e-9, "an unchanged link keeps its row");
    assertEquals("run1", kept.getAs("run_id"));
  }

  @Test
  void theEvidenceHashIgnoresOrderAndWeights() {
    Dataset<Row> a = links(link("x:1", "C1", "name", "exact", 1.0)).withColumn("evidence",
        expr("array(named_struct('comparison','name','level','exact','weight',1.0D,'left','a','right','a'),"
            + " named_struct('comparison','city','level','else','weight',-2.0D,'left','b','right','c'))"));
    Dataset<Row> b = a.withColumn("evidence", expr("reverse(transform(evidence, e -> named_struct('comparison',"
        + " e.comparison, 'level', e.level, 'weight', e.weight * 3, 'left', e.left, 'right', e.right)))"));
    String ha = a.select(LinkHistory.evidenceHash(col("method"), col("evidence"))).first().getString(0);
    String hb = b.select(LinkHistory.evidenceHash(col("method"), col("evidence"))).first().getString(0);
    assertEquals(ha, hb);
    String hc = a.withColumn("method", expr("'steward'"))
        .select(LinkHistory.evidenceHash(col("method"), col("evidence"))).first().getString(0);
    Assertions.assertNotEquals(ha, hc, "the method is part of the evidence");
  }

  private void apply(String path, Dataset<Row> proposed, Timestamp at, String runId) {
    boolean exists = DeltaTable.isDeltaTable(spark(), path);
    Dataset<Row> current = exists ? spark().read().format("delta").load(path).where("is_current")
        : proposed.limit(0).withColumn("valid_from", expr("cast(null as timestamp)"))
            .withColumn("valid_to", expr("cast(null as timestamp)")).withColumn("is_current", expr("true"))
            .withColumn("run_id", expr("cast(null as string)"));
    LinkHistory.mergeInto(path, LinkHistory.changes(current, proposed, at, runId), exists);
  }

  private Set<String> history(String path) {
    Set<String> out = new TreeSet<>();
    for (Row r : spark().read().format("delta").load(path).collectAsList()) {
      out.add(r.getAs("profile_key") + ">" + r.getAs("customer_id") + " from " + r.getAs("valid_from")
          + (r.<Boolean>getAs("is_current") ? " current" : " to " + r.getAs("valid_to")));
    }
    return out;
  }

  private static Row link(String profileKey, String customer, String comparison, String level, double weight) {
    return RowFactory.create(profileKey, customer, comparison, level, weight);
  }

  private Dataset<Row> links(Row... rows) {
    StructType t = new StructType()
        .add("profile_key", DataTypes.StringType).add("customer_id", DataTypes.StringType)
        .add("comparison", DataTypes.StringType).add("level", DataTypes.StringType)
        .add("match_weight", DataTypes.DoubleType);
    Dataset<Row> df = spark().createDataFrame(new ArrayList<>(List.of(rows)), t)
        .withColumn("platform", expr("split(profile_key, ':')[0]"))
        .withColumn("profile_id", expr("split(profile_key, ':')[1]"))
        .withColumn("method", expr("'probabilistic'"))
        .withColumn("match_probability", expr("1 - power(2, -match_weight)"))
        .withColumn("evidence", expr("array(named_struct('comparison', comparison, 'level', level, 'weight',"
            + " match_weight, 'left', 'l', 'right', 'r'))"))
        .drop("comparison", "level");
    return df.withColumn("evidence_hash", LinkHistory.evidenceHash(col("method"), col("evidence")));
  }
}
