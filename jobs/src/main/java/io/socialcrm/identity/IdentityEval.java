package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.JoinKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

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
    Dataset<Row> eligible = eligible(truth, profiles, consent);
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

  /** The figures the links would have had with the probabilistic ones cut at {@code threshold}. */
  public record AtThreshold(double threshold, Result result) {
    /** The header of {@link #line()}'s columns. */
    public static final String HEADER = "  threshold  links  precision  recall  recall by evidence";

    /** One row under {@link #HEADER}. */
    public String line() {
      return String.format(Locale.ROOT, "  %9.2f  %5d  %9.4f  %6.4f  %s", threshold, result.links(),
          result.precision(), result.recall(), result.evidenceLine());
    }
  }

  /**
   * What-if figures at other auto-link thresholds, from the current links and the review queue (the pairs between
   * the review and the auto-link probability whose sides are both unlinked), so an operator can choose
   * {@code auto_link_probability} with a labelled sample. At threshold t the links are the current non-probabilistic
   * ones, the probabilistic ones at or above t, and the review pairs at or above t that have the highest probability
   * both for their account and for their customer on that platform (a greedy one-to-one). Thresholds below the
   * review probability see only the pairs the review queue holds. One aggregation over both tables.
   *
   * @param actual {@link #evaluate} of the same links, truth, profiles and consent (its per-class denominators)
   * @param links current links (platform, profile_id, customer_id, method, match_probability)
   * @param review the review queue (platform, profile_id, customer_id, match_probability)
   */
  public static List<AtThreshold> atThresholds(Result actual, Dataset<Row> links, Dataset<Row> review,
      Dataset<Row> truth, Dataset<Row> profiles, Dataset<Row> consent, double[] thresholds) {
    Column p = col("match_probability");
    Dataset<Row> linked = links.select(col("platform"), col("profile_id"), col("customer_id"),
        when(col("method").equalTo("probabilistic"), p).otherwise(lit(2.0)).as("p"));
    Dataset<Row> queued = review.select(col("platform"), col("profile_id"), col("customer_id"), p.as("p"))
        .withColumn("_byProfile", row_number().over(Window.partitionBy("platform", "profile_id")
            .orderBy(col("p").desc(), col("customer_id"))))
        .withColumn("_byCustomer", row_number().over(Window.partitionBy("platform", "customer_id")
            .orderBy(col("p").desc(), col("profile_id"))))
        .where(col("_byProfile").equalTo(1).and(col("_byCustomer").equalTo(1)))
        .select("platform", "profile_id", "customer_id", "p");
    Dataset<Row> eligible = eligible(truth, profiles, consent);
    boolean classes = Arrays.asList(truth.columns()).contains("evidence");
    Dataset<Row> labels = (classes ? truth.select(col("platform"), col("profile_id"), col("customer_id"),
        col("evidence")) : truth.select(col("platform"), col("profile_id"), col("customer_id"),
        lit("all").as("evidence"))).distinct().join(eligible, JoinKeys.of("platform", "profile_id", "customer_id"),
        "left_semi").withColumn("_true", lit(1));
    Dataset<Row> scored = linked.union(queued)
        .join(labels, JoinKeys.of("platform", "profile_id", "customer_id"), "left");
    List<Column> sums = new ArrayList<>();
    for (int i = 0; i < thresholds.length; i++) {
      sums.add(sum(when(col("p").geq(thresholds[i]), 1L).otherwise(0L)).as("_n" + i));
    }
    Map<String, long[]> linkedByClass = new LinkedHashMap<>();
    long[] allLinks = new long[thresholds.length];
    long[] correct = new long[thresholds.length];
    for (Row r : scored.groupBy(col("_true"), col("evidence"))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0])).collectAsList()) {
      boolean right = !r.isNullAt(0);
      for (int i = 0; i < thresholds.length; i++) {
        long n = r.getLong(2 + i);
        allLinks[i] += n;
        if (right) {
          correct[i] += n;
          linkedByClass.computeIfAbsent(r.isNullAt(1) ? "unknown" : r.getString(1),
              k -> new long[thresholds.length])[i] += n;
        }
      }
    }
    List<AtThreshold> out = new ArrayList<>();
    for (int i = 0; i < thresholds.length; i++) {
      Map<String, long[]> byEvidence = new TreeMap<>();
      for (Map.Entry<String, long[]> e : actual.byEvidence().entrySet()) {
        long[] n = linkedByClass.get(e.getKey());
        byEvidence.put(e.getKey(), new long[] {e.getValue()[0], n == null ? 0 : n[i]});
      }
      out.add(new AtThreshold(thresholds[i], new Result(allLinks[i], actual.eligibleTruth(), correct[i], byEvidence)));
    }
    return out;
  }

  private static Dataset<Row> eligible(Dataset<Row> truth, Dataset<Row> profiles, Dataset<Row> consent) {
    return truth.select("platform", "profile_id", "customer_id").distinct()
        .join(profiles.select("platform", "profile_id"), JoinKeys.of("platform", "profile_id"), "left_semi")
        .join(consent.where(col("granted")).select("customer_id", "platform"), JoinKeys.of("customer_id", "platform"),
            "left_semi");
  }
}
