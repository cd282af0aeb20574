package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.channel_attribution}: the attributed orders and revenue per channel (platform and campaign) and model.
 * A channel's conversions are the fractions of orders it earned (credit / revenue of each order), so per model they
 * add up to the number of attributed orders; orders with revenue 0 add no conversions.
 */
public final class ChannelAttribution {
  private ChannelAttribution() {}

  /**
   * platform, campaign_id (null = organic), channel, model, conversions (double), revenue (double, the sum of
   * credit).
   *
   * @param attribution the rows of {@code gold.attribution}
   */
  public static Dataset<Row> of(Dataset<Row> attribution) {
    return attribution
        .withColumn("_fraction", when(col("revenue").gt(0), col("credit").divide(col("revenue").cast("double"))))
        .groupBy("platform", "campaign_id", "channel", "model")
        .agg(ExactSum.of(col("_fraction")).as("conversions"), ExactSum.of(col("credit")).as("revenue"));
  }
}
