package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.socialcrm.common.JoinKeys;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Which of the model's pairs become links. The model links only what the stronger methods left open, and only
 * where it is unambiguous: a profile or customer with two pairs at or above the auto-link probability on one
 * platform (two customers called John Smith with e-mails john.smith@…, two accounts with the handle a customer
 * gave) is a contradiction the model cannot settle, so those pairs go to review instead of being decided by a
 * tie-break.
 */
public final class Assignment {
  private Assignment() {
  }

  /** The pairs whose profile and customer are both still free on that platform. */
  public static Dataset<Row> open(Dataset<Row> pairs, Dataset<Row> links) {
    return pairs.join(links.select("platform", "profile_key"), JoinKeys.of("platform", "profile_key"), "left_anti")
        .join(links.select("platform", "customer_id"), JoinKeys.of("platform", "customer_id"), "left_anti");
  }

  /** The pairs at or above {@code autoLinkProbability} that are the only such pair of their profile and customer. */
  public static Dataset<Row> unambiguous(Dataset<Row> pairs, double autoLinkProbability) {
    return pairs.where(col("match_probability").geq(autoLinkProbability))
        .withColumn("_per_profile", count(lit(1)).over(Window.partitionBy("platform", "profile_key")))
        .withColumn("_per_customer", count(lit(1)).over(Window.partitionBy("platform", "customer_id")))
        .where(col("_per_profile").equalTo(1).and(col("_per_customer").equalTo(1)))
        .drop("_per_profile", "_per_customer");
  }
}
