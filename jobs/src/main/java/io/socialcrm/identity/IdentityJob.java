package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.socialcrm.common.Errors;
import io.socialcrm.common.JoinKeys;
import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.RunScratch;
import io.socialcrm.lake.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step {@code identity}: links social profiles to CRM customers and keeps {@code silver.identity_links} and
 * {@code silver.identity_review}. Wiring only: the candidates, comparisons, model and assignment are the
 * {@link LinkageEngine}'s, the certain links {@link DeterministicLinks}', the history {@link LinkHistory}'s.
 *
 * <p>Order of precedence, on every run: consent (a customer without matching consent on a platform is never even
 * compared with that platform's profiles), then steward decisions (a rejected pair never links, a confirmed pair
 * always does), then deterministic links, then the model's links at or above the auto-link probability. One-to-one
 * per platform is applied over all of them in that order of precedence.
 *
 * <p>Incremental: the model is fitted once per match configuration (or when {@link Setting#IDENTITY_REFIT} asks),
 * and the model's scored pairs are kept in a store ({@link PairStore}) so that a night blocks, compares and scores
 * only the pairs of the records that changed; the steps after scoring run over all stored pairs.
 */
public final class IdentityJob {
  public static final String PROBABILISTIC = "probabilistic";
  /** Method names, strongest first; the order decides one-to-one conflicts. */
  public static final List<String> METHODS = List.of("steward", DeterministicLinks.CRM_HANDLE,
      DeterministicLinks.POSTED_CODE, DeterministicLinks.CARE_CASE, DeterministicLinks.EMAIL, PROBABILISTIC);
  public static final String PROFILE_CUSTOMER = "profile_customer";
  private static final Logger LOG = LoggerFactory.getLogger(IdentityJob.class);

  private final SparkSession spark;
  private final Lake lake;
  private final boolean refit;

  /** A job with the default settings: the stored model is reused. */
  public IdentityJob(SparkSession spark, Lake lake) {
    this(spark, lake, Settings.defaults());
  }

  /** A job reading {@link Setting#IDENTITY_REFIT}. */
  public IdentityJob(SparkSession spark, Lake lake, Settings settings) {
    this.spark = spark;
    this.lake = lake;
    this.refit = refit(settings);
  }

  /**
   * Links the lake's current profiles and customers. The model is estimated only when no model was fitted under
   * the current match configuration (or the refit setting asks for it); otherwise the stored one scores. With the
   * model the scored-pair store was built with, only the records that changed since are blocked, compared and
   * scored ({@link PairStore}); a re-estimated model rebuilds the store from all pairs.
   */
  public IdentityResult run(LocalDate date, String runId) {
    long t0 = System.nanoTime();
    if (!lake.isDeltaTable(lake.path(SilverTables.CUSTOMERS.table()))
        || !lake.isDeltaTable(lake.path(SilverTables.SOCIAL_PROFILES.table()))) {
      return IdentityResult.nothingToLink();
    }
    MatchConfig config = MatchConfig.load(PROFILE_CUSTOMER);
    String configFingerprint = configFingerprint();
    try (RunScratch scratch = new RunScratch(spark, lake, "identity")) {
      return link(date, runId, t0, config, configFingerprint, scratch);
    }
  }

  /**
   * {@link #run}'s work. Every intermediate result read more than once is kept in the run's scratch files
   * ({@link RunScratch}): read back with a plan of one scan, and surviving a lost executor, unlike localCheckpoint.
   * The comparisons of a full run stay persisted in memory, since the model's estimation reads them once per
   * iteration.
   */
  private IdentityResult link(LocalDate date, String runId, long t0, MatchConfig config, String configFingerprint,
      RunScratch scratch) {
    LinkageEngine engine = new LinkageEngine(spark, config);
    // Leaves (computed once, plan cut): blocking, fingerprints and deterministic links read them many times.
    Dataset<Row> profiles = scratch.keep(IdentityInputs.profiles(read(SilverTables.SOCIAL_PROFILES)));
    Dataset<Row> customers = scratch.keep(IdentityInputs.customers(read(SilverTables.CUSTOMERS)));
    Dataset<Row> consented = read(SilverTables.CONSENT).where(col("granted")).select("customer_id", "platform");
    Dataset<Row> decisions = read(SilverTables.STEWARD_DECISIONS);
    Dataset<Row> interactions = read(SilverTables.INTERACTIONS);

    IdentityTables.StoredModel stored = refit ? null : IdentityTables.storedModel(spark, lake, configFingerprint,
        customers);
    String modelId = stored == null ? runId : stored.runId();
    // The blocks too big to block (few rows): kept once for the records and the run's warning.
    Dataset<Row> skippedBlocks = scratch.keep(engine.skippedBlocks(profiles, customers));
    SkippedBlocks skipped = SkippedBlocks.of(skippedBlocks, config.maxBlockPairs());
    if (skipped.any()) {
      LOG.warn("identity: {}", skipped.warning());
    }
    Dataset<Row> records = scratch.keep(PairStore.records( // a leaf: the blocking plans below read it many times
            profiles.select(col("profile_key"), engine.leftFingerprint().as("fingerprint")),
            customers.select(col("customer_id"), engine.rightFingerprint().as("fingerprint")),
            consented, skippedBlocks, modelId));
    String pairsPath = lake.path(IdentityTables.PAIRS);
    String recordsPath = lake.path(IdentityTables.RECORDS);
    Dataset<Row> storedRecords = lake.isDeltaTable(pairsPath) && lake.isDeltaTable(recordsPath)
        ? TableReader.read(spark, lake, recordsPath) : IdentityTables.emptyRecords(spark);
    boolean full = stored == null || !modelId.equals(modelOf(storedRecords));
    Dataset<Row> compared = null;
    Dataset<Row> store = null;
    BlockingResult blocking = null;
    BlockingResult changedBlocking = null;
    try {
      MatchModel model;
      long candidateCount = 0;
      long[] changes = new long[4];
      boolean storeChanged = full;
      Dataset<Row> changed = null;
      Dataset<Row> removed = null;
      if (full) {
        blocking = engine.block(profiles, customers);
        compared = engine.compare(consentedOnly(blocking.pairs(), consented)).persist(StorageLevel.MEMORY_AND_DISK());
        candidateCount = compared.count();
        model = stored == null ? engine.estimate(profiles, customers, compared) : stored.model();
        store = PairStore.pairs(engine.score(compared, model), config.reviewMinProbability());
      } else {
        model = stored.model();
        changed = scratch.keep(PairStore.changed(storedRecords, records));
        removed = scratch.keep(PairStore.removed(storedRecords, records));
        Map<String, Long> changedByKind = countsByKind(changed);
        Map<String, Long> removedByKind = countsByKind(removed);
        changes = new long[] {changedByKind.getOrDefault(PairStore.PROFILE, 0L),
            removedByKind.getOrDefault(PairStore.PROFILE, 0L), changedByKind.getOrDefault(PairStore.CUSTOMER, 0L),
            removedByKind.getOrDefault(PairStore.CUSTOMER, 0L)};
        Dataset<Row> storedPairs = TableReader.read(spark, lake, pairsPath);
        storeChanged = !changedByKind.isEmpty() || !removedByKind.isEmpty();
        if (!storeChanged) {
          store = storedPairs;
        } else {
          Dataset<Row> flipped = PairStore.flippedBlocks(changed, removed);
          Dataset<Row> changedProfiles = PairStore.ids(changed, PairStore.PROFILE);
          Dataset<Row> changedCustomers = PairStore.ids(changed, PairStore.CUSTOMER);
          if (!flipped.isEmpty()) {
            changedProfiles = changedProfiles.unionByName(engine.recordsInBlocks(profiles, true, flipped));
            changedCustomers = changedCustomers.unionByName(engine.recordsInBlocks(customers, false, flipped));
          }
          changedProfiles = scratch.keep(changedProfiles.distinct());
          changedCustomers = scratch.keep(changedCustomers.distinct());
          changedBlocking = engine.block(profiles, customers, changedProfiles, changedCustomers);
          compared = scratch.keep(engine.compare(consentedOnly(changedBlocking.pairs(), consented)));
          candidateCount = compared.count();
          store = PairStore.kept(storedPairs,
                  changedProfiles.unionByName(PairStore.ids(removed, PairStore.PROFILE)),
                  changedCustomers.unionByName(PairStore.ids(removed, PairStore.CUSTOMER)))
              .unionByName(PairStore.pairs(engine.score(compared, model), config.reviewMinProbability()));
        }
      }
      store = storeChanged ? scratch.keep(store) : store; // an unchanged store is already a scan of its table
      long storedCount = store.count();
      Dataset<Row> modelLinks = store.select(IdentityInputs.platformOf(col("profile_key")).as("platform"),
          IdentityInputs.profileIdOf(col("profile_key")).as("profile_id"), col("profile_key"), col("customer_id"),
          lit(PROBABILISTIC).as("method"), col("match_probability"), col("match_weight"), col("evidence"));

      Dataset<Row> certain = certain(DeterministicLinks.crmHandles(profiles, customers))
          .unionByName(certain(DeterministicLinks.emails(profiles, customers)))
          .unionByName(certain(DeterministicLinks.postedCodes(interactions, read(SilverTables.ORDERS))))
          .unionByName(certain(DeterministicLinks.careCases(interactions, read(SilverTables.SUPPORT_CASES))))
          .join(consented, JoinKeys.of("customer_id", "platform"), "left_semi");

      Dataset<Row> confirmed = StewardDecisions.confirmed(decisions, profiles)
          .join(consented, JoinKeys.of("customer_id", "platform"), "left_semi");
      Dataset<Row> all = StewardDecisions.withoutRejected(
          confirmed.unionByName(certain).unionByName(modelLinks), decisions);
      Dataset<Row> best = scratch.keep(bestPerPair(all));
      // Steward and deterministic links first, one-to-one among themselves by method (a steward's confirmation
      // beats a CRM handle); one-to-one keeps the highest match_probability, so rank through it.
      Dataset<Row> strong = scratch.keep(LinkageEngine.oneToOne(
              best.where(col("method").notEqual(PROBABILISTIC))
                  .withColumn("_p", col("match_probability")).withColumn("match_probability", rank()),
              List.of("platform"), "profile_key", "customer_id")
          .withColumn("match_probability", col("_p")).drop("_p", "assignment_round"));
      double auto = config.autoLinkProbability();
      Dataset<Row> modelAssigned = Assignment.unambiguous(
          Assignment.open(best.where(col("method").equalTo(PROBABILISTIC)), strong), auto);
      Dataset<Row> links = scratch.keep(strong.unionByName(modelAssigned)
          .withColumn("evidence_hash", LinkHistory.evidenceHash(col("method"), col("evidence"))));
      Dataset<Row> review = scratch.keep(Review.band(best, links));

      String linksPath = lake.path(IdentityTables.LINKS);
      boolean linksExist = lake.isDeltaTable(linksPath);
      Dataset<Row> current = linksExist ? TableReader.read(spark, lake, linksPath).where("is_current")
          : IdentityTables.emptyLinks(spark);
      Timestamp at = Timestamp.valueOf(date.atStartOfDay());
      Dataset<Row> linkChanges = scratch.keep(LinkHistory.changes(current, links, at, runId));
      long inserted = linkChanges.where(col(LinkHistory.ACTION).equalTo(LinkHistory.INSERT)).count();
      long closed = linkChanges.where(col(LinkHistory.ACTION).equalTo(LinkHistory.CLOSE)).count();
      LinkHistory.mergeInto(linksPath, linkChanges, linksExist);

      String reviewPath = lake.path(IdentityTables.REVIEW);
      long reviewCount = review.count();
      if (!lake.isDeltaTable(reviewPath) || !sameRows(TableReader.read(spark, lake, reviewPath), review)) {
        review.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(reviewPath);
      }
      if (stored == null) {
        IdentityTables.saveModel(spark, lake, date, runId, model, blockingJson(blocking.countsByRule(compared)),
            candidateCount, configFingerprint);
      }
      if (storeChanged) {
        store.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(pairsPath);
        records.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(recordsPath);
      }
      long linkCount = links.count(); // the current links after the merge are exactly these
      return new IdentityResult(candidateCount, linkCount, inserted, closed, reviewCount, model.iterations(),
          stored != null, changes[0], changes[1], changes[2], changes[3], storedCount,
          (System.nanoTime() - t0) / 1_000_000, skipped);
    } finally {
      if (compared != null) {
        compared.unpersist();
      }
      if (blocking != null) {
        blocking.release();
      }
      if (changedBlocking != null) {
        changedBlocking.release();
      }
    }
  }

  /** The candidate pairs whose customer consented to matching on the profile's platform. */
  private static Dataset<Row> consentedOnly(Dataset<Row> pairs, Dataset<Row> consented) {
    return pairs.join(consented, col("r_customer_id").equalTo(consented.col("customer_id"))
        .and(IdentityInputs.platformOf(col("l_profile_key")).equalTo(consented.col("platform"))), "left_semi");
  }

  /** The model the stored records were scored with (its fitting run's id), or null. */
  private static String modelOf(Dataset<Row> records) {
    List<Row> rows = records.where(col("kind").equalTo(PairStore.MODEL)).select("fingerprint").limit(1)
        .collectAsList();
    return rows.isEmpty() ? null : rows.get(0).getString(0);
  }

  /** Record rows per kind (at most four kinds: collected), kinds without rows left out. */
  private static Map<String, Long> countsByKind(Dataset<Row> records) {
    Map<String, Long> out = new HashMap<>();
    records.groupBy("kind").count().collectAsList().forEach(r -> out.put(r.getString(0), r.getLong(1)));
    return out;
  }

  private static boolean sameRows(Dataset<Row> a, Dataset<Row> b) {
    Dataset<Row> aa = a.selectExpr(b.columns());
    return aa.exceptAll(b).isEmpty() && b.exceptAll(aa).isEmpty();
  }

  /** A hash of the match configuration and the nickname list: a stored model fits only the configuration it had. */
  public static String configFingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String resource : List.of("schemas/matching/" + PROFILE_CUSTOMER + ".json", NameKeys.NICKNAMES_RESOURCE)) {
        try (InputStream in = IdentityJob.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw Errors.invalidMatchConfig(PROFILE_CUSTOMER, resource + " not found on the class path");
          }
          sha.update(in.readAllBytes());
          sha.update((byte) 0);
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw Errors.invalidMatchConfig(PROFILE_CUSTOMER, Errors.rootMessage(e));
    }
  }

  /** Whether the settings ask for the model to be fitted again on this run. */
  public static boolean refit(Settings settings) {
    String v = settings.get(Setting.IDENTITY_REFIT).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    throw settings.invalid(Setting.IDENTITY_REFIT, "true or false");
  }

  /**
   * Per rule {generated, kept}, as JSON with the keys sorted: the same counts give the same string in every JVM
   * (Map.of's order is randomised per JVM, and the rules' rows come in partition order), so a rerun or a cluster
   * run writes the same silver.identity_models row.
   */
  static String blockingJson(Map<String, long[]> counts) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    counts.forEach((rule, c) -> out.put(rule, Map.of("generated", c[0], "kept", c[1])));
    try {
      return new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writeValueAsString(out);
    } catch (JsonProcessingException e) {
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
