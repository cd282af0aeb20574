package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.socialcrm.common.JoinKeys;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Scores the current identity links against a ground truth of (platform, profile_id, customer_id). A link is right
 * when the truth holds the same triple. Recall counts only the truth pairs the pipeline may link: the profile is in
 * the lake and the customer consented to matching on that platform (a pair without consent must stay unlinked).
 */
public final class IdentityEval {

  /**
   * The figures of one evaluation.
   *
   * @param byEvidence per evidence class of the truth ({@code evidence} column, when it has one): the linkable true
   *     pairs and how many of them are linked, in class order
   */
  public record Result(long links, long eligibleTruth, long correct, Map<String, long[]> byEvidence) {
    public Result(long links, long eligibleTruth, long correct) {
      this(links, eligibleTruth, correct, Map.of());
    }

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

    /** Recall per evidence class: {@code deterministic=0.9950 (1,204) distinctive=...}; empty without classes. */
    public String evidenceLine() {
      StringBuilder sb = new StringBuilder();
      byEvidence.forEach((evidence, n) -> sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT,
          "%s=%.4f (%d of %d)", evidence, n[0] == 0 ? 0.0 : (double) n[1] / n[0], n[1], n[0])));
      return sb.toString();
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
    Map<String, long[]> byEvidence = new TreeMap<>();
    if (Arrays.asList(truth.columns()).contains("evidence")) {
      Dataset<Row> classes = truth.select("platform", "profile_id", "customer_id", "evidence").distinct()
          .join(eligible, JoinKeys.of("platform", "profile_id", "customer_id"), "left_semi")
          .join(l.withColumn("_linked", lit(1)), JoinKeys.of("platform", "profile_id", "customer_id"), "left")
          .groupBy("evidence").agg(count(lit(1)).as("pairs"), count(col("_linked")).as("linked"));
      for (Row r : classes.collectAsList()) { // one row per evidence class
        byEvidence.put(r.isNullAt(0) ? "unknown" : r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
      }
    }
    return new Result(l.count(), eligible.count(), correct, byEvidence);
  }
}
