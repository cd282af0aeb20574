package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;

import io.socialcrm.common.JoinKeys;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The review band: the model's pairs between the review and auto-link probabilities whose profile and customer are
 * both still unlinked on that platform, for a data steward to confirm or reject.
 */
public final class Review {
  private Review() {
  }

  public static Dataset<Row> band(Dataset<Row> pairs, Dataset<Row> links, double autoLinkProbability) {
    return pairs.where(col("method").equalTo("probabilistic").and(col("match_probability").lt(autoLinkProbability)))
        .join(links.select("profile_key"), JoinKeys.of("profile_key"), "left_anti")
        .join(links.select("platform", "customer_id"), JoinKeys.of("platform", "customer_id"), "left_anti")
        .select("platform", "profile_id", "profile_key", "customer_id", "match_probability", "match_weight", "evidence");
  }
}
