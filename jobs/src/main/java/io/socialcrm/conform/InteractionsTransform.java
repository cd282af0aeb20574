package io.socialcrm.conform;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.parse_url;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.Errors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.interactions} from the bronze social exports: X posts (post, reply, repost, quote), X follows
 * (follow, unfollow), Facebook page posts (post), comments (comment) and reactions (reaction), LinkedIn organization
 * posts (post) and followers (follow). Each row names the acting account, the brand the interaction addresses (see
 * {@link #brandOf}), the UTM parameters of its link and the campaign they name, and the order numbers and promo
 * codes in its text. Built from Spark built-ins only; the campaigns are a small broadcast parameter.
 *
 * <p>Conventions: {@code is_own_brand} is true when {@code brand} is the own brand (false for a competitor or no
 * brand); the acting account of a brand's own post is the brand's account (X user id, Facebook page id, LinkedIn
 * organization name). {@code target_profile_id}: the account replied to, reposted or quoted, the first account a
 * post mentions, the page of a commented or reacted post, the account or organization followed. X metrics are the
 * post's public metrics (reposts = retweet_count); Facebook posts: reactions, comments, shares, reach; LinkedIn posts:
 * likes, comments, reposts, impressions. {@code mentioned_profile_ids} (an addition to the agreed columns) lists the
 * X accounts a post mentions, for the mention graph; null on other platforms.
 */
public final class InteractionsTransform {
  /** The merge key of {@code silver.interactions}. */
  public static final List<String> KEY = List.of("interaction_id");
  public static final SilverBuild BUILD = SilverBuild.upsert(SilverTables.INTERACTIONS,
      List.of("x_posts", "x_follows", "facebook_posts", "facebook_comments", "facebook_reactions", "linkedin_posts",
          "linkedin_followers"),
      in -> transform(new Inputs(in.bronze("x_posts"), in.bronze("x_follows"), in.bronze("facebook_posts"),
          in.bronze("facebook_comments"), in.bronze("facebook_reactions"), in.bronze("linkedin_posts"),
          in.bronze("linkedin_followers")), in.silver(SilverTables.CAMPAIGNS)));
  public static final List<String> COLUMNS = List.of("interaction_id", "platform", "profile_id", "interaction_type",
      "ts", "interaction_date", "text", "lang", "brand", "is_own_brand", "target_post_id", "target_profile_id",
      "reaction_type", "utm_source", "utm_medium", "utm_campaign", "campaign_id", "codes", "likes", "replies",
      "reposts", "impressions", "mentioned_profile_ids");

  /** Order numbers as the CRM prints them, e.g. {@code NW-261101-12345678} (any case in text). */
  public static final String ORDER_NUMBER_PATTERN = "[A-Za-z]{2,4}-[0-9]{6}-[0-9]{6,10}";
  /** Promo codes: upper-case letters followed by digits, e.g. {@code WINTER15}. */
  public static final String PROMO_CODE_PATTERN = "[A-Z]{3,12}[0-9]{2,3}";
  private static final String CODES_PATTERN = "(?<![\\p{L}\\p{N}_-])(?:" + ORDER_NUMBER_PATTERN + "|"
      + PROMO_CODE_PATTERN + ")(?![\\p{L}\\p{N}_-])";

  private static final StructType REFERENCED_TWEETS_ELEMENT = new StructType()
      .add("type", DataTypes.StringType).add("id", DataTypes.StringType);
  private static final StructType ENTITIES = new StructType()
      .add("mentions", new ArrayType(new StructType()
          .add("username", DataTypes.StringType).add("id", DataTypes.StringType), true))
      .add("hashtags", new ArrayType(new StructType().add("tag", DataTypes.StringType), true))
      .add("urls", new ArrayType(new StructType()
          .add("url", DataTypes.StringType).add("expanded_url", DataTypes.StringType), true));
  private static final StructType USER = new StructType()
      .add("id", DataTypes.StringType).add("username", DataTypes.StringType);

  /** The bronze exports; any may be null when the run has none. */
  public record Inputs(Dataset<Row> xPosts, Dataset<Row> xFollows, Dataset<Row> facebookPosts,
      Dataset<Row> facebookComments, Dataset<Row> facebookReactions, Dataset<Row> linkedinPosts,
      Dataset<Row> linkedinFollowers) {}

  private InteractionsTransform() {}

  /**
   * {@code silver.interactions} from every export of the batch: one row per interaction_id (the newest load wins),
   * campaign_id from {@code campaigns} (campaign_id, utm_campaign; e.g. {@code silver.campaigns}).
   */
  public static Dataset<Row> transform(Inputs bronze, Dataset<Row> campaigns) {
    List<Dataset<Row>> parts = new ArrayList<>();
    if (bronze.xPosts() != null) {
      parts.add(fromXPosts(bronze.xPosts()));
    }
    if (bronze.xFollows() != null) {
      parts.add(fromXFollows(bronze.xFollows()));
    }
    if (bronze.facebookPosts() != null) {
      parts.add(fromFacebookPosts(bronze.facebookPosts()));
    }
    if (bronze.facebookComments() != null) {
      parts.add(fromFacebookComments(bronze.facebookComments()));
    }
    if (bronze.facebookReactions() != null) {
      parts.add(fromFacebookReactions(bronze.facebookReactions()));
    }
    if (bronze.linkedinPosts() != null) {
      parts.add(fromLinkedinPosts(bronze.linkedinPosts()));
    }
    if (bronze.linkedinFollowers() != null) {
      parts.add(fromLinkedinFollowers(bronze.linkedinFollowers()));
    }
    if (parts.isEmpty()) {
      throw Errors.badArgument("social exports", "none", "at least one bronze export to build interactions from");
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    Dataset<Row> latest = CrmFactsTransform.latestPerKey(all, KEY);
    return CrmFactsTransform.select(withCampaigns(latest, campaigns), COLUMNS);
  }

  /**
   * Sets campaign_id from the campaign whose utm_campaign equals the interaction's (the smallest campaign_id if two
   * share one; null when none does). The campaigns are broadcast.
   */
  public static Dataset<Row> withCampaigns(Dataset<Row> interactions, Dataset<Row> campaigns) {
    Dataset<Row> byUtm = campaigns.filter(col("utm_campaign").isNotNull())
        .groupBy(col("utm_campaign").as("_utm_campaign")).agg(min("campaign_id").as("_campaign_id"));
    return interactions
        .join(broadcast(byUtm), col("utm_campaign").equalTo(col("_utm_campaign")), "left")
        .withColumn("campaign_id", col("_campaign_id"))
        .drop("_utm_campaign", "_campaign_id");
  }

  // ---- column helpers ----

  /** Order numbers and promo codes in the text (links removed first), upper case, distinct, in order of appearance. */
  public static Column codesIn(Column text) {
    Column noLinks = regexp_replace(coalesce(text, lit("")), "https?://\\S+", " ");
    return array_distinct(functions.transform(regexp_extract_all(noLinks, lit(CODES_PATTERN), lit(0)), c -> upper(c)));
  }

  /**
   * The brand an interaction addresses: the brand of the acting account (a brand's own post or reply), else of the
   * account or post it answers, reposts, reacts to, comments on or follows ({@code targetBrand}), else the brand named
   * first in its text or links (@username, #hashtag, alias, domain; accent-insensitive).
   */
  public static Column brandOf(Column actorBrand, Column targetBrand, Column searchText) {
    return coalesce(actorBrand, targetBrand, Brands.brandNamedIn(searchText));
  }

  private static final Map<String, DataType> TYPES = types();

  private static Map<String, DataType> types() {
    Map<String, DataType> t = new LinkedHashMap<>();
    t.put("interaction_id", DataTypes.StringType);
    t.put("platform", DataTypes.StringType);
    t.put("profile_id", DataTypes.StringType);
    t.put("interaction_type", DataTypes.StringType);
    t.put("ts", DataTypes.TimestampType);
    t.put("text", DataTypes.StringType);
    t.put("lang", DataTypes.StringType);
    t.put("brand", DataTypes.StringType);
    t.put("target_post_id", DataTypes.StringType);
    t.put("target_profile_id", DataTypes.StringType);
    t.put("reaction_type", DataTypes.StringType);
    t.put("link", DataTypes.StringType);
    t.put("likes", DataTypes.LongType);
    t.put("replies", DataTypes.LongType);
    t.put("reposts", DataTypes.LongType);
    t.put("impressions", DataTypes.LongType);
    t.put("mentioned_profile_ids", DataTypes.createArrayType(DataTypes.StringType));
    return t;
  }

  /**
   * The common shape of every source: the given columns (missing ones as typed nulls), then the derived ones
   * (interaction_date, is_own_brand, UTM parameters of {@code link}, codes, campaign_id placeholder) and the bronze
   * load columns that order versions.
   */
  private static Dataset<Row> shape(Dataset<Row> bronze, Map<String, Column> values) {
    Dataset<Row> df = CrmFactsTransform.withLoadColumns(bronze);
    List<Column> cols = new ArrayList<>();
    for (Map.Entry<String, DataType> e : TYPES.entrySet()) {
      Column v = values.getOrDefault(e.getKey(), lit(null));
      cols.add(v.cast(e.getValue()).as(e.getKey()));
    }
    for (String m : List.of("_ingest_date", "_ingested_at", "_source_file", "_source_row")) {
      cols.add(col(m));
    }
    return df.select(cols.toArray(new Column[0]))
        .withColumn("interaction_date", to_date(col("ts")))
        .withColumn("is_own_brand", Brands.isOwnBrand(col("brand")))
        .withColumn("utm_source", parse_url(col("link"), lit("QUERY"), lit("utm_source")))
        .withColumn("utm_medium", parse_url(col("link"), lit("QUERY"), lit("utm_medium")))
        .withColumn("utm_campaign", parse_url(col("link"), lit("QUERY"), lit("utm_campaign")))
        .withColumn("campaign_id", lit(null).cast(DataTypes.StringType))
        .withColumn("codes", codesIn(col("text")))
        .drop("link");
  }

  /** The value, or null when it is empty. */
  private static Column orNull(Column c) {
    return when(c.notEqual(lit("")), c);
  }

  // ---- X ----

  /** X posts: post, reply (replied_to), repost (retweeted) or quote (quoted); the metrics are the post's own. */
  public static Dataset<Row> fromXPosts(Dataset<Row> bronze) {
    Column refs = from_json(col("referenced_tweets"), DataTypes.createArrayType(REFERENCED_TWEETS_ELEMENT));
    Column entities = from_json(col("entities"), ENTITIES);
    Column users = from_json(col("includes_users"), DataTypes.createArrayType(USER));
    Dataset<Row> parsed = bronze
        .withColumn("_refs", refs)
        .withColumn("_entities", entities)
        .withColumn("_users", users);
    Column r = col("_refs");
    Column type = when(exists(r, x -> x.getField("type").equalTo("retweeted")), lit("repost"))
        .when(exists(r, x -> x.getField("type").equalTo("replied_to")), lit("reply"))
        .when(exists(r, x -> x.getField("type").equalTo("quoted")), lit("quote"))
        .otherwise(lit("post"));
    parsed = parsed.withColumn("_type", type)
        .withColumn("_ref_type", when(col("_type").equalTo("repost"), lit("retweeted"))
            .when(col("_type").equalTo("reply"), lit("replied_to")).otherwise(lit("quoted")));
    Column targetPost = filter(r, x -> x.getField("type").equalTo(col("_ref_type"))).getItem(0).getField("id");
    Column mentions = col("_entities").getField("mentions");
    Column mentionIds = filter(functions.transform(mentions, m -> m.getField("id")), id -> id.isNotNull());
    Column referencedAuthor = filter(col("_users"), u -> u.getField("id").notEqual(col("author_id")))
        .getItem(0).getField("id");
    Column targetProfile = when(col("_type").equalTo("reply"), coalesce(col("in_reply_to_user_id"), referencedAuthor))
        .when(col("_type").equalTo("post"), mentionIds.getItem(0))
        .otherwise(coalesce(referencedAuthor, mentionIds.getItem(0)));
    parsed = parsed.withColumn("_target_profile", targetProfile);
    Column urls = col("_entities").getField("urls");
    Column expanded = functions.transform(urls, u -> u.getField("expanded_url"));
    Column utmLink = filter(expanded, u -> parse_url(u, lit("QUERY"), lit("utm_campaign")).isNotNull()).getItem(0);
    Column searchText = concat_ws(" ", col("text"), concat_ws(" ", expanded));
    Column targetBrand = when(col("_type").notEqual("post"), Brands.brandOfXUserId(col("_target_profile")));

    Map<String, Column> v = new LinkedHashMap<>();
    v.put("interaction_id", concat(lit("x:"), col("_type"), lit(":"), col("id")));
    v.put("platform", lit("x"));
    v.put("profile_id", col("author_id"));
    v.put("interaction_type", col("_type"));
    v.put("ts", col("created_at"));
    v.put("text", col("text"));
    v.put("lang", when(functions.not(col("lang").isin("", "und", "zxx", "qme", "qht")), col("lang")));
    v.put("brand", brandOf(Brands.brandOfXUserId(col("author_id")), targetBrand, searchText));
    v.put("target_post_id", when(col("_type").notEqual("post"), targetPost));
    v.put("target_profile_id", col("_target_profile"));
    v.put("link", utmLink);
    v.put("likes", col("like_count"));
    v.put("replies", col("reply_count"));
    v.put("reposts", col("retweet_count"));
    v.put("impressions", col("impression_count"));
    v.put("mentioned_profile_ids", coalesce(mentionIds, functions.array()));
    return shape(parsed, v);
  }

  /** X follows: follow or unfollow of an account (a brand's, for the brand). */
  public static Dataset<Row> fromXFollows(Dataset<Row> bronze) {
    Map<String, Column> v = new LinkedHashMap<>();
    v.put("interaction_id", concat(lit("x:"), col("event"), lit(":"), col("follower_id"), lit(":"),
        col("target_user_id"), lit(":"), unix_millis(col("event_time")).cast("string")));
    v.put("platform", lit("x"));
    v.put("profile_id", col("follower_id"));
    v.put("interaction_type", col("event"));
    v.put("ts", col("event_time"));
    v.put("brand", coalesce(Brands.brandOfXUserId(col("target_user_id")),
        Brands.brandOfXUsername(col("target_username"))));
    v.put("target_profile_id", col("target_user_id"));
    return shape(bronze, v);
  }

  // ---- Facebook ----

  private static Column pageOfPost(Column postId) {
    return orNull(regexp_extract(postId, "^([0-9]+)_", 1));
  }

  /** Facebook page posts: type post by the page; likes, replies, reposts, impressions = reactions, comments, shares, reach. */
  public static Dataset<Row> fromFacebookPosts(Dataset<Row> bronze) {
    Map<String, Column> v = new LinkedHashMap<>();
    v.put("interaction_id", concat(lit("fb:post:"), col("post_id")));
    v.put("platform", lit("facebook"));
    v.put("profile_id", col("page_id"));
    v.put("interaction_type", lit("post"));
    v.put("ts", col("created_time"));
    v.put("text", col("message"));
    v.put("brand", brandOf(Brands.brandOfFacebookPage(col("page_id")), lit(null),
        concat_ws(" ", col("message"), col("link"))));
    v.put("link", col("link"));
    v.put("likes", col("reactions"));
    v.put("replies", col("comments"));
    v.put("reposts", col("shares"));
    v.put("impressions", col("reach"));
    return shape(bronze, v);
  }

  /** Facebook comments on page posts: type comment, target the post and its page. */
  public static Dataset<Row> fromFacebookComments(Dataset<Row> bronze) {
    Map<String, Column> v = new LinkedHashMap<>();
    v.put("interaction_id", concat(lit("fb:comment:"), col("comment_id")));
    v.put("platform", lit("facebook"));
    v.put("profile_id", col("author_id"));
    v.put("interaction_type", lit("comment"));
    v.put("ts", col("created_time"));
    v.put("text", col("message"));
    v.put("brand", brandOf(Brands.brandOfFacebookPage(col("author_id")), Brands.brandOfFacebookPostId(col("post_id")),
        col("message")));
    v.put("target_post_id", col("post_id"));
    v.put("target_profile_id", pageOfPost(col("post_id")));
    v.put("likes", col("like_count"));
    return shape(bronze, v);
  }

  /** Facebook reactions to page posts: type reaction with its reaction_type. */
  public static Dataset<Row> fromFacebookReactions(Dataset<Row> bronze) {
    Map<String, Column> v = new LinkedHashMap<>();
    v.put("interaction_id", concat(lit("fb:reaction:"), col("post_id"), lit(":"), col("user_id")));
    v.put("platform", lit("facebook"));
    v.put("profile_id", col("user_id"));
    v.put("interaction_type", lit("reaction"));
    v.put("ts", col("reacted_time"));
    v.put("brand", Brands.brandOfFacebookPostId(col("post_id")));
    v.put("target_post_id", col("post_id"));
    v.put("target_profile_id", pageOfPost(col("post_id")));
    v.put("reaction_type", col("reaction_type"));
    return shape(bronze, v);
  }

  // ---- LinkedIn ----

  /** LinkedIn organization posts: type post, the profile is the organization (its name, as the export gives it). */
  public static Dataset<Row> fromLinkedinPosts(Dataset<Row> bronze) {
    Map<String, Column> v = new LinkedHashMap<>();
    v.put("interaction_id", concat(lit("li:post:"), col("post_urn")));
    v.put("platform", lit("linkedin"));
    v.put("profile_id", col("organization"));
    v.put("interaction_type", lit("post"));
    v.put("ts", col("created_date"));
    v.put("text", col("commentary"));
    v.put("brand", brandOf(Brands.brandOfLinkedinOrganization(col("organization")), lit(null),
        concat_ws(" ", col("commentary"), col("link"))));
    v.put("link", col("link"));
    v.put("likes", col("likes"));
    v.put("replies", col("comments"));
    v.put("reposts", col("reposts"));
    v.put("impressions", col("impressions"));
    return shape(bronze, v);
  }

  /** LinkedIn followers: type follow of the organization by a member (URN). */
  public static Dataset<Row> fromLinkedinFollowers(Dataset<Row> bronze) {
    Map<String, Column> v = new LinkedHashMap<>();
    v.put("interaction_id", concat(lit("li:follow:"), col("follower_urn"), lit(":"), col("organization")));
    v.put("platform", lit("linkedin"));
    v.put("profile_id", col("follower_urn"));
    v.put("interaction_type", lit("follow"));
    v.put("ts", col("followed_date"));
    v.put("brand", Brands.brandOfLinkedinOrganization(col("organization")));
    v.put("target_profile_id", col("organization"));
    return shape(bronze, v);
  }
}
