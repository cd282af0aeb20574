package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.transform;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The history of {@code silver.identity_links}: a link keeps its row while its evidence stays the same, so a rerun
 * changes nothing and a run changes only the links whose evidence changed. A link's evidence is its method and the
 * agreement level of every compared field (not the weights, which move a little whenever the model is re-estimated).
 */
public final class LinkHistory {
  public static final String ACTION = "_action";
  public static final String INSERT = "insert";
  public static final String CLOSE = "close";

  private LinkHistory() {
  }

  /** A stable fingerprint of a link's method and per-field agreement levels. */
  public static Column evidenceHash(Column method, Column evidence) {
    Column levels = array_sort(transform(evidence, e -> concat_ws("=", e.getField("comparison"), e.getField("level"))));
    return sha2(concat_ws("|", method, concat_ws(";", levels)), 256);
  }

  /**
   * The changes that turn the current links into the proposed ones, as rows for one Delta MERGE: {@code close} rows
   * carry the key of a current link that is gone or whose evidence changed, {@code insert} rows the new versions.
   *
   * @param current the current rows of identity_links (is_current = true)
   * @param proposed this run's links: the link columns without valid_from, valid_to, is_current
   * @param at when the change takes effect (the run's date, so a rerun gives the same history)
   */
  public static Dataset<Row> changes(Dataset<Row> current, Dataset<Row> proposed, Timestamp at, String runId) {
    Dataset<Row> cur = current.select(col("profile_key").as("c_profile_key"), col("customer_id").as("c_customer_id"),
        col("evidence_hash").as("c_hash"));
    Column sameKey = col("profile_key").equalTo(col("c_profile_key")).and(col("customer_id").equalTo(col("c_customer_id")));
    Dataset<Row> inserts = proposed.join(cur, sameKey, "left")
        .where(col("c_hash").isNull().or(col("c_hash").notEqual(col("evidence_hash"))))
        .select(proposed.col("*"))
        .withColumn("valid_from", lit(at))
        .withColumn("valid_to", lit(null).cast("timestamp"))
        .withColumn("is_current", lit(true))
        .withColumn("run_id", lit(runId))
        .withColumn(ACTION, lit(INSERT));
    Dataset<Row> prop = proposed.select(col("profile_key").as("p_profile_key"), col("customer_id").as("p_customer_id"),
        col("evidence_hash").as("p_hash"));
    Dataset<Row> closes = current.join(prop, current.col("profile_key").equalTo(col("p_profile_key"))
            .and(current.col("customer_id").equalTo(col("p_customer_id"))), "left")
        .where(coalesce(col("p_hash"), lit("")).notEqual(col("evidence_hash")))
        .select(current.col("*"))
        .withColumn("valid_to", lit(at))
        .withColumn("is_current", lit(false))
        .withColumn(ACTION, lit(CLOSE));
    return inserts.unionByName(closes);
  }

  /**
   * Applies {@link #changes} to the links table in one MERGE (creating the table on the first run): closes the
   * replaced versions and inserts the new ones. No change, no commit.
   */
  public static void mergeInto(String path, Dataset<Row> changes, boolean tableExists) {
    Dataset<Row> staged = changes.cache();
    try {
      if (staged.isEmpty()) {
        return;
      }
      if (!tableExists) {
        staged.where(col(ACTION).equalTo(INSERT)).drop(ACTION).write().format("delta").save(path);
        return;
      }
      DeltaTable.forPath(staged.sparkSession(), path).as("t")
          .merge(staged.as("s"), "t.profile_key = s.profile_key AND t.customer_id = s.customer_id AND t.is_current"
              + " AND s." + ACTION + " = '" + CLOSE + "'")
          .whenMatched().updateExpr(Map.of("valid_to", "s.valid_to", "is_current", "false"))
          .whenNotMatched("s." + ACTION + " = '" + INSERT + "'").insertExpr(insertColumns(staged))
          .execute();
    } finally {
      staged.unpersist();
    }
  }

  private static Map<String, String> insertColumns(Dataset<Row> staged) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : staged.columns()) {
      if (!c.equals(ACTION)) {
        m.put(c, "s." + c);
      }
    }
    return m;
  }
}
