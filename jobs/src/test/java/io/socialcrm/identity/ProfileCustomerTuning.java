package io.socialcrm.identity;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.text.Normalizer;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Stand-in for the silver tables while they are not in this branch: builds social_profiles-like (left) and
 * customers-like (right) frames straight from generated landing files, with a simple fold, for tuning and
 * evaluating the profile→customer config against the generator's ground truth.
 */
final class ProfileCustomerTuning {
  private ProfileCustomerTuning() {}

  /** A simple stand-in for MatchKeys.fold: NFKD, accents and Polish/German letters folded, punctuation to spaces. */
  static String fold(String s) {
    if (s == null) {
      return null;
    }
    String t = s.toLowerCase(Locale.ROOT).replace("ł", "l").replace("ß", "ss").replace("ø", "o").replace("æ", "ae")
        .replace("đ", "d");
    t = Normalizer.normalize(t, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    t = t.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    return t.isEmpty() ? null : t;
  }

  static void register(SparkSession spark) {
    spark.udf().register("fold", (UDF1<String, String>) ProfileCustomerTuning::fold, DataTypes.StringType);
  }

  private static Column fold(Column c) {
    return callUDF("fold", c);
  }

  /** Current customers with the silver.customers match columns and the NameKeys columns. */
  static Dataset<Row> customers(SparkSession spark, String landing) {
    register(spark);
    Dataset<Row> raw = spark.read().option("header", true).csv(landing + "/customers/*/*.csv");
    Dataset<Row> latest = raw.withColumn("_rn", row_number().over(Window.partitionBy("customer_id")
        .orderBy(col("updated_at").desc()))).filter("_rn = 1").drop("_rn");
    Column email = lower(trim(col("email")));
    Column local = regexp_replace(split(email, "@").getItem(0), "\\+.*$", "");
    Column domain = regexp_replace(split(email, "@").getItem(1), "^googlemail\\.com$", "gmail.com");
    Column gmail = domain.equalTo("gmail.com");
    Column localNorm = when(gmail, regexp_replace(local, "\\.", "")).otherwise(local);
    Column digits = regexp_replace(col("phone"), "[^0-9+]", "");
    Column cc = expr("case country when 'ES' then '34' when 'PL' then '48' when 'DE' then '49' when 'GB' then '44'"
        + " when 'US' then '1' when 'MX' then '52' when 'IE' then '353' else '' end");
    Column e164 = when(digits.startsWith("+"), digits)
        .otherwise(concat(lit("+"), cc, regexp_replace(regexp_replace(digits, "^0+", ""), "\\+", "")));
    Dataset<Row> df = latest
        .withColumn("first_name_norm", fold(col("first_name")))
        .withColumn("last_name_norm", fold(col("last_name")))
        .withColumn("name_norm", fold(concat(coalesce(col("first_name"), lit("")), lit(" "),
            coalesce(col("last_name"), lit("")))))
        .withColumn("email_local", when(email.isNull(), lit(null)).otherwise(localNorm))
        .withColumn("email_domain", domain)
        .withColumn("email_norm", when(email.isNull(), lit(null)).otherwise(concat(localNorm, lit("@"), domain)))
        .withColumn("phone_e164", when(col("phone").isNull(), lit(null)).otherwise(e164))
        .withColumn("city_norm", fold(col("city")))
        .withColumn("x_handle_norm", lower(regexp_replace(regexp_replace(col("x_handle"),
            "^(https?://)?(www\\.)?(x|twitter)\\.com/", ""), "^@", "")))
        .withColumn("facebook_id", regexp_extract(col("facebook_profile"), "id=([0-9]+)", 1))
        .withColumn("facebook_id", when(col("facebook_id").equalTo(""), lit(null)).otherwise(col("facebook_id")))
        .withColumn("linkedin_handle", lower(regexp_extract(col("linkedin_profile"), "linkedin\\.com/in/([^/?]+)", 1)))
        .withColumn("linkedin_handle", when(col("linkedin_handle").equalTo(""), lit(null))
            .otherwise(col("linkedin_handle")));
    return NameKeys.withCustomerNameKeys(df, "name_norm", "first_name_norm", "last_name_norm");
  }

  /** X users, Facebook commenters and reactors, LinkedIn followers: one row per account. */
  static Dataset<Row> profiles(SparkSession spark, String landing) {
    register(spark);
    Dataset<Row> users = spark.read().json(landing + "/x_posts/*/*")
        .select(explode(col("includes.users")).as("u"))
        .select(col("u.id").as("profile_id"), col("u.username").as("handle"), col("u.name").as("display_name"),
            col("u.location").as("location"), col("u.description").as("bio"), col("u.url").as("url"))
        .groupBy("profile_id").agg(first("handle", true).as("handle"), first("display_name", true).as("display_name"),
            first("location", true).as("location"), first("bio", true).as("bio"), first("url", true).as("url"))
        .withColumn("platform", lit("x"));
    Dataset<Row> fbComments = spark.read().option("header", true).csv(landing + "/facebook_comments/*/*.csv")
        .select(col("author_id").as("profile_id"), col("author_name").as("display_name"));
    Dataset<Row> fbReactions = spark.read().option("header", true).csv(landing + "/facebook_reactions/*/*.csv")
        .select(col("user_id").as("profile_id"), col("user_name").as("display_name"));
    Dataset<Row> fb = fbComments.unionByName(fbReactions).filter(col("profile_id").isNotNull())
        .groupBy("profile_id").agg(first("display_name", true).as("display_name"))
        .withColumn("handle", lit(null).cast("string")).withColumn("location", lit(null).cast("string"))
        .withColumn("bio", lit(null).cast("string")).withColumn("url", lit(null).cast("string"))
        .withColumn("platform", lit("facebook"));
    Dataset<Row> li = spark.read().option("header", true).csv(landing + "/linkedin_followers/*/*.csv")
        .select(col("follower_urn").as("profile_id"), col("member_name").as("display_name"),
            col("location"), col("profile_url"))
        .groupBy("profile_id").agg(first("display_name", true).as("display_name"),
            first("location", true).as("location"), first("profile_url", true).as("profile_url"))
        .withColumn("handle", lower(regexp_extract(col("profile_url"), "linkedin\\.com/in/([^/?]+)", 1)))
        .drop("profile_url")
        .withColumn("bio", lit(null).cast("string")).withColumn("url", lit(null).cast("string"))
        .withColumn("platform", lit("linkedin"));
    Dataset<Row> all = users.unionByName(fb).unionByName(li);
    Column bioEmail = lower(regexp_extract(regexp_replace(col("bio"), " \\[at\\] ", "@"),
        "([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})", 1));
    Column bioLocal = regexp_replace(split(bioEmail, "@").getItem(0), "\\+.*$", "");
    Column bioDomain = split(bioEmail, "@").getItem(1);
    Dataset<Row> df = all
        .withColumn("profile_key", concat(col("platform"), lit(":"), col("profile_id")))
        .withColumn("handle_norm", lower(regexp_replace(col("handle"), "^@", "")))
        .withColumn("handle_norm", when(col("handle_norm").equalTo(""), lit(null)).otherwise(col("handle_norm")))
        .withColumn("name_norm", fold(col("display_name")))
        .withColumn("location_norm", fold(split(col("location"), ",").getItem(0)))
        .withColumn("url_domain", regexp_replace(lower(regexp_extract(col("url"), "^https?://([^/:?]+)", 1)),
            "^www\\.", ""))
        .withColumn("url_domain", when(col("url_domain").equalTo(""), lit(null)).otherwise(col("url_domain")))
        .withColumn("email_norm", when(bioEmail.equalTo("").or(bioEmail.isNull()), lit(null)).otherwise(concat(
            when(bioDomain.equalTo("gmail.com"), regexp_replace(bioLocal, "\\.", "")).otherwise(bioLocal),
            lit("@"), bioDomain)))
        .withColumn("phone_e164", lit(null).cast("string"));
    return NameKeys.withNameKeys(df, "name_norm");
  }

  /** The ground truth as (profile_key, customer_id). */
  static Dataset<Row> truth(SparkSession spark, String out) {
    return spark.read().option("header", true).csv(out + "/truth/profile_customer.csv")
        .select(concat(col("platform"), lit(":"), col("profile_id")).as("profile_key"), col("customer_id"),
            col("evidence"));
  }

}
