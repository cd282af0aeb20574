package io.socialcrm.identity;

import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The tables identity resolution writes, declared once: links (with history), the review band, and the models. */
public final class IdentityTables {
  public static final LakeTable LINKS = new LakeTable(Layer.SILVER, "identity_links");
  public static final LakeTable REVIEW = new LakeTable(Layer.SILVER, "identity_review");
  public static final LakeTable MODELS = new LakeTable(Layer.SILVER, "identity_models");

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

  private static final StructType MODELS_SCHEMA = new StructType()
      .add("run_date", DataTypes.DateType).add("run_id", DataTypes.StringType)
      .add("candidate_pairs", DataTypes.LongType).add("model_json", DataTypes.StringType)
      .add("blocking_json", DataTypes.StringType);

  private IdentityTables() {
  }

  public static Dataset<Row> emptyLinks(SparkSession spark) {
    return spark.createDataFrame(List.of(), LINKS_SCHEMA);
  }

  /** Keeps the date's fitted model (one row per date, replaced on a rerun) for explain and for audit. */
  public static void saveModel(SparkSession spark, Lake lake, LocalDate date, String runId, String modelJson,
      String blockingJson, long candidatePairs) {
    Dataset<Row> row = spark.createDataFrame(
        List.of(RowFactory.create(Date.valueOf(date), runId, candidatePairs, modelJson, blockingJson)), MODELS_SCHEMA);
    String path = lake.path(MODELS);
    if (lake.isDeltaTable(path)) {
      row.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", "run_date = '" + date + "'").save(path);
    } else {
      row.write().format("delta").save(path);
    }
  }

  /** The newest model saved, or null when identity never ran. */
  public static String latestModel(SparkSession spark, Lake lake) {
    String path = lake.path(MODELS);
    if (!lake.isDeltaTable(path)) {
      return null;
    }
    List<Row> rows = spark.read().format("delta").load(path).orderBy(org.apache.spark.sql.functions.col("run_date").desc())
        .select("model_json").limit(1).collectAsList();
    return rows.isEmpty() ? null : rows.get(0).getString(0);
  }
}
