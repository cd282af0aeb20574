package io.socialcrm.marts;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.JoinKeys;
import io.socialcrm.conform.Brands;
import io.socialcrm.lake.DeclaredTable;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code gold.person_stage}: where each person stands in the awareness → preference → customer → loyal → advocate
 * funnel of each tracked brand, and the date they reached every stage. A person is a linked customer (all their
 * profiles together, and a CRM customer with paid orders but no profile) or an unlinked profile
 * ({@link People#withPerson}). One row per brand and person: the own brand has all five stages; for a competitor
 * only awareness and preference are observable (we do not see its orders), so its rows stop at preference.
 *
 * <p>Evidence, from a person's interactions about the brand (the {@code brand} column; rows by brand accounts,
 * {@code is_brand} profiles, are the brand speaking and never evidence):
 * <ul>
 *   <li>aware: any interaction about the brand: a post, reply, quote or comment naming it, a reaction to, reply to,
 *       comment on or repost of its content, a follow or unfollow of its account. An exposure the data cannot show
 *       (seeing a post without acting on it) does not count.</li>
 *   <li>preference: a positive engagement: a reply, comment or quote whose sentiment is not negative, a reaction other
 *       than SAD or ANGRY, a repost, a follow, or a post with positive sentiment (a positive mention).</li>
 *   <li>customer: the first {@code paid} order (refunded and cancelled orders never count); own brand only.</li>
 *   <li>loyal: the first paid order that makes {@code loyalOrders} paid orders with at most {@code loyalWindowDays}
 *       days between the first and the last of them. A milestone: it does not lapse when the window passes.</li>
 *   <li>advocate: on or after the day of the first paid order, a recommendation seen by others: a repost of the
 *       brand's content, a quote that is not negative, or a post, reply or comment with positive sentiment; seen by
 *       others = the row has impressions, or its author has followers, or it is a Facebook comment (public on the
 *       page's post; the page export carries neither figure).</li>
 * </ul>
 * Stages are milestones in funnel order, and reaching one implies the earlier ones: a stage's date is the earliest of
 * its own evidence and the dates of the later stages (a customer who never acted on social is aware and preferring
 * from the first paid order). Loyal and advocate both follow customer; current_stage is the highest stage reached
 * (advocate above loyal).
 */
public final class PersonStages {
  public static final String AWARE = "aware";
  public static final String PREFERENCE = "preference";
  public static final String CUSTOMER = "customer";
  public static final String LOYAL = "loyal";
  public static final String ADVOCATE = "advocate";

  /** The evidence the stages are assembled from, kept per person between runs. */
  public static final DeclaredTable EVIDENCE = GoldTables.load("_person_evidence");

  private PersonStages() {}

  /**
   * The person_stage rows (columns of {@code schemas/gold/person_stage.json}).
   *
   * @param interactions silver interactions after {@link People#withPerson} (person_id, customer_id) and the
   *     sentiment scoring (sentiment positive|neutral|negative, null without text)
   * @param orders silver orders (customer_id, order_id, order_ts, order_date, status, campaign_id)
   * @param customers current customers (customer_id, segment)
   * @param profiles current social profiles (platform, profile_id, followers)
   * @param s the loyalty rule (loyalOrders, loyalWindowDays)
   */
  public static Dataset<Row> of(Dataset<Row> interactions, Dataset<Row> orders, Dataset<Row> customers,
      Dataset<Row> profiles, MartSettings s) {
    return of(interactions, postCampaigns(interactions), orders, customers, profiles, s);
  }

  /**
   * The same for some people only: {@code interactions} and {@code orders} are those of the people to compute (all
   * their rows), and {@code postCampaigns} comes from all interactions ({@link #postCampaigns}), since a person's
   * touch may answer anyone's campaign post. Each person's rows depend on their own rows only, so they equal the
   * rows a computation over everyone gives them.
   */
  public static Dataset<Row> of(Dataset<Row> interactions, Dataset<Row> postCampaigns, Dataset<Row> orders,
      Dataset<Row> customers, Dataset<Row> profiles, MartSettings s) {
    return assemble(evidence(interactions, postCampaigns, profiles), orders, customers, s);
  }

  /**
   * What each person's interactions about each brand show ({@code gold._person_evidence}): per brand and person the
   * customer the person's profiles are linked to, the first interaction (time, id, platform, campaign), the first
   * date of any interaction (aware) and of a positive one (preference), and the distinct dates of the own brand's
   * recommendations seen by others. Each is a minimum, maximum or set union over the rows, so evidence computed over
   * some of a person's rows and over the rest combine by {@link #fold}. Arguments as in {@link #of}.
   */
  public static Dataset<Row> evidence(Dataset<Row> interactions, Dataset<Row> postCampaigns, Dataset<Row> profiles) {
    Dataset<Row> touches = brandTouches(interactions, postCampaigns, profiles);
    Column recommends = col("_recommends").and(col("brand").equalTo(lit(Brands.own().name())));
    return EVIDENCE.conform(withFirst(touches.groupBy("brand", "person_id").agg(
            max("customer_id").as("customer_id"),
            min(struct(col("ts"), col("interaction_id"), col("platform"), col("campaign_id"))).as("_first"),
            min("interaction_date").as("aware_date"),
            min(when(col("_positive"), col("interaction_date"))).as("preference_date"),
            array_sort(collect_set(when(recommends, col("interaction_date")))).as("recommend_dates"))));
  }

  /**
   * Evidence with more rows folded in: {@code stored} (evidence of a person's rows so far) and {@code added}
   * ({@link #evidence} of rows new since), both with the columns of {@code gold._person_evidence}, give the evidence
   * of all the rows together, which {@link #evidence} over them would give. Holds only for added rows: a row that
   * changed or went away needs the person's evidence computed again from all their rows.
   */
  public static Dataset<Row> fold(Dataset<Row> stored, Dataset<Row> added) {
    Dataset<Row> a = stored.select(renamed(stored, "_s_"));
    Dataset<Row> b = added.select(renamed(added, "_a_"));
    Dataset<Row> both = a.join(b, col("_s_brand").equalTo(col("_a_brand"))
        .and(col("_s_person_id").equalTo(col("_a_person_id"))), "full_outer");
    Column empty = array().cast("array<date>");
    return EVIDENCE.conform(withFirst(both
        .withColumn("brand", coalesce(col("_s_brand"), col("_a_brand")))
        .withColumn("person_id", coalesce(col("_s_person_id"), col("_a_person_id")))
        .withColumn("customer_id", greatest(col("_s_customer_id"), col("_a_customer_id")))
        .withColumn("_first", least(firstOf("_s_"), firstOf("_a_"))))
        .withColumn("aware_date", least(col("_s_aware_date"), col("_a_aware_date")))
        .withColumn("preference_date", least(col("_s_preference_date"), col("_a_preference_date")))
        .withColumn("recommend_dates", array_sort(array_union(coalesce(col("_s_recommend_dates"), empty),
            coalesce(col("_a_recommend_dates"), empty)))));
  }

  /**
   * The person_stage rows from the people's evidence ({@link #evidence} or {@link #fold}) and their paid orders.
   *
   * @param evidence the columns of {@code gold._person_evidence}
   * @param orders silver orders of the same people (all of them: the loyalty window reads their order history)
   * @param customers current customers (customer_id, segment)
   * @param s the loyalty rule (loyalOrders, loyalWindowDays)
   */
  public static Dataset<Row> assemble(Dataset<Row> evidence, Dataset<Row> orders, Dataset<Row> customers,
      MartSettings s) {
    String own = Brands.own().name();
    Dataset<Row> buying = customerDates(orders, s).withColumn("brand", lit(own));
    Dataset<Row> persons = evidence.withColumnRenamed("customer_id", "_social_customer")
        .join(buying.withColumnRenamed("customer_id", "person_id"), JoinKeys.of("brand", "person_id"), "full_outer")
        .withColumn("advocate_date", when(col("customer_date").isNotNull(),
            array_min(filter(col("recommend_dates"), d -> d.geq(col("customer_date"))))))
        .withColumn("customer_id", coalesce(col("_social_customer"),
            when(col("customer_date").isNotNull(), col("person_id"))))
        .withColumn("preference_date", least(col("preference_date"), col("customer_date")))
        .withColumn("aware_date", least(col("aware_date"), col("preference_date")))
        .withColumn("platform", col("first_platform"))
        .withColumn("first_campaign_id", when(col("_first_order_ts").isNotNull()
                .and(col("first_ts").isNull().or(col("_first_order_ts").lt(col("first_ts")))),
            col("_first_order_campaign")).otherwise(col("first_campaign_id")));

    Dataset<Row> segments = customers.select(col("customer_id"), col("segment"));
    return GoldTables.load("person_stage").conform(persons.join(segments, JoinKeys.of("customer_id"), "left")
        .withColumn("is_own_brand", col("brand").equalTo(lit(own)))
        .withColumn("current_stage", currentStage()));
  }

  /** The evidence's first-touch columns from the struct {@code _first} (ts, interaction_id, platform, campaign_id). */
  private static Dataset<Row> withFirst(Dataset<Row> rows) {
    return rows.withColumn("first_ts", col("_first.ts"))
        .withColumn("first_interaction_id", col("_first.interaction_id"))
        .withColumn("first_platform", col("_first.platform"))
        .withColumn("first_campaign_id", col("_first.campaign_id"));
  }

  /** The first interaction of one side of {@link #fold}'s join as one orderable value; null without that side. */
  private static Column firstOf(String prefix) {
    return when(col(prefix + "brand").isNotNull(), struct(col(prefix + "first_ts").as("ts"),
        col(prefix + "first_interaction_id").as("interaction_id"), col(prefix + "first_platform").as("platform"),
        col(prefix + "first_campaign_id").as("campaign_id")));
  }

  private static Column[] renamed(Dataset<Row> rows, String prefix) {
    return Arrays.stream(rows.columns()).map(c -> col(c).as(prefix + c)).toArray(Column[]::new);
  }

  /**
   * Interactions about a brand by people (not brand accounts), with the campaign of the touch (its own UTM campaign,
   * else the campaign of the post it answers, reacts to, comments on or reposts) and the evidence flags
   * {@code _positive} (preference) and {@code _recommends} (advocacy, before the customer-date condition).
   */
  private static Dataset<Row> brandTouches(Dataset<Row> interactions, Dataset<Row> postCampaigns,
      Dataset<Row> profiles) {
    Dataset<Row> authors = profiles.select(col("platform"), col("profile_id"),
        hasFollowers(col("followers")).as("_has_followers"));
    Column type = col("interaction_type");
    Column notNegative = coalesce(col("sentiment"), lit("neutral")).notEqual(lit("negative"));
    Column positive = coalesce(col("sentiment"), lit("neutral")).equalTo(lit("positive"));
    Column preference = type.isin("reply", "comment", "quote").and(notNegative)
        .or(type.equalTo("reaction").and(not(lower(coalesce(col("reaction_type"), lit(""))).isin("sad",
            "angry"))))
        .or(type.isin("repost", "follow"))
        .or(type.equalTo("post").and(positive));
    Column seen = coalesce(col("impressions"), lit(0L)).gt(0).or(coalesce(col("_has_followers"), lit(false)))
        .or(type.equalTo("comment").and(col("platform").equalTo("facebook")));
    Column recommends = type.equalTo("repost").or(type.equalTo("quote").and(notNegative))
        .or(type.isin("post", "reply", "comment").and(positive))
        .and(seen);
    return interactions.where(col("brand").isNotNull())
        .join(authors, JoinKeys.of("platform", "profile_id"), "left")
        .where(not(Brands.isBrandAccount(col("platform"), col("profile_id"))))
        .join(broadcast(postCampaigns), JoinKeys.of("platform", "target_post_id"), "left")
        .select(col("brand"), col("person_id"), col("customer_id"), col("platform"), col("interaction_id"),
            col("ts"), col("interaction_date"),
            coalesce(col("campaign_id"), col("_post_campaign")).as("campaign_id"),
            preference.as("_positive"), recommends.as("_recommends"));
  }

  /**
   * All the person marts read of a social profile: whether it has followers (its posts are seen by others, which
   * makes a recommendation count for advocacy). A profile change that leaves this as it was (last seen, a new
   * follower count above zero, a new bio) moves no person's rows ({@link TouchedPeople}).
   */
  public static Column hasFollowers(Column followers) {
    return coalesce(followers, lit(0L)).gt(0);
  }

  /**
   * The campaign of each post that carries one (its UTM link), keyed by the platform's post id as other rows'
   * target_post_id names it: silver interaction ids are "x:&lt;type&gt;:&lt;tweet id&gt;",
   * "fb:post:&lt;post id&gt;" and "li:post:&lt;urn&gt;". Few rows (campaign posts), hence broadcast. Columns platform,
   * target_post_id, _post_campaign.
   */
  public static Dataset<Row> postCampaigns(Dataset<Row> interactions) {
    return interactions.where(col("campaign_id").isNotNull()
            .and(col("interaction_type").isin("post", "reply", "quote")))
        .select(col("platform"), regexp_extract(col("interaction_id"), "^[a-z]+:[a-z]+:(.+)$", 1).as("target_post_id"),
            col("campaign_id").as("_post_campaign"))
        .dropDuplicates("platform", "target_post_id");
  }

  /**
   * Per customer with a paid order: customer_date (first paid order), loyal_date (the first paid order that closes
   * {@code loyalOrders} paid orders within {@code loyalWindowDays} days), and the time and campaign of the first
   * paid order.
   */
  private static Dataset<Row> customerDates(Dataset<Row> orders, MartSettings s) {
    WindowSpec byTime = Window.partitionBy("customer_id").orderBy("order_ts", "order_id");
    Column kthBack = lag(col("order_date"), s.loyalOrders() - 1).over(byTime);
    return orders.where(col("status").equalTo("paid").and(col("customer_id").isNotNull()))
        .withColumn("_window_start", kthBack)
        .groupBy("customer_id").agg(
            min("order_date").as("customer_date"),
            min(when(datediff(col("order_date"), col("_window_start")).leq(s.loyalWindowDays()), col("order_date")))
                .as("loyal_date"),
            min("order_ts").as("_first_order_ts"),
            min_by(col("campaign_id"), struct(col("order_ts"), col("order_id"))).as("_first_order_campaign"));
  }

  /** The highest stage reached (advocate above loyal above customer ...). */
  private static Column currentStage() {
    return when(col("advocate_date").isNotNull(), lit(ADVOCATE))
        .when(col("loyal_date").isNotNull(), lit(LOYAL))
        .when(col("customer_date").isNotNull(), lit(CUSTOMER))
        .when(col("preference_date").isNotNull(), lit(PREFERENCE))
        .otherwise(lit(AWARE));
  }
}
