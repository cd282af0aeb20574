package io.socialcrm.marts;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small social world for the touchpoint and attribution tests. Our brand Nordwind (X account 1187654321, Facebook
 * page 104857600123456) and competitor Alpenkraft (X 2298765432) post; customer C1 owns X account u1 and Facebook
 * account f1 (both linked); X account u2 is not linked. Campaign camp-n is Nordwind's, camp-a Alpenkraft's.
 *
 * <p>C1's touches (7): x:repost:300 (day 1, repost of campaign post 100: x:camp-n), x:reply:301 (day 2, reply to
 * organic brand post 101: x:organic), x:post:302 (day 3, shares camp-n's link), x:post:303 (day 4, mentions
 * Nordwind: x:organic), x:quote:306 (day 5, quotes organic post 101 with camp-n's link: x:camp-n),
 * fb:reaction:104857600123456_1:f1 (day 6, on campaign post: facebook:camp-n), fb:comment:9 (day 7, same post).
 * Not touches: the brands' own posts, u1's reply to and link of the competitor, u1's follow of Nordwind, an X reply
 * whose target id is a Facebook post id, and everything u2 does.
 */
final class BrandActivity {
  static final String BRAND_X = "1187654321";
  static final String RIVAL_X = "2298765432";
  static final String BRAND_FB = "104857600123456";
  static final String FB_POST = BRAND_FB + "_1";

  static final StructType INTERACTIONS = new StructType()
      .add("interaction_id", DataTypes.StringType)
      .add("platform", DataTypes.StringType)
      .add("profile_id", DataTypes.StringType)
      .add("interaction_type", DataTypes.StringType)
      .add("ts", DataTypes.TimestampType)
      .add("brand", DataTypes.StringType)
      .add("is_own_brand", DataTypes.BooleanType)
      .add("target_post_id", DataTypes.StringType)
      .add("campaign_id", DataTypes.StringType);

  private BrandActivity() {}

  private static Row i(String id, String platform, String profile, String type, double day, String brand,
      String target, String campaign) {
    return RowFactory.create(id, platform, profile, type, PathRows.day(day), brand, "Nordwind".equals(brand), target,
        campaign);
  }

  static Dataset<Row> interactions(SparkSession s) {
    return s.createDataFrame(List.of(
        i("x:post:100", "x", BRAND_X, "post", 0, "Nordwind", null, "camp-n"),
        i("x:post:101", "x", BRAND_X, "post", 0, "Nordwind", null, null),
        i("x:post:200", "x", RIVAL_X, "post", 0, "Alpenkraft", null, "camp-a"),
        i("fb:post:" + FB_POST, "facebook", BRAND_FB, "post", 0, "Nordwind", null, "camp-n"),
        i("x:repost:300", "x", "u1", "repost", 1, "Nordwind", "100", null),
        i("x:reply:301", "x", "u1", "reply", 2, "Nordwind", "101", null),
        i("x:post:302", "x", "u1", "post", 3, "Nordwind", null, "camp-n"),
        i("x:post:303", "x", "u1", "post", 4, "Nordwind", null, null),
        i("x:reply:304", "x", "u1", "reply", 4, "Alpenkraft", "200", null),
        i("x:post:305", "x", "u1", "post", 4, "Alpenkraft", null, "camp-a"),
        i("x:follow:u1:" + BRAND_X, "x", "u1", "follow", 4, "Nordwind", null, null),
        i("x:quote:306", "x", "u1", "quote", 5, "Nordwind", "101", "camp-n"),
        i("x:reply:307", "x", "u1", "reply", 5, null, FB_POST, null),
        i("fb:reaction:" + FB_POST + ":f1", "facebook", "f1", "reaction", 6, "Nordwind", FB_POST, null),
        i("fb:comment:9", "facebook", "f1", "comment", 7, "Nordwind", FB_POST, null),
        i("x:repost:400", "x", "u2", "repost", 3, "Nordwind", "100", null),
        i("x:post:401", "x", "u2", "post", 3, "Nordwind", null, "camp-n")), INTERACTIONS);
  }

  static Dataset<Row> profiles(SparkSession s) {
    return s.sql("SELECT * FROM VALUES ('x', '" + BRAND_X + "', true), ('x', '" + RIVAL_X + "', true), "
        + "('facebook', '" + BRAND_FB + "', true), ('x', 'u1', false), ('x', 'u2', false), ('facebook', 'f1', false) "
        + "AS t(platform, profile_id, is_brand)");
  }

  static Dataset<Row> links(SparkSession s) {
    return s.sql("SELECT * FROM VALUES ('x', 'u1', 'C1', 'model', 0.99D), ('facebook', 'f1', 'C1', 'handle', 1.0D) "
        + "AS t(platform, profile_id, customer_id, method, match_probability)");
  }

  static Dataset<Row> campaigns(SparkSession s) {
    return s.sql("SELECT * FROM VALUES ('camp-n', 'Nordwind'), ('camp-a', 'Alpenkraft') AS t(campaign_id, brand)");
  }

  /** C1's paid order of 123.45 on day 10, a refunded one on day 9, and C2's paid order without touches. */
  static Dataset<Row> orders(SparkSession s) {
    return s.createDataFrame(List.of(
        PathRows.order("O1", "C1", 10, "123.45", "paid"),
        PathRows.order("O2", "C1", 9, "99.00", "refunded"),
        PathRows.order("O3", "C2", 10, "10.00", "paid")), PathRows.ORDERS);
  }
}
