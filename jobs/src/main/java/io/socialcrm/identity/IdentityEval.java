package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;

import io.socialcrm.common.JoinKeys;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores the current identity links against a ground truth of (platform, profile_id, customer_id). A link is right
 * when the truth holds the same triple. Recall counts only the truth pairs the pipeline may link: the profile is in
 * the lake and the customer consented to matching on that platform (a pair without consent must stay unlinked).
 */
public final class IdentityEval {

  /** The figures of one evaluation. */
  public record Result(long links, long eligibleTruth, long correct) {
    public double precision() {
      return links == 0 ? 0.0 : (double) correct / links;
    }

    public double recall() {
      return eligibleTruth == 0 ? 0.0 : (double) correct / eligibleTruth;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** The one line {@code identity eval} prints. */
    public String line() {
      return String.format(Locale.ROOT, "precision=%.4f recall=%.4f f1=%.4f", precision(), recall(), f1());
    }
  }

  private IdentityEval() {
  }

  /**
   * @param links current links (platform, profile_id, customer_id)
   * @param truth the true pairs (platform, profile_id, customer_id)
   * @param profiles the profiles in the lake (platform, profile_id)
   * @param consent the current consent (customer_id, platform, granted)
   */
  public static Result evaluate(Dataset<Row> links, Dataset<Row> truth, Dataset<Row> profiles, Dataset<Row> consent) {
    Dataset<Row> l = links.select("platform", "profile_id", "customer_id").distinct();
    Dataset<Row> eligible = truth.select("platform", "profile_id", "customer_id").distinct()
        .join(profiles.select("platform", "profile_id"), JoinKeys.of("platform", "profile_id"), "left_semi")
        .join(consent.where(col("granted")).select("customer_id", "platform"), JoinKeys.of("customer_id", "platform"),
            "left_semi");
    long correct = l.join(eligible, JoinKeys.of("platform", "profile_id", "customer_id"), "left_semi").count();
    return new Result(l.count(), eligible.count(), correct);
  }
}
