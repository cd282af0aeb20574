package io.socialcrm.marts;

import io.socialcrm.conform.SilverTables;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Hand-built silver.interactions rows with the sentiment columns the sentiment step adds (sentiment_score,
 * sentiment, intent_to_buy), for the influence and share-of-voice tests. Only the columns these marts read are
 * set; is_own_brand follows brand (Nordwind is the own brand).
 */
final class ScoredInteractionRows {
  /** The brands' X user ids and Facebook page ids (schemas/reference/brands.json). */
  static final String NORDWIND_X = "1187654321";
  static final String ALPENKRAFT_X = "2298765432";
  static final String SOLIDO_X = "3314159265";
  static final String NORDWIND_FB = "104857600123456";

  static final StructType SCHEMA = SilverTables.INTERACTIONS.schema()
      .add("sentiment_score", DataTypes.DoubleType)
      .add("sentiment", DataTypes.StringType)
      .add("intent_to_buy", DataTypes.BooleanType);

  private final List<Row> rows = new ArrayList<>();

  /** One interaction; {@code day} is a 2026-11 day of month, {@code hour} the hour; sentiment may be null. */
  ScoredInteractionRows add(String id, String platform, String profile, String type, int day, int hour, String brand,
      String targetPost, String targetProfile, List<String> mentioned, String sentiment) {
    Timestamp ts = Timestamp.valueOf(String.format("2026-11-%02d %02d:00:00", day, hour));
    Double score = sentiment == null ? null
        : switch (sentiment) {
          case "positive" -> 0.8;
          case "negative" -> -0.6;
          default -> 0.0;
        };
    String text = sentiment == null ? null : "text of " + id;
    Object[] v = new Object[SCHEMA.size()];
    set(v, "interaction_id", id);
    set(v, "platform", platform);
    set(v, "profile_id", profile);
    set(v, "interaction_type", type);
    set(v, "ts", ts);
    set(v, "interaction_date", Date.valueOf(ts.toLocalDateTime().toLocalDate()));
    set(v, "text", text);
    set(v, "brand", brand);
    set(v, "is_own_brand", "Nordwind".equals(brand));
    set(v, "target_post_id", targetPost);
    set(v, "target_profile_id", targetProfile);
    set(v, "mentioned_profile_ids", mentioned);
    set(v, "sentiment_score", score);
    set(v, "sentiment", sentiment);
    set(v, "intent_to_buy", false);
    rows.add(RowFactory.create(v));
    return this;
  }

  Dataset<Row> frame(SparkSession spark) {
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static void set(Object[] v, String column, Object value) {
    v[SCHEMA.fieldIndex(column)] = value;
  }
}
