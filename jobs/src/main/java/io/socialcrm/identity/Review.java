package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The review band, for a data steward to confirm or reject: the model's pairs at or above the review probability
 * that did not become links (below the auto-link probability, or ambiguous) and whose profile and customer are both
 * still unlinked on that platform.
 */
public final class Review {
  private Review() {
  }

  public static Dataset<Row> band(Dataset<Row> pairs, Dataset<Row> links) {
    return Assignment.open(pairs.where(col("method").equalTo(IdentityJob.PROBABILISTIC)), links)
        .select("platform", "profile_id", "profile_key", "customer_id", "match_probability", "match_weight", "evidence");
  }
}
