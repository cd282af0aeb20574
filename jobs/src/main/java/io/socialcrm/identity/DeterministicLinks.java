package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.JoinKeys;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Links that need no model, each certain when its key is unambiguous: the handle a customer gave the CRM, an order
 * number or promo code that belongs to one customer posted by the profile's author, and an exact normalized email an
 * export carries. A key shared by two profiles or two customers proves nothing and links nobody.
 *
 * <p>Every output row: platform, profile_id, profile_key, customer_id, method, evidence (one element naming the rule
 * and the matching values), in the shape the identity job unions with the model's links.
 */
public final class DeterministicLinks {
  public static final String CRM_HANDLE = "crm_handle";
  public static final String POSTED_CODE = "posted_code";
  public static final String EMAIL = "email";
  public static final String CARE_CASE = "care_case";

  private DeterministicLinks() {
  }

  /** Profiles whose handle (X, LinkedIn) or id (Facebook) is the one a single customer gave the CRM. */
  public static Dataset<Row> crmHandles(Dataset<Row> profiles, Dataset<Row> customers) {
    Dataset<Row> keyed = profiles.select(col("platform"), col("profile_id"),
        when(col("platform").equalTo("facebook"), col("profile_id"))
            .otherwise(col("handle_norm")).as("key"));
    Dataset<Row> crm = customers.select(col("customer_id"), lit("x").as("platform"), col("x_handle_norm").as("key"))
        .unionByName(customers.select(col("customer_id"), lit("facebook").as("platform"), col("facebook_id").as("key")))
        .unionByName(customers.select(col("customer_id"), lit("linkedin").as("platform"), col("linkedin_handle").as("key")))
        .where(col("key").isNotNull());
    return uniqueJoin(keyed.where(col("key").isNotNull()), crm, CRM_HANDLE);
  }

  /** Profiles whose exact normalized email (found in an export or a bio) is a single customer's. */
  public static Dataset<Row> emails(Dataset<Row> profiles, Dataset<Row> customers) {
    return uniqueJoin(
        profiles.where(col("email_norm").isNotNull()).select(col("platform"), col("profile_id"), col("email_norm").as("key")),
        customers.where(col("email_norm").isNotNull()).select(col("customer_id"), col("email_norm").as("key"))
            .crossJoin(platforms()),
        EMAIL);
  }

  /**
   * Profiles that posted an order number, or a promo code only one customer ever used: the code's customer, when all
   * the codes a profile posted point to one customer.
   *
   * @param interactions silver.interactions (platform, profile_id, codes)
   * @param orders silver.orders (order_number, promo_code, customer_id)
   */
  public static Dataset<Row> postedCodes(Dataset<Row> interactions, Dataset<Row> orders) {
    Dataset<Row> posted = interactions.where(col("codes").isNotNull())
        .select(col("platform"), col("profile_id"), explode(col("codes")).as("key"))
        .distinct();
    Dataset<Row> numbers = orders.where(col("order_number").isNotNull())
        .select(upper(col("order_number")).as("key"), col("customer_id"));
    Dataset<Row> promos = orders.where(col("promo_code").isNotNull())
        .select(upper(col("promo_code")).as("key"), col("customer_id"))
        .groupBy("key").agg(countDistinct("customer_id").as("n"), first("customer_id").as("customer_id"))
        .where(col("n").equalTo(1)).drop("n");
    Dataset<Row> codeOwners = numbers.unionByName(promos).distinct();
    Dataset<Row> hits = posted.join(codeOwners, "key");
    Dataset<Row> unambiguous = hits.groupBy("platform", "profile_id")
        .agg(countDistinct("customer_id").as("n"), first("customer_id").as("customer_id"),
            min("key").as("key"))
        .where(col("n").equalTo(1)).drop("n");
    return shape(unambiguous, POSTED_CODE);
  }

  /**
   * Profiles whose post opened a customer's care case: the CRM's case names the social post it answered
   * ({@code support_cases.social_post_id}), so the post's author is that customer, when all such cases of the
   * profile belong to one customer.
   *
   * @param interactions silver.interactions (interaction_id "platform:type:post_id", platform, profile_id)
   * @param supportCases silver.support_cases (customer_id, platform, social_post_id)
   */
  public static Dataset<Row> careCases(Dataset<Row> interactions, Dataset<Row> supportCases) {
    Dataset<Row> posts = interactions.where(col("interaction_type").isin("post", "reply", "quote", "comment"))
        .select(col("platform"), col("profile_id"), substring_index(col("interaction_id"), ":", -1).as("key"));
    Dataset<Row> cases = supportCases.where(col("social_post_id").isNotNull().and(col("customer_id").isNotNull()))
        .select(col("platform"), col("social_post_id").as("key"), col("customer_id"));
    Dataset<Row> hits = posts.join(cases, JoinKeys.of("platform", "key"));
    Dataset<Row> unambiguous = hits.groupBy("platform", "profile_id")
        .agg(countDistinct("customer_id").as("n"), first("customer_id").as("customer_id"), min("key").as("key"))
        .where(col("n").equalTo(1)).drop("n");
    return shape(unambiguous, CARE_CASE);
  }

  /** Joins profiles to customers on a key that is unique on both sides within a platform. */
  private static Dataset<Row> uniqueJoin(Dataset<Row> profileKeys, Dataset<Row> customerKeys, String method) {
    Dataset<Row> p = profileKeys.groupBy("platform", "key")
        .agg(count(lit(1)).as("n"), first("profile_id").as("profile_id")).where(col("n").equalTo(1)).drop("n");
    Dataset<Row> c = customerKeys.groupBy("platform", "key")
        .agg(countDistinct("customer_id").as("n"), first("customer_id").as("customer_id")).where(col("n").equalTo(1))
        .drop("n");
    Dataset<Row> joined = p.join(c, p.col("platform").equalTo(c.col("platform")).and(p.col("key").equalTo(c.col("key"))))
        .select(p.col("platform"), p.col("profile_id"), p.col("key"), c.col("customer_id"));
    return shape(joined, method);
  }

  private static Dataset<Row> shape(Dataset<Row> matched, String method) {
    Column evidence = array(struct(lit(method).as("comparison"), lit("exact").as("level"),
        lit(null).cast("double").as("weight"), col("key").as("left"), col("key").as("right")));
    return matched.select(
        col("platform"), col("profile_id"), concat_ws(":", col("platform"), col("profile_id")).as("profile_key"),
        col("customer_id"), lit(method).as("method"), evidence.as("evidence"));
  }

  private static Dataset<Row> platforms() {
    return SparkSession.active().createDataset(List.of("x", "facebook", "linkedin"), Encoders.STRING()).toDF("platform");
  }
}
