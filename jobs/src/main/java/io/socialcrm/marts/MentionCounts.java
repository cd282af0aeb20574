package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.conform.Brands;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Daily mention counts per brand (own and competitors) and platform, the series {@link Alerts} compares with its
 * trailing baseline: a mention is a post, reply, quote or comment about a brand by an account that is not a brand
 * account (the brands' own posts and answers are not mentions). Each day and brand also gets a platform 'all' row.
 */
public final class MentionCounts {
  /** The platform value of the all-platform rows. */
  public static final String ALL_PLATFORMS = "all";

  private MentionCounts() {}

  /**
   * Columns date, brand, platform (x|facebook|linkedin|all), mentions, negative (mentions with sentiment
   * 'negative'), for the interaction dates from {@code from} to {@code to} (inclusive); only days with a mention
   * have a row.
   *
   * @param scoredInteractions interactions with the sentiment column; the brands' own accounts
   *     ({@link io.socialcrm.conform.Brands#isBrandAccount}) are left out
   */
  public static Dataset<Row> daily(Dataset<Row> scoredInteractions, LocalDate from, LocalDate to) {
    Dataset<Row> mentions = scoredInteractions
        .where(col("brand").isNotNull().and(col("interaction_type").isin(CareQueue.MENTION_TYPES.toArray()))
            .and(col("interaction_date").between(lit(from.toString()).cast("date"), lit(to.toString()).cast("date"))))
        .where(not(Brands.isBrandAccount(col("platform"), col("profile_id"))))
        .select(col("interaction_date").as("date"), col("brand"), col("platform"),
            when(col("sentiment").equalTo("negative"), lit(1)).as("_negative"));
    Dataset<Row> perPlatform = mentions.groupBy("date", "brand", "platform")
        .agg(count(lit(1)).as("mentions"), count(col("_negative")).as("negative"));
    Dataset<Row> allPlatforms = mentions.groupBy("date", "brand")
        .agg(count(lit(1)).as("mentions"), count(col("_negative")).as("negative"))
        .select(col("date"), col("brand"), lit(ALL_PLATFORMS).as("platform"), col("mentions"), col("negative"));
    return perPlatform.unionByName(allPlatforms);
  }
}
