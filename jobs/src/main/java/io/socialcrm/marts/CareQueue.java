package io.socialcrm.marts;

import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.conform.Brands;
import io.socialcrm.common.Errors;
import io.socialcrm.common.JoinKeys;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code gold.care_queue}: the mentions of the own brand that still need an answer as of the end of the run date,
 * ranked by priority = value × influence × need × age, each factor at least 1 so none can zero the others:
 * <ul>
 *   <li>value = 1 + log10(1 + revenue of the author's linked customer) (1 for an unlinked profile),</li>
 *   <li>influence = (1 + log10(1 + followers)) × (1 + authority), authority clipped to [0, 1],</li>
 *   <li>need = the largest of 1 + |sentiment_score| (negative), 1.5 (intent to buy), 1.25 (asks a question),</li>
 *   <li>age = 1 + hours waiting / 24.</li>
 * </ul>
 * A mention needs an answer when it is a post, reply, quote or comment about the own brand by an account that is
 * not a brand account, posted within the last {@code windowDays} days up to the end of the run date, and is
 * negative, shows intent to buy or asks a question ('?' or '¿'). It is answered when, before the end of the run
 * date, an own-brand account replied to, commented on or quoted it (target_post_id = its post id), or a support
 * case opened from it (social_post_id) has its first response; Facebook page answers are comments on the page post
 * (the customer's comment they answer is not kept), so there the support case is the answer's trace. Ties in
 * priority rank the longer-waiting mention first, then the smaller interaction_id, so the ranking is the same on
 * every run over the same inputs.
 */
public final class CareQueue {
  /** How far back the queue looks for unanswered mentions, in days ending with the run date. */
  public static final int DEFAULT_WINDOW_DAYS = 7;
  /** Interaction types that can need an answer. */
  public static final List<String> MENTION_TYPES = List.of("post", "reply", "quote", "comment");
  /** Interaction types by which a brand account answers. */
  public static final List<String> ANSWER_TYPES = List.of("reply", "comment", "quote");
  /** Need factors of intent to buy and of a question (a negative mention's is 1 + |sentiment_score|). */
  public static final double INTENT_NEED = 1.5;
  public static final double QUESTION_NEED = 1.25;

  /** The columns of {@code gold.care_queue}, in order. */
  public static final List<String> COLUMNS = List.of("run_date", "rank", "interaction_id", "platform", "profile_id",
      "handle", "customer_id", "person_id", "brand", "interaction_type", "ts", "text", "language", "topic", "team",
      "sentiment", "sentiment_score", "intent_to_buy", "asks_question", "revenue", "followers", "authority",
      "hours_waiting", "value_factor", "influence_factor", "need_factor", "age_factor", "priority", "reason",
      "due_at", "overdue");

  private CareQueue() {}

  /**
   * What the queue is computed from.
   *
   * @param interactions silver interactions with {@link People#withPerson} columns (customer_id, person_id) and the
   *     sentiment columns (sentiment, sentiment_score, intent_to_buy; sentiment_lang is used when present)
   * @param profiles current social profiles (platform, profile_id, handle, followers)
   * @param supportCases support cases (platform, social_post_id, first_response_at)
   * @param customerValue customer_id, revenue (see {@link #customerValue})
   * @param influence platform, profile_id, authority (in [0, 1]), followers; e.g. {@code gold.influencers}
   */
  public record Inputs(Dataset<Row> interactions, Dataset<Row> profiles, Dataset<Row> supportCases,
      Dataset<Row> customerValue, Dataset<Row> influence) {}

  /** Revenue per customer as of the run date: the amount_reporting of paid orders up to that date. */
  public static Dataset<Row> customerValue(Dataset<Row> orders, LocalDate runDate) {
    return orders.where(col("status").equalTo("paid").and(col("order_date").leq(lit(runDate.toString()).cast("date"))))
        .groupBy("customer_id")
        .agg(sum("amount_reporting").cast("decimal(14,2)").as("revenue"));
  }

  /**
   * The platform's id of the post an interaction is ({@code x:reply:123} → 123, {@code fb:comment:1_2} → 1_2),
   * the value other rows name in target_post_id and support cases in social_post_id.
   */
  public static Column postId(Column interactionId) {
    return regexp_extract(interactionId, "^[^:]+:[^:]+:(.+)$", 1);
  }

  /** The queue for {@code runDate}: one row per open mention, columns {@link #COLUMNS}, rank 1 = most urgent. */
  public static Dataset<Row> of(Inputs in, CareTopics topics, LocalDate runDate, int windowDays, MartSettings s) {
    if (windowDays < 1) {
      throw Errors.badArgument("care queue window", Integer.toString(windowDays), "at least 1 day");
    }
    Column runEnd = lit(runDate.plusDays(1).toString()).cast("timestamp");
    Column windowStart = lit(runDate.plusDays(1 - windowDays).toString()).cast("timestamp");
    Dataset<Row> recent = in.interactions().where(col("ts").geq(windowStart).and(col("ts").lt(runEnd)));

    Dataset<Row> brandAnswers = recent
        .where(Brands.isOwnBrandAccount(col("platform"), col("profile_id")).and(col("is_own_brand")).and(col("interaction_type").isin(ANSWER_TYPES.toArray()))
            .and(col("target_post_id").isNotNull()))
        .select(col("platform"), col("target_post_id").as("_post_id"));
    Dataset<Row> caseAnswers = in.supportCases()
        .where(col("social_post_id").isNotNull().and(col("first_response_at").lt(runEnd)))
        .select(col("platform"), col("social_post_id").as("_post_id"));
    Dataset<Row> answered = brandAnswers.union(caseAnswers).distinct();

    Column negative = coalesce(col("sentiment").equalTo("negative"), lit(false));
    Column intent = coalesce(col("intent_to_buy"), lit(false));
    Column question = coalesce(col("text").rlike("[?¿]"), lit(false));
    Dataset<Row> open = recent
        .where(col("interaction_type").isin(MENTION_TYPES.toArray()).and(coalesce(col("is_own_brand"), lit(false))))
        .where(not(Brands.isBrandAccount(col("platform"), col("profile_id"))))
        .withColumn("asks_question", question)
        .where(negative.or(intent).or(col("asks_question")))
        .withColumn("_post_id", postId(col("interaction_id")))
        .join(answered, JoinKeys.of("platform", "_post_id"), "left_anti");

    Dataset<Row> profiles = in.profiles().select(col("platform"), col("profile_id"), col("handle"),
        col("followers").as("_profile_followers"));
    Dataset<Row> influence = in.influence().select(col("platform"), col("profile_id"),
        col("authority").as("_authority"), col("followers").as("_influence_followers"));
    Dataset<Row> value = in.customerValue().select(col("customer_id").as("_value_customer"), col("revenue"));
    Dataset<Row> rows = open
        .join(value, col("customer_id").equalTo(col("_value_customer")), "left")
        .join(influence, JoinKeys.of("platform", "profile_id"), "left")
        .join(profiles, JoinKeys.of("platform", "profile_id"), "left");

    boolean hasSentimentLang = Arrays.asList(in.interactions().columns()).contains("sentiment_lang");
    Column lang = hasSentimentLang ? coalesce(col("lang"), col("sentiment_lang")) : col("lang");
    long targetMicros = s.responseTargetMinutes() * 60_000_000L;
    rows = rows
        .withColumn("run_date", lit(runDate.toString()).cast("date"))
        .withColumn("revenue", coalesce(col("revenue"), lit(0)).cast("decimal(14,2)"))
        .withColumn("followers", coalesce(col("_influence_followers"), col("_profile_followers"), lit(0L))
            .cast("bigint"))
        .withColumn("authority", least(greatest(coalesce(col("_authority"), lit(0.0)), lit(0.0)), lit(1.0)))
        .withColumn("hours_waiting", round(unix_micros(runEnd).minus(unix_micros(col("ts"))).divide(3.6e9), 2))
        .withColumn("value_factor", round(lit(1.0).plus(log10(lit(1.0).plus(col("revenue").cast("double")))), 4))
        .withColumn("influence_factor", round(lit(1.0).plus(log10(lit(1.0).plus(col("followers"))))
            .multiply(lit(1.0).plus(col("authority"))), 4))
        .withColumn("need_factor", round(greatest(
            when(negative, lit(1.0).plus(abs(coalesce(col("sentiment_score"), lit(0.0))))).otherwise(1.0),
            when(intent, lit(INTENT_NEED)).otherwise(1.0),
            when(col("asks_question"), lit(QUESTION_NEED)).otherwise(1.0)), 4))
        .withColumn("age_factor", round(lit(1.0).plus(col("hours_waiting").divide(24.0)), 4))
        .withColumn("priority", round(col("value_factor").multiply(col("influence_factor"))
            .multiply(col("need_factor")).multiply(col("age_factor")), 6))
        .withColumn("due_at", timestamp_micros(unix_micros(col("ts")).plus(targetMicros)))
        .withColumn("overdue", col("due_at").lt(runEnd))
        .withColumn("language", topics.language(lang, col("text")))
        .withColumn("topic", topics.topic(col("text"), intent))
        .withColumn("team", topics.team(col("language"), col("topic")))
        .withColumn("reason", reason(negative, intent, s.responseTargetMinutes()))
        .withColumn("rank", row_number().over(Window.partitionBy("run_date")
            .orderBy(col("priority").desc(), col("ts").asc(), col("interaction_id").asc())));
    return rows.select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * The factors in words, e.g. "negative sentiment -0.80; customer C0012 revenue 1,240; 12,000 followers,
   * authority 0.42; waiting 5.0 h (target 60 min, overdue)".
   */
  private static Column reason(Column negative, Column intent, int targetMinutes) {
    Column need = concat_ws("; ",
        when(negative, format_string("negative sentiment %.2f", coalesce(col("sentiment_score"), lit(0.0)))),
        when(intent, lit("intent to buy")),
        when(col("asks_question"), lit("asks a question")));
    Column value = when(col("customer_id").isNotNull(),
        concat(lit("customer "), col("customer_id"), lit(" revenue "), format_number(col("revenue"), 0)))
        .otherwise(lit("no linked customer"));
    Column influence = concat(format_number(col("followers"), 0), lit(" followers"),
        when(col("authority").gt(0), format_string(", authority %.2f", col("authority"))).otherwise(lit("")));
    Column age = concat(format_string("waiting %.1f h", col("hours_waiting")),
        when(col("overdue"), lit(" (target " + targetMinutes + " min, overdue)")).otherwise(lit("")));
    return concat_ws("; ", need, value, influence, age).cast(DataTypes.StringType);
  }
}
