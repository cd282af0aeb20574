package io.socialcrm.marts;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.conform.Brands;
import io.socialcrm.common.JoinKeys;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code gold.influencers}: one row per social profile that matters to the brand, with its authority in the
 * mention/reply/repost graph ({@link Edges}, {@link AuthorityScore}), its reach, its advocacy of the own brand, the
 * revenue of the customer it is linked to and its affinity (whom of the tracked brands it follows).
 *
 * <p>Which profiles: every node of the graph, every profile with an interaction about a tracked brand (a mention,
 * reaction or follow of the own brand or a competitor) and every profile with more than 0 followers; the tracked
 * brands' own accounts ({@code social_profiles.is_brand}, or an account of {@code brands.json}) are left out: they
 * take part in the graph (their replies pass authority on) but are not influencers.
 */
public final class Influencers {
  /** Interaction types that are mentions: they carry the author's own words about the brand. */
  public static final String[] MENTION_TYPES = {"post", "reply", "quote", "comment"};

  private Influencers() {}

  /**
   * The influencers.
   *
   * @param scoredInteractions silver.interactions with {@code sentiment} (positive|neutral|negative|null)
   * @param profiles current silver.social_profiles (platform, profile_id, handle, followers, is_brand)
   * @param links current identity links (platform, profile_id, customer_id)
   * @param orders silver.orders (customer_id, status, amount_reporting)
   * @param settings influenceDamping and influenceIterations of the PageRank
   * @return the columns of {@code schemas/gold/influencers.json}
   */
  public static Dataset<Row> of(Dataset<Row> scoredInteractions, Dataset<Row> profiles, Dataset<Row> links,
      Dataset<Row> orders, MartSettings settings) {
    Dataset<Row> edges = Edges.of(scoredInteractions).localCheckpoint();
    Dataset<Row> authority = byProfile(AuthorityScore.pageRank(edges, settings.influenceDamping(),
        settings.influenceIterations()), "node")
        .select(col("platform"), col("profile_id"), col("authority"));
    Dataset<Row> received = byProfile(edges.groupBy(col("dst")).agg(sum("weight").as("interactions_received")), "dst")
        .select(col("platform"), col("profile_id"), col("interactions_received"));
    Dataset<Row> graphNodes = byProfile(edges.select(col("src").as("node")).union(edges.select(col("dst"))), "node")
        .select("platform", "profile_id");

    Dataset<Row> activity = brandActivity(scoredInteractions);
    Dataset<Row> follows = affinity(scoredInteractions);
    Dataset<Row> reach = profiles.select(col("platform"), col("profile_id"), col("handle"), col("followers"),
        col("is_brand"));

    Dataset<Row> universe = graphNodes
        .union(activity.filter(col("brand_interactions").gt(0)).select("platform", "profile_id"))
        .union(reach.filter(col("followers").gt(0)).select("platform", "profile_id"))
        .distinct();
    var key = JoinKeys.of("platform", "profile_id");
    Dataset<Row> rows = universe
        .join(reach, key, "left")
        .filter(not(coalesce(col("is_brand"), lit(false)))
            .and(not(Brands.isBrandAccount(col("platform"), col("profile_id")))))
        .join(authority, key, "left")
        .join(received, key, "left")
        .join(activity, key, "left")
        .join(follows, key, "left");
    rows = People.withPerson(rows, links)
        .join(revenue(orders), JoinKeys.of("customer_id"), "left");

    WindowSpec byAuthority = Window.partitionBy("platform").orderBy(col("authority").desc());
    Column followsBrand = coalesce(col("follows_brand"), lit(false));
    Column competitors = coalesce(col("competitor_brands"), array().cast("array<string>"));
    Column followsCompetitor = size(competitors).gt(0);
    return rows
        .withColumn("authority", round(coalesce(col("authority"), lit(0.0)), 12))
        .withColumn("authority_rank", rank().over(byAuthority))
        .withColumn("authority_percentile",
            round(lit(100.0).multiply(percent_rank().over(Window.partitionBy("platform").orderBy("authority"))), 2))
        .withColumn("interactions_received", coalesce(col("interactions_received"), lit(0.0)).cast("bigint"))
        .withColumn("advocacy_actions", coalesce(col("advocacy_actions"), lit(0L)))
        .withColumn("advocacy_score", round(col("advocacy_actions")
            .multiply(log10(lit(10.0).plus(coalesce(col("followers"), lit(0L))))), 4))
        .withColumn("revenue", when(col("customer_id").isNotNull(), coalesce(col("revenue"), lit(0).cast("decimal(14,2)"))))
        .withColumn("paid_orders", when(col("customer_id").isNotNull(), coalesce(col("paid_orders"), lit(0L))))
        .withColumn("follows_brand", followsBrand)
        .withColumn("competitor_brands", competitors)
        .withColumn("affinity", when(followsBrand.and(followsCompetitor), lit("both"))
            .when(followsBrand, lit("brand"))
            .when(followsCompetitor, lit("competitor"))
            .otherwise(lit("none")))
        .select(col("platform"), col("profile_id"), col("handle"), col("person_id"), col("customer_id"),
            col("followers"), col("authority"), col("authority_rank"), col("authority_percentile"),
            col("interactions_received"),
            coalesce(col("mentions_of_brand"), lit(0L)).as("mentions_of_brand"),
            coalesce(col("positive_mentions"), lit(0L)).as("positive_mentions"),
            coalesce(col("negative_mentions"), lit(0L)).as("negative_mentions"),
            coalesce(col("reposts_of_brand"), lit(0L)).as("reposts_of_brand"),
            coalesce(col("mentions_of_competitors"), lit(0L)).as("mentions_of_competitors"),
            col("advocacy_actions"), col("advocacy_score"), col("paid_orders"), col("revenue"), col("affinity"),
            col("follows_brand"), col("competitor_brands"));
  }

  /** Splits the profile key column {@code keyColumn} ("platform:profile_id") into platform and profile_id. */
  private static Dataset<Row> byProfile(Dataset<Row> rows, String keyColumn) {
    return rows.withColumn("platform", regexp_extract(col(keyColumn), "^([^:]+):", 1))
        .withColumn("profile_id", regexp_extract(col(keyColumn), "^[^:]+:(.*)$", 1));
  }

  /**
   * Per profile: mentions of the own brand (all, positive, negative), mentions of competitors, reposts and quotes
   * of the own brand's accounts' posts, advocacy actions (interactions that are a positive mention of the own
   * brand or a repost/quote of its posts; a positive quote of its post counts once) and brand_interactions (rows
   * about any tracked brand, of any type).
   */
  static Dataset<Row> brandActivity(Dataset<Row> interactions) {
    Column mention = col("interaction_type").isin((Object[]) MENTION_TYPES);
    Column ownMention = mention.and(coalesce(col("is_own_brand"), lit(false)));
    Column positive = ownMention.and(coalesce(col("sentiment").equalTo("positive"), lit(false)));
    Column negative = ownMention.and(coalesce(col("sentiment").equalTo("negative"), lit(false)));
    Column competitorMention = mention.and(col("brand").isNotNull())
        .and(not(coalesce(col("is_own_brand"), lit(false))));
    Column repostOfBrand = col("interaction_type").isin("repost", "quote")
        .and(coalesce(Brands.isOwnBrandAccount(col("platform"), col("target_profile_id")), lit(false)));
    return interactions.groupBy("platform", "profile_id").agg(
        count(when(ownMention, lit(1))).as("mentions_of_brand"),
        count(when(positive, lit(1))).as("positive_mentions"),
        count(when(negative, lit(1))).as("negative_mentions"),
        count(when(competitorMention, lit(1))).as("mentions_of_competitors"),
        count(when(repostOfBrand, lit(1))).as("reposts_of_brand"),
        count(when(positive.or(repostOfBrand), lit(1))).as("advocacy_actions"),
        count(when(col("brand").isNotNull(), lit(1))).as("brand_interactions"));
  }

  /**
   * Per profile with a follow or unfollow of a tracked brand's account: follows_brand (it follows the own brand)
   * and competitor_brands (the competitors it follows, sorted). The latest event per (profile, brand) decides; at
   * equal times an unfollow wins.
   */
  static Dataset<Row> affinity(Dataset<Row> interactions) {
    Dataset<Row> latest = interactions
        .filter(col("interaction_type").isin("follow", "unfollow").and(col("brand").isNotNull()))
        .groupBy("platform", "profile_id", "brand")
        .agg(max(struct(col("ts"), col("interaction_type").equalTo("unfollow").as("unfollow"),
            coalesce(col("is_own_brand"), lit(false)).as("own"))).as("last"));
    Column following = not(col("last.unfollow"));
    return latest.groupBy("platform", "profile_id").agg(
        max(following.and(col("last.own"))).as("follows_brand"),
        sort_array(collect_set(when(following.and(not(col("last.own"))), col("brand")))).as("competitor_brands"));
  }

  /** Per customer: paid_orders and revenue (sum of amount_reporting of paid orders). */
  static Dataset<Row> revenue(Dataset<Row> orders) {
    return orders.filter(col("status").equalTo("paid").and(col("customer_id").isNotNull()))
        .groupBy("customer_id")
        .agg(count(lit(1)).as("paid_orders"), sum("amount_reporting").cast("decimal(14,2)").as("revenue"));
  }
}
