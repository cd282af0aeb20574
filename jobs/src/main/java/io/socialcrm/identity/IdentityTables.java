package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;

import io.socialcrm.common.JoinKeys;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import io.socialcrm.lake.TableReader;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tables identity resolution writes, declared once: links (with history), the review band, the models, and
 * the internal scored-pair store that makes the step incremental (the pairs and the records they were built from).
 */
public final class IdentityTables {
  public static final LakeTable LINKS = new LakeTable(Layer.SILVER, "identity_links");
  /** The columns that identify a row of {@link #LINKS} (one link of a profile to a customer, from its start). */
  public static final List<String> LINKS_KEYS = List.of("profile_key", "customer_id", "valid_from");
  public static final LakeTable REVIEW = new LakeTable(Layer.SILVER, "identity_review");
  public static final LakeTable MODELS = new LakeTable(Layer.SILVER, "identity_models");
  /**
   * The model's scored pairs at or above the review probability, consent applied: profile_key, customer_id,
   * match_probability, match_weight, evidence (see {@link PairStore#pairs}).
   */
  public static final LakeTable PAIRS = new LakeTable(Layer.SILVER, "_identity_pairs");
  /** What {@link #PAIRS} was built from: one fingerprint per profile, customer, skipped block, and the model. */
  public static final LakeTable RECORDS = new LakeTable(Layer.SILVER, "_identity_records");

  public static final StructType EVIDENCE = new StructType()
      .add("comparison", DataTypes.StringType).add("level", DataTypes.StringType).add("weight", DataTypes.DoubleType)
      .add("left", DataTypes.StringType).add("right", DataTypes.StringType);

  public static final StructType LINKS_SCHEMA = new StructType()
      .add("platform", DataTypes.StringType).add("profile_id", DataTypes.StringType)
      .add("profile_key", DataTypes.StringType).add("customer_id", DataTypes.StringType)
      .add("method", DataTypes.StringType).add("match_probability", DataTypes.DoubleType)
      .add("match_weight", DataTypes.DoubleType).add("evidence", DataTypes.createArrayType(EVIDENCE))
      .add("evidence_hash", DataTypes.StringType).add("valid_from", DataTypes.TimestampType)
      .add("valid_to", DataTypes.TimestampType).add("is_current", DataTypes.BooleanType)
      .add("run_id", DataTypes.StringType);

  public static final StructType RECORDS_SCHEMA = new StructType()
      .add("kind", DataTypes.StringType).add("profile_key", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType).add("block", DataTypes.StringType)
      .add("fingerprint", DataTypes.StringType);

  private static final StructType TERM_FREQUENCY = new StructType()
      .add("column", DataTypes.StringType).add("value_hash", DataTypes.StringType).add("tf", DataTypes.DoubleType);

  private static final StructType MODELS_SCHEMA = new StructType()
      .add("run_date", DataTypes.DateType).add("run_id", DataTypes.StringType)
      .add("candidate_pairs", DataTypes.LongType).add("model_json", DataTypes.StringType)
      .add("blocking_json", DataTypes.StringType).add("config_fingerprint", DataTypes.StringType);

  /** A model kept in {@link #MODELS}: the run that fitted it, its parameters, its term frequencies (lazy). */
  public record StoredModel(String runId, MatchModel model) {}

  private IdentityTables() {
  }

  public static Dataset<Row> emptyLinks(SparkSession spark) {
    return spark.createDataFrame(List.of(), LINKS_SCHEMA);
  }

  /**
   * Keeps the date's fitted model (one row per date, replaced on a rerun) for reuse by later runs, for explain and
   * for audit: its parameters, blocking counts, the fingerprint of the match configuration it was fitted under,
   * and its term-frequency tables (aggregated into the row, not collected), each value kept as its SHA-256 only, so
   * that the table holds no customer's name or city in the clear.
   */
  public static void saveModel(SparkSession spark, Lake lake, LocalDate date, String runId, MatchModel model,
      String blockingJson, long candidatePairs, String configFingerprint) {
    Dataset<Row> row = spark.createDataFrame(List.of(RowFactory.create(Date.valueOf(date), runId, candidatePairs,
        model.toJson(), blockingJson, configFingerprint)), MODELS_SCHEMA);
    Dataset<Row> tf = null;
    for (Map.Entry<String, Dataset<Row>> e : model.termFrequencies().entrySet()) {
      Dataset<Row> one = e.getValue().select(lit(e.getKey()).as("column"),
          sha2(col("value").cast("string"), 256).as("value_hash"), col("tf"));
      tf = tf == null ? one : tf.unionByName(one);
    }
    Dataset<Row> tfs = tf == null ? spark.createDataFrame(List.of(RowFactory.create()), new StructType())
        .select(array().cast(DataTypes.createArrayType(TERM_FREQUENCY)).as("term_frequencies"))
        // sorted: collect_list's order depends on the partitioning, and a rerun must write the same row
        : tf.agg(array_sort(collect_list(struct(col("column"), col("value_hash"), col("tf")))).as("term_frequencies"));
    row = row.crossJoin(tfs);
    String path = lake.path(MODELS);
    if (lake.isDeltaTable(path)) {
      row.write().format("delta").mode(SaveMode.Overwrite).option("mergeSchema", "true")
          .option("replaceWhere", "run_date = '" + date + "'").save(path);
    } else {
      row.write().format("delta").save(path);
    }
  }

  /**
   * The newest model fitted under the given match configuration, with the term frequencies it was fitted with
   * (of the values the right table holds now: a value the model never saw gets none, as in scoring), or null when
   * there is none (identity never ran, or the configuration changed since).
   */
  public static StoredModel storedModel(SparkSession spark, Lake lake, String configFingerprint,
      Dataset<Row> right) {
    String path = lake.path(MODELS);
    if (!lake.isDeltaTable(path)) {
      return null;
    }
    Dataset<Row> models = TableReader.read(spark, lake, path);
    if (!List.of(models.columns()).contains("config_fingerprint")) {
      return null;
    }
    List<Row> rows = models.where(col("config_fingerprint").equalTo(configFingerprint))
        .orderBy(col("run_date").desc()).select("run_id", "model_json").limit(1).collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    String runId = rows.get(0).getString(0);
    Dataset<Row> tfs = models.where(col("run_id").equalTo(runId))
        .select(explode(col("term_frequencies")).as("t")).select("t.*");
    Map<String, Dataset<Row>> byColumn = new LinkedHashMap<>();
    for (String c : tfColumns(tfs)) {
      byColumn.put(c, right.select(col(c).cast("string").as("value")).where(col("value").isNotNull()).distinct()
          .withColumn("value_hash", sha2(col("value"), 256))
          .join(tfs.where(col("column").equalTo(c)).select("value_hash", "tf"), JoinKeys.of("value_hash"))
          .select("value", "tf"));
    }
    return new StoredModel(runId, MatchModel.fromJson(rows.get(0).getString(1)).withTermFrequencies(byColumn));
  }

  /** The columns a model's term-frequency rows name: a handful (the config's tf_adjust columns). */
  private static List<String> tfColumns(Dataset<Row> tfs) {
    return tfs.select("column").distinct().collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }

  /** An empty record table, in its schema. */
  public static Dataset<Row> emptyRecords(SparkSession spark) {
    return spark.createDataFrame(List.of(), RECORDS_SCHEMA);
  }

  /** The newest model saved, or null when identity never ran. */
  public static String latestModel(SparkSession spark, Lake lake) {
    String path = lake.path(MODELS);
    if (!lake.isDeltaTable(path)) {
      return null;
    }
    List<Row> rows = TableReader.read(spark, lake, path).orderBy(org.apache.spark.sql.functions.col("run_date").desc())
        .select("model_json").limit(1).collectAsList();
    return rows.isEmpty() ? null : rows.get(0).getString(0);
  }
}
