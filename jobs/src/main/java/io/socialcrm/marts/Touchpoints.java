package io.socialcrm.marts;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.conform.Brands;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The attribution touchpoints: a linked person's interactions with our brand, the events an order's credit goes
 * to. A touch is an interaction of a linked profile (customer_id not null) that
 * <ul>
 *   <li>carries the UTM of one of our brand's campaigns (a share or click of a campaign link), touch_type
 *       {@code campaign_link};</li>
 *   <li>or engages with one of our brand's posts (reply, quote, repost, comment or reaction whose target_post_id is
 *       a brand post), touch_type {@code brand_post_engagement};</li>
 *   <li>or mentions our brand (a post, reply, quote or comment with is_own_brand), touch_type {@code mention}.</li>
 * </ul>
 * An interaction matching several is one touch, typed by the first that applies. Its campaign is the campaign of its
 * own UTM if that is ours, else the campaign of the brand post it engages with, else none (organic). Follows are not
 * touches (they are a relationship, not an interaction with content).
 */
public final class Touchpoints {
  /** Interaction types that engage with a post. */
  private static final String[] ENGAGEMENTS = {"reply", "quote", "repost", "comment", "reaction"};
  /** Interaction types that can mention the brand in their own words. */
  private static final String[] MENTIONS = {"post", "reply", "quote", "comment"};

  private Touchpoints() {}

  /** The channel of a touch: {@code platform:campaign_id}, or {@code platform:organic} without a campaign. */
  public static Column channel(Column platform, Column campaignId) {
    return concat(platform, lit(":"), coalesce(campaignId, lit("organic")));
  }

  /**
   * Our brand's own posts (posts, replies and quotes authored by one of our brand's accounts,
   * {@link io.socialcrm.conform.Brands#isBrandAccount}, LinkedIn organization pages included; about our brand), keyed the way other interactions point at them: platform, post_id (the platform's id of the
   * post, as in target_post_id), campaign_id (the campaign of the post's UTM; null for a non-campaign post).
   *
   * @param interactions silver interactions
   * @param profiles current social profiles (platform, profile_id, is_brand)
   */
  public static Dataset<Row> brandPosts(Dataset<Row> interactions) {
    return interactions
        .where(col("interaction_type").isin("post", "reply", "quote").and(Brands.isOwnBrand(col("brand"))))
        .where(Brands.isOwnBrandAccount(col("platform"), col("profile_id")))
        // interaction_id is "<platform code>:<type>:<platform's post id>" (see InteractionsTransform)
        .select(col("platform"), regexp_replace(col("interaction_id"), "^[a-z]+:[a-z]+:", "").as("post_id"),
            col("campaign_id"));
  }

  /**
   * The touches of linked people: touch_id (the interaction_id), customer_id, touch_ts, platform, campaign_id (null
   * = organic), channel ({@link #channel}), touch_type.
   *
   * @param interactionsWithPerson silver interactions passed through {@link People#withPerson}
   * @param brandPosts our brand's posts ({@link #brandPosts}: platform, post_id, campaign_id)
   * @param campaigns the campaigns (campaign_id, brand); only our brand's count
   */
  public static Dataset<Row> of(Dataset<Row> interactionsWithPerson, Dataset<Row> brandPosts,
      Dataset<Row> campaigns) {
    Dataset<Row> ours = campaigns.where(Brands.isOwnBrand(col("brand")))
        .select(col("campaign_id").as("_own_campaign")).distinct();
    Dataset<Row> posts = brandPosts.groupBy(col("platform").as("_post_platform"), col("post_id").as("_post_id"))
        .agg(min("campaign_id").as("_post_campaign"));
    Dataset<Row> linked = interactionsWithPerson.where(col("customer_id").isNotNull());
    Dataset<Row> joined = linked
        .join(broadcast(ours), col("campaign_id").equalTo(col("_own_campaign")), "left")
        .join(broadcast(posts), col("interaction_type").isin((Object[]) ENGAGEMENTS)
            .and(col("platform").equalTo(col("_post_platform")))
            .and(col("target_post_id").equalTo(col("_post_id"))), "left");
    Column campaignLink = col("_own_campaign").isNotNull();
    Column engagement = col("_post_id").isNotNull();
    Column mention = col("interaction_type").isin((Object[]) MENTIONS).and(col("is_own_brand"));
    Column campaign = coalesce(col("_own_campaign"), col("_post_campaign"));
    return joined
        .where(campaignLink.or(engagement).or(mention))
        .select(
            col("interaction_id").as("touch_id"),
            col("customer_id"),
            col("ts").as("touch_ts"),
            col("platform"),
            campaign.as("campaign_id"),
            channel(col("platform"), campaign).as("channel"),
            when(campaignLink, lit("campaign_link")).when(engagement, lit("brand_post_engagement"))
                .otherwise(lit("mention")).as("touch_type"));
  }
}
