package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.JoinKeys;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.lake.Lake;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Step {@code identity}: links social profiles to CRM customers and keeps {@code silver.identity_links} and
 * {@code silver.identity_review}. Wiring only: the candidates, comparisons, model and assignment are the
 * {@link LinkageEngine}'s, the certain links {@link DeterministicLinks}', the history {@link LinkHistory}'s.
 *
 * <p>Order of precedence, on every run: consent (a customer without matching consent on a platform is never even
 * compared with that platform's profiles), then steward decisions (a rejected pair never links, a confirmed pair
 * always does), then deterministic links, then the model's links at or above the auto-link probability. One-to-one
 * per platform is applied over all of them in that order of precedence.
 */
public final class IdentityJob {
  public static final String PROBABILISTIC = "probabilistic";
  /** Method names, strongest first; the order decides one-to-one conflicts. */
  public static final List<String> METHODS = List.of("steward", DeterministicLinks.CRM_HANDLE,
      DeterministicLinks.POSTED_CODE, DeterministicLinks.CARE_CASE, DeterministicLinks.EMAIL, PROBABILISTIC);
  public static final String PROFILE_CUSTOMER = "profile_customer";

  private final SparkSession spark;
  private final Lake lake;

  public IdentityJob(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  public IdentityResult run(LocalDate date, String runId) {
    long t0 = System.nanoTime();
    if (!lake.isDeltaTable(lake.path(SilverTables.CUSTOMERS.table()))
        || !lake.isDeltaTable(lake.path(SilverTables.SOCIAL_PROFILES.table()))) {
      return IdentityResult.nothingToLink();
    }
    MatchConfig config = MatchConfig.load(PROFILE_CUSTOMER);
    LinkageEngine engine = new LinkageEngine(spark, config);
    Dataset<Row> profiles = IdentityInputs.profiles(read(SilverTables.SOCIAL_PROFILES));
    Dataset<Row> customers = IdentityInputs.customers(read(SilverTables.CUSTOMERS));
    Dataset<Row> consented = read(SilverTables.CONSENT).where(col("granted")).select("customer_id", "platform");
    Dataset<Row> decisions = read(SilverTables.STEWARD_DECISIONS);
    Dataset<Row> interactions = read(SilverTables.INTERACTIONS);

    BlockingResult blocking = engine.block(profiles, customers);
    Dataset<Row> candidates = blocking.pairs()
        .join(consented, col("r_customer_id").equalTo(consented.col("customer_id"))
            .and(IdentityInputs.platformOf(col("l_profile_key")).equalTo(consented.col("platform"))), "left_semi");
    Dataset<Row> compared = engine.compare(candidates).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long candidateCount = compared.count();
      MatchModel model = engine.estimate(profiles, customers, compared);
      Dataset<Row> scored = engine.score(compared, model)
          .where(col("match_probability").geq(config.reviewMinProbability()));
      Dataset<Row> modelLinks = scored.select(IdentityInputs.platformOf(col("l_profile_key")).as("platform"),
          IdentityInputs.profileIdOf(col("l_profile_key")).as("profile_id"), col("l_profile_key").as("profile_key"),
          col("r_customer_id").as("customer_id"), lit(PROBABILISTIC).as("method"),
          col("match_probability"), col("match_weight"), col("evidence"));

      Dataset<Row> certain = certain(DeterministicLinks.crmHandles(profiles, customers))
          .unionByName(certain(DeterministicLinks.emails(profiles, customers)))
          .unionByName(certain(DeterministicLinks.postedCodes(interactions, read(SilverTables.ORDERS))))
          .unionByName(certain(DeterministicLinks.careCases(interactions, read(SilverTables.SUPPORT_CASES))))
          .join(consented, JoinKeys.of("customer_id", "platform"), "left_semi");

      Dataset<Row> confirmed = StewardDecisions.confirmed(decisions, profiles)
          .join(consented, JoinKeys.of("customer_id", "platform"), "left_semi");
      Dataset<Row> all = StewardDecisions.withoutRejected(
          confirmed.unionByName(certain).unionByName(modelLinks), decisions);
      Dataset<Row> best = bestPerPair(all).persist(StorageLevel.MEMORY_AND_DISK());
      // Steward and deterministic links first, one-to-one among themselves by method (a steward's confirmation
      // beats a CRM handle); one-to-one keeps the highest match_probability, so rank through it.
      Dataset<Row> strong = LinkageEngine.oneToOne(
              best.where(col("method").notEqual(PROBABILISTIC))
                  .withColumn("_p", col("match_probability")).withColumn("match_probability", rank()),
              List.of("platform"), "profile_key", "customer_id")
          .withColumn("match_probability", col("_p")).drop("_p", "assignment_round")
          .persist(StorageLevel.MEMORY_AND_DISK());
      double auto = config.autoLinkProbability();
      Dataset<Row> modelAssigned = Assignment.unambiguous(
          Assignment.open(best.where(col("method").equalTo(PROBABILISTIC)), strong), auto);
      Dataset<Row> links = strong.unionByName(modelAssigned)
          .withColumn("evidence_hash", LinkHistory.evidenceHash(col("method"), col("evidence")));
      Dataset<Row> review = Review.band(best, links);

      String linksPath = lake.path(IdentityTables.LINKS);
      boolean linksExist = lake.isDeltaTable(linksPath);
      Dataset<Row> current = linksExist ? spark.read().format("delta").load(linksPath).where("is_current")
          : IdentityTables.emptyLinks(spark);
      Timestamp at = Timestamp.valueOf(date.atStartOfDay());
      Dataset<Row> changes = LinkHistory.changes(current, links, at, runId).persist(StorageLevel.MEMORY_AND_DISK());
      long inserted = changes.where(col(LinkHistory.ACTION).equalTo(LinkHistory.INSERT)).count();
      long closed = changes.where(col(LinkHistory.ACTION).equalTo(LinkHistory.CLOSE)).count();
      LinkHistory.mergeInto(linksPath, changes, linksExist);
      changes.unpersist();

      review.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
          .save(lake.path(IdentityTables.REVIEW));
      IdentityTables.saveModel(spark, lake, date, runId, model.toJson(), blockingJson(blocking), candidateCount);
      best.unpersist();
      strong.unpersist();
      long linkCount = spark.read().format("delta").load(linksPath).where("is_current").count();
      long reviewCount = spark.read().format("delta").load(lake.path(IdentityTables.REVIEW)).count();
      return new IdentityResult(candidateCount, linkCount, inserted, closed, reviewCount, model.iterations(),
          (System.nanoTime() - t0) / 1_000_000);
    } finally {
      compared.unpersist();
    }
  }

  private static String blockingJson(BlockingResult blocking) {
    java.util.Map<String, java.util.Map<String, Long>> out = new java.util.LinkedHashMap<>();
    blocking.countsByRule().forEach((rule, c) -> out.put(rule, java.util.Map.of("generated", c[0], "kept", c[1])));
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Certain links in the links' shape: probability 1, no model weight. */
  private static Dataset<Row> certain(Dataset<Row> deterministic) {
    return deterministic.withColumn("match_probability", lit(1.0)).withColumn("match_weight", lit(null).cast("double"))
        .select("platform", "profile_id", "profile_key", "customer_id", "method", "match_probability", "match_weight",
            "evidence");
  }

  /** One row per (profile, customer): the strongest method's, with the model's probability kept when it is higher. */
  private static Dataset<Row> bestPerPair(Dataset<Row> all) {
    return all.withColumn("_m", methodRank())
        .withColumn("_n", row_number().over(Window.partitionBy("profile_key", "customer_id")
            .orderBy(col("_m"), col("match_probability").desc())))
        .where(col("_n").equalTo(1)).drop("_n", "_m");
  }

  private static Column methodRank() {
    Column rank = lit(METHODS.size());
    for (int i = METHODS.size() - 1; i >= 0; i--) {
      rank = when(col("method").equalTo(METHODS.get(i)), lit(i)).otherwise(rank);
    }
    return rank;
  }

  /** A score that orders links by method first, then probability: what one-to-one keeps. */
  private static Column rank() {
    return lit(METHODS.size()).minus(methodRank()).plus(col("match_probability"));
  }

  private Dataset<Row> read(DeclaredTable table) {
    return table.read(spark, lake);
  }
}
