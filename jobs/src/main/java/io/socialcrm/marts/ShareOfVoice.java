package io.socialcrm.marts;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.JoinKeys;
import io.socialcrm.conform.Brands;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code gold.share_of_voice}: per day, tracked brand (own or competitor) and platform, how many mentions the
 * brand got, split by sentiment, and its share of all tracked brands' mentions that day on that platform
 * (DOMAIN.md: share of voice = brand mentions / (brand + competitors' mentions)).
 *
 * <p>A mention is a post, reply, quote or comment about the brand ({@code interactions.brand}) by an account that
 * is not a tracked brand's own account. Reposts (no words of their own), reactions and follows are not mentions;
 * neither are the brands' own posts and replies. Every tracked brand gets a row, with 0 mentions if need be, on
 * every (day, platform) with at least one mention, so shares of a day and platform sum to 1. There is no
 * all-platform row: every count is additive, and the share over several platforms or days is
 * sum(mentions) / sum(all_mentions).
 */
public final class ShareOfVoice {
  private ShareOfVoice() {}

  /**
   * Share of voice from interactions with {@code sentiment} (positive|neutral|negative, null without text) and
   * {@code sentiment_score}; the columns of {@code schemas/gold/share_of_voice.json}.
   */
  public static Dataset<Row> of(Dataset<Row> scoredInteractions) {
    Dataset<Row> mentions = scoredInteractions
        .filter(col("interaction_type").isin((Object[]) Influencers.MENTION_TYPES)
            .and(col("brand").isNotNull())
            .and(not(Brands.isBrandAccount(col("platform"), col("profile_id")))));
    Dataset<Row> counts = mentions
        .groupBy(col("interaction_date").as("date"), col("platform"), col("brand"))
        .agg(count(lit(1)).as("mentions"),
            count(when(col("sentiment").equalTo("positive"), lit(1))).as("positive_mentions"),
            count(when(col("sentiment").equalTo("neutral"), lit(1))).as("neutral_mentions"),
            count(when(col("sentiment").equalTo("negative"), lit(1))).as("negative_mentions"),
            avg("sentiment_score").as("avg_sentiment_score"));
    Dataset<Row> brands = scoredInteractions.sparkSession()
        .createDataset(List.copyOf(Brands.names()), Encoders.STRING()).toDF("brand")
        .withColumn("is_own_brand", Brands.isOwnBrand(col("brand")));
    Dataset<Row> grid = counts.select("date", "platform").distinct().crossJoin(broadcast(brands));

    WindowSpec dayPlatform = Window.partitionBy("date", "platform");
    Column zero = lit(0L);
    return grid.join(counts, JoinKeys.of("date", "platform", "brand"), "left")
        .select(col("date"), col("platform"), col("brand"), col("is_own_brand"),
            coalesce(col("mentions"), zero).as("mentions"),
            coalesce(col("positive_mentions"), zero).as("positive_mentions"),
            coalesce(col("neutral_mentions"), zero).as("neutral_mentions"),
            coalesce(col("negative_mentions"), zero).as("negative_mentions"),
            round(col("avg_sentiment_score"), 4).as("avg_sentiment_score"))
        .withColumn("all_mentions", sum("mentions").over(dayPlatform))
        .withColumn("all_positive_mentions", sum("positive_mentions").over(dayPlatform))
        .withColumn("all_negative_mentions", sum("negative_mentions").over(dayPlatform))
        .withColumn("share_of_voice", ratio(col("mentions"), col("all_mentions")))
        .withColumn("positive_share_of_voice", ratio(col("positive_mentions"), col("all_positive_mentions")))
        .withColumn("negative_share_of_voice", ratio(col("negative_mentions"), col("all_negative_mentions")))
        .withColumn("positive_rate", ratio(col("positive_mentions"), col("mentions")))
        .withColumn("negative_rate", ratio(col("negative_mentions"), col("mentions")))
        .drop("all_positive_mentions", "all_negative_mentions");
  }

  /** a / b rounded to 6 decimals, null when b is 0. */
  private static Column ratio(Column a, Column b) {
    return when(b.gt(0), round(a.cast("double").divide(b), 6));
  }
}
