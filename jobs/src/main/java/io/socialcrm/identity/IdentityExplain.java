package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.socialcrm.common.Errors;
import io.socialcrm.common.JoinKeys;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Why a profile is (or is not) linked: its best candidates under the model the identity step scores with, each
 * with its match probability, weight, consent, steward decision, and the evidence per compared field.
 */
public final class IdentityExplain {

  /** One candidate customer of the explained profile. */
  public record Candidate(String customerId, String customerName, String city, String country, double probability,
      double weight, boolean consented, String stewardDecision, boolean linked, List<Evidence> evidence) {}

  /** One compared field. */
  public record Evidence(String comparison, String level, Double weight, String left, String right) {}

  /** The explanation of one profile. */
  public record Explanation(String profileKey, String handle, String displayName, String location,
      String linkedCustomer, String linkMethod, Double linkProbability, String linkedSince, List<Candidate> candidates) {}

  private final SparkSession spark;
  private final Lake lake;

  public IdentityExplain(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /**
   * @param profile a profile key ({@code x:12345}) or a bare profile id
   * @param top how many candidates to show
   */
  public Explanation explain(String profile, int top) {
    String modelJson = IdentityTables.latestModel(spark, lake);
    if (modelJson == null || !lake.isDeltaTable(lake.path(SilverTables.SOCIAL_PROFILES.table()))) {
      throw Errors.identityNotRun(lake.root());
    }
    Dataset<Row> profiles = IdentityInputs.profiles(SilverTables.SOCIAL_PROFILES.read(spark, lake));
    Dataset<Row> one = profiles.where(col("profile_key").equalTo(profile).or(col("profile_id").equalTo(profile)));
    List<Row> found = one.select("profile_key", "handle", "display_name", "location").limit(2).collectAsList();
    if (found.size() != 1) {
      throw found.isEmpty() ? Errors.unknownProfile(profile) : Errors.ambiguousProfile(profile);
    }
    Row p = found.get(0);
    String key = p.getString(0);
    MatchConfig config = MatchConfig.load(IdentityJob.PROFILE_CUSTOMER);
    LinkageEngine engine = new LinkageEngine(spark, config);
    Dataset<Row> customers = IdentityInputs.customers(SilverTables.CUSTOMERS.read(spark, lake));
    // The model the identity step scores with (its term frequencies included); an older configuration's model
    // with today's term frequencies when the step has not run since the configuration changed.
    IdentityTables.StoredModel stored = IdentityTables.storedModel(spark, lake, IdentityJob.configFingerprint(),
        customers);
    MatchModel model = stored != null ? stored.model()
        : MatchModel.fromJson(modelJson).withTermFrequencies(engine.termFrequencies(profiles, customers));
    Dataset<Row> scored = engine.score(engine.compare(engine.candidatePairs(one, customers)), model);
    String platform = key.substring(0, key.indexOf(':'));
    Dataset<Row> consent = SilverTables.CONSENT.read(spark, lake)
        .where(col("platform").equalTo(platform).and(col("granted"))).select("customer_id")
        .withColumn("consented", lit(true));
    Dataset<Row> decisions = SilverTables.STEWARD_DECISIONS.read(spark, lake)
        .where(IdentityInputs.profileKey(col("platform"), col("profile_id")).equalTo(key))
        .select(col("customer_id"), col("decision"));
    Row link = currentLink(key);
    List<Candidate> candidates = new ArrayList<>();
    for (Row r : scored.withColumnRenamed("r_customer_id", "customer_id")
        .join(consent, JoinKeys.of("customer_id"), "left")
        .join(decisions, JoinKeys.of("customer_id"), "left")
        .join(customers.select("customer_id", "first_name", "last_name", "city", "country"),
            JoinKeys.of("customer_id"))
        .orderBy(col("match_probability").desc(), col("customer_id")).limit(top).collectAsList()) {
      List<Evidence> ev = new ArrayList<>();
      for (Row e : r.<Row>getList(r.fieldIndex("evidence"))) {
        ev.add(new Evidence(e.getAs("comparison"), e.getAs("level"), e.getAs("weight"), e.getAs("left"), e.getAs("right")));
      }
      String customerId = r.getAs("customer_id");
      candidates.add(new Candidate(customerId, r.getAs("first_name") + " " + r.getAs("last_name"), r.getAs("city"),
          r.getAs("country"), r.<Double>getAs("match_probability"), r.<Double>getAs("match_weight"),
          Boolean.TRUE.equals(r.getAs("consented")), r.getAs("decision"),
          link != null && customerId.equals(link.getAs("customer_id")), ev));
    }
    return new Explanation(key, p.getString(1), p.getString(2), p.getString(3),
        link == null ? null : link.getAs("customer_id"), link == null ? null : link.getAs("method"),
        link == null ? null : link.getAs("match_probability"),
        link == null ? null : String.valueOf(link.<Object>getAs("valid_from")), candidates);
  }

  private Row currentLink(String key) {
    if (!lake.isDeltaTable(lake.path(IdentityTables.LINKS))) {
      return null;
    }
    List<Row> rows = read(IdentityTables.LINKS).where(col("is_current").and(col("profile_key").equalTo(key)))
        .limit(1).collectAsList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  private Dataset<Row> read(LakeTable t) {
    return spark.read().format("delta").load(lake.path(t));
  }
}
