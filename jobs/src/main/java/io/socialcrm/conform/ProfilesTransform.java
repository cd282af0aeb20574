package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.substring_index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/**
 * {@code silver.social_profiles}: every X, Facebook and LinkedIn account seen in bronze, SCD type 2 per
 * (platform, profile_id). Sources: X post authors and referenced users ({@code x_posts.includes_users}), X
 * followers ({@code x_follows}: id and username only), Facebook commenters and reactors (id and name), LinkedIn
 * page followers (URN, name, headline, location, profile URL). The latest attributes seen win, and an
 * observation that lacks an attribute (a follow event) keeps the known one; followers/following are updated in
 * place and first_seen/last_seen track activity, neither making a version. Brand accounts are flagged from
 * {@code schemas/reference/brands.json} ({@link Brands#isBrandAccount}, or the X username).
 */
public final class ProfilesTransform {
  public static final List<String> INPUTS = List.of("x_posts", "x_follows", "facebook_comments",
      "facebook_reactions", "linkedin_followers");
  public static final List<String> TRACKED = List.of("handle", "display_name", "location", "bio", "url", "headline",
      "profile_url");
  /** Observation time of each account sighting (the post, follow, comment or reaction time). */
  public static final String SEEN_AT = "seen_at";
  public static final Scd2.Spec SPEC = new Scd2.Spec(List.of("platform", "profile_id"), TRACKED, List.of(),
      List.of("followers", "following"), SEEN_AT, "first_seen", "last_seen", true);
  public static final SilverBuild BUILD = SilverBuild.scd2(SilverTables.SOCIAL_PROFILES, INPUTS,
      in -> observations(in.bronze("x_posts"), in.bronze("x_follows"),
          in.bronze("facebook_comments"), in.bronze("facebook_reactions"), in.bronze("linkedin_followers")), SPEC, ProfilesTransform::withMatchKeys);

  static final DataType X_USERS = DataType.fromDDL("array<struct<id: string, username: string, name: string, "
      + "location: string, description: string, url: string, "
      + "public_metrics: struct<followers_count: bigint, following_count: bigint>>>");

  private ProfilesTransform() {}

  /** Every account sighting in the inputs: platform, profile_id, the tracked attributes, followers, following, seen_at. */
  public static Dataset<Row> observations(Dataset<Row> xPosts, Dataset<Row> xFollows, Dataset<Row> facebookComments,
                                          Dataset<Row> facebookReactions, Dataset<Row> linkedinFollowers) {
    Column nul = lit(null).cast("string");
    Column nulLong = lit(null).cast("bigint");
    Dataset<Row> xUsers = xPosts
        .select(col("created_at").as(SEEN_AT), explode(from_json(col("includes_users"), X_USERS)).as("u"))
        .select(lit("x").as("platform"), col("u.id").as("profile_id"), col("u.username").as("handle"),
            col("u.name").as("display_name"), col("u.location").as("location"), col("u.description").as("bio"),
            col("u.url").as("url"), nul.as("headline"), nul.as("profile_url"),
            col("u.public_metrics.followers_count").as("followers"),
            col("u.public_metrics.following_count").as("following"), col(SEEN_AT))
        .filter(col("profile_id").isNotNull());
    Dataset<Row> xFollowers = xFollows
        .select(lit("x").as("platform"), col("follower_id").as("profile_id"), col("follower_username").as("handle"),
            nul.as("display_name"), nul.as("location"), nul.as("bio"), nul.as("url"), nul.as("headline"),
            nul.as("profile_url"), nulLong.as("followers"), nulLong.as("following"), col("event_time").as(SEEN_AT));
    Dataset<Row> fbCommenters = facebookComments
        .select(lit("facebook").as("platform"), col("author_id").as("profile_id"), nul.as("handle"),
            col("author_name").as("display_name"), nul.as("location"), nul.as("bio"), nul.as("url"),
            nul.as("headline"), nul.as("profile_url"), nulLong.as("followers"), nulLong.as("following"),
            col("created_time").as(SEEN_AT));
    Dataset<Row> fbReactors = facebookReactions
        .select(lit("facebook").as("platform"), col("user_id").as("profile_id"), nul.as("handle"),
            col("user_name").as("display_name"), nul.as("location"), nul.as("bio"), nul.as("url"),
            nul.as("headline"), nul.as("profile_url"), nulLong.as("followers"), nulLong.as("following"),
            col("reacted_time").as(SEEN_AT));
    Dataset<Row> liFollowers = linkedinFollowers
        .select(lit("linkedin").as("platform"), col("follower_urn").as("profile_id"),
            MatchKeys.handle(col("profile_url")).as("handle"), col("member_name").as("display_name"),
            col("location"), nul.as("bio"), nul.as("url"), col("headline"), col("profile_url"),
            nulLong.as("followers"), nulLong.as("following"), col("followed_date").as(SEEN_AT));
    return xUsers.unionByName(xFollowers).unionByName(fbCommenters).unionByName(fbReactors).unionByName(liFollowers);
  }

  /** Adds is_brand and the normalized match keys of {@code silver.social_profiles} to profile rows. */
  public static Dataset<Row> withMatchKeys(Dataset<Row> profiles) {
    return profiles
        .withColumn("is_brand", Brands.isBrandAccount(col("platform"), col("profile_id"))
            .or(col("platform").equalTo("x").and(Brands.brandOfXUsername(col("handle")).isNotNull())))
        .withColumn("handle_norm", MatchKeys.handle(col("handle")))
        .withColumn("name_norm", MatchKeys.fold(col("display_name")))
        .withColumn("location_norm", MatchKeys.fold(substring_index(col("location"), ",", 1)))
        .withColumn("url_domain", MatchKeys.urlDomain(col("url")))
        .withColumn("email_norm", MatchKeys.emailInText(col("bio")))
        .withColumn("phone_e164", lit(null).cast("string"));
  }
}
