package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.socialcrm.common.JoinKeys;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.identity.IdentityTables;
import io.socialcrm.lake.ChangeFeed;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import io.socialcrm.lake.RunScratch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step {@code marts}: builds the gold marts from the current silver tables and identity links. Wires reads,
 * transforms and writes only; every mart's logic is a pure Dataset transform in this package, and every write goes
 * through {@link GoldWriter}, so a rerun that computes the same rows commits nothing.
 *
 * <p>What a run recomputes follows from the silver tables' change feeds since the last run ({@link MartScope}):
 * <ul>
 *   <li>posts are scored once: only new or changed interactions go through {@link PostSignals} into
 *       {@code gold.post_signals};</li>
 *   <li>the marts kept per person are recomputed for the people the night's changes touched
 *       ({@link TouchedPeople}) and only their rows are replaced ({@link PeopleScope}): {@code person_stage}, the
 *       stored attribution paths {@code _attribution_paths} and the heuristic credits of {@code attribution}; the
 *       Markov credits are refitted on all stored paths (the fit is global) and written where they changed;</li>
 *   <li>the funnel is aggregated from the written {@code person_stage} from the earliest date a changed person row
 *       holds; channel attribution and campaign ROI from the written {@code attribution};</li>
 *   <li>daily and monthly marts (share of voice, care, F.R.Y.) are rebuilt for the changed days or months only,
 *       from those days' rows;</li>
 *   <li>influence (a PageRank over the whole graph) is rebuilt when any input changed and its cadence
 *       ({@link InfluenceCadence}, {@code marts.influence.every.days}, default every run) says it is due, written
 *       where rows differ;</li>
 *   <li>the per-run marts (care queue, alerts) are rebuilt for the run's date every run, from the days they look
 *       back on;</li>
 *   <li>the first run, or a run finding a person mart not written yet, computes everyone.</li>
 * </ul>
 */
public final class MartsJob {
  private static final Logger LOG = LoggerFactory.getLogger(MartsJob.class);
  /** The step's own bookkeeping: per silver input, the last Delta version the marts have processed. */
  public static final LakeTable STATE = new LakeTable(Layer.GOLD, "_marts_state");

  static final DeclaredTable POST_SIGNALS = GoldTables.load("post_signals");
  static final DeclaredTable PERSON_STAGE = GoldTables.load("person_stage");
  static final DeclaredTable PERSON_EVIDENCE = PersonStages.EVIDENCE;
  static final DeclaredTable FUNNEL_DAILY = GoldTables.load("funnel_daily");
  static final DeclaredTable FUNNEL_COHORTS = GoldTables.load("funnel_cohorts");
  static final DeclaredTable ATTRIBUTION_PATHS = GoldTables.load("_attribution_paths");
  static final DeclaredTable ATTRIBUTION = GoldTables.load(Attribution.ATTRIBUTION);
  static final DeclaredTable CHANNEL_ATTRIBUTION = GoldTables.load(Attribution.CHANNEL_ATTRIBUTION);
  static final DeclaredTable CAMPAIGN_ROI = GoldTables.load("campaign_roi");
  static final DeclaredTable FRY = GoldTables.load("fry");
  static final DeclaredTable CARE = GoldTables.load("care");
  static final DeclaredTable INFLUENCERS = GoldTables.load("influencers");
  static final DeclaredTable SHARE_OF_VOICE = GoldTables.load("share_of_voice");
  static final DeclaredTable CARE_QUEUE = GoldTables.load("care_queue");
  static final DeclaredTable ALERTS = GoldTables.load("alerts");

  /** The interaction columns {@link Influencers} (with {@link Edges}) and {@link Fry#engagedCustomers} read. */
  private static final Column[] GRAPH_COLUMNS = List.of("interaction_id", "platform", "profile_id",
      "interaction_type", "target_post_id", "target_profile_id", "mentioned_profile_ids", "brand", "is_own_brand",
      "ts", "interaction_date").stream().map(functions::col).toArray(Column[]::new);

  private final SparkSession spark;
  private final Lake lake;
  private final MartSettings settings;

  public MartsJob(SparkSession spark, Lake lake, MartSettings settings) {
    this.spark = spark;
    this.lake = lake;
    this.settings = settings;
  }

  /** Runs the step for the run's {@code date}: the day the per-run marts are for, and the funnel's last day. */
  public MartsResult run(LocalDate date, String runId) {
    long t0 = System.nanoTime();
    ChangeFeed feed = new ChangeFeed(spark, lake, STATE);
    Map<String, Long> before = feed.processedVersions();
    RunLog log = new RunLog();
    Map<String, ChangeFeed.Batch> changes = log.phase("change_feeds", () -> readChanges(feed, before));
    MartScope scope = log.phase("changed_days", () -> new MartScope(before.isEmpty(),
        changes.values().stream().anyMatch(b -> !b.nothingNew()),
        List.of("identity_links", "customers", "social_profiles").stream().anyMatch(t -> !changes.get(t).nothingNew()),
        MartScope.changedDays(nowAndBefore(changes.get("interactions")), nowAndBefore(changes.get("orders")),
            nowAndBefore(changes.get("spend")), nowAndBefore(changes.get("support_cases")))));

    RunScratch scratch = new RunScratch(spark, lake, "marts");
    try {
      return build(date, runId, t0, feed, before, log, changes, scope, scratch);
    } finally {
      scratch.close();
    }
  }

  private MartsResult build(LocalDate date, String runId, long t0, ChangeFeed feed, Map<String, Long> before,
      RunLog log, Map<String, ChangeFeed.Batch> changes, MartScope scope, RunScratch scratch) {
    GoldWriter writer = new GoldWriter(lake, scratch);
    MartInputs in = MartInputs.read(spark, lake);
    if (!changes.get("interactions").nothingNew()) {
      log.wrote(writer.upsert(POST_SIGNALS, PostSignals.score(changes.get("interactions").rows()
          .where(col("text").isNotNull()))));
    }
    Dataset<Row> signals = POST_SIGNALS.read(spark, lake)
        .select("interaction_id", "sentiment_score", "sentiment", "intent_to_buy", "sentiment_lang");
    Dataset<Row> influencers;
    if (scope.firstRun() || scope.anyChange()) {
      boolean everyone = scope.firstRun() || missing(PERSON_STAGE) || missing(PERSON_EVIDENCE)
          || missing(ATTRIBUTION_PATHS) || missing(ATTRIBUTION);
      PeopleScope people = everyone ? PeopleScope.everyone() : log.phase("touched_people", () -> {
        Dataset<Row> touched = scratch.keep(TouchedPeople.of(touchedBy(changes, before, in.profiles()), in.interactions(),
            in.links()));
        Row n = touched.agg(functions.count(lit(1)), functions.count(functions.when(col(TouchedPeople.RECOMPUTE),
            lit(1)))).first();
        log.count("touched_people", n.getLong(0));
        log.count("recomputed_people", n.getLong(1));
        return PeopleScope.touched(touched);
      });
      Dataset<Row> peopleScored = scratch.keep(withSignals(
          people.withHistory(People.withPerson(in.interactions(), in.links()), "person_id"), signals));
      Dataset<Row> peopleOrders = people.restrict(in.orders(), "customer_id");
      Dataset<Row> night = withSignals(People.withPerson(changes.get("interactions").rows(), in.links()), signals);
      buildPersonStages(in, peopleScored, night, peopleOrders, people, scope, date, writer, scratch, log);
      buildAttribution(in, peopleScored, peopleOrders, people, writer, scratch, log);

      // Everyone's interactions for the graph and F.R.Y.: only the columns those read, so neither the signals
      // join nor the cache carries the texts.
      Dataset<Row> scored = people.isEveryone() ? peopleScored
          : scratch.keep(withSignals(People.withPerson(in.interactions().select(GRAPH_COLUMNS), in.links()),
              signals));
      InfluenceCadence cadence = new InfluenceCadence(lake, settings);
      if (people.isEveryone() || missing(INFLUENCERS) || cadence.due(date)) {
        influencers = scratch.keep(Influencers.of(scored, in.profiles(), in.links(), in.orders(), settings));
        log.wrote(writer.replaceAll(INFLUENCERS, influencers));
        cadence.built(date);
        log.count("influence_built", 1);
      } else {
        influencers = INFLUENCERS.read(spark, lake);
        log.count("influence_built", 0);
      }
      buildDailyMarts(in, scored, signals, scope, writer, log);
    } else {
      influencers = INFLUENCERS.read(spark, lake);
    }
    // the care queue looks back windowDays, the alerts alertBaselineDays; a day more each side for time zones
    LocalDate since = date.minusDays(Math.max(CareQueue.DEFAULT_WINDOW_DAYS, settings.alertBaselineDays()) + 1);
    Dataset<Row> recent = scratch.keep(withSignals(People.withPerson(in.interactions().where(
        col("interaction_date").between(lit(since.toString()).cast("date"),
            lit(date.plusDays(1).toString()).cast("date"))), in.links()), signals));
    Dataset<Row> queue = scratch.keep(CareQueue.of(new CareQueue.Inputs(recent, in.profiles(), in.supportCases(),
            CareQueue.customerValue(in.orders(), date), influencers), CareTopics.load(), date,
        CareQueue.DEFAULT_WINDOW_DAYS, settings));
    String runScope = "run_date = DATE'" + date + "'";
    log.wrote(writer.replaceWhere(CARE_QUEUE, queue, runScope));
    Dataset<Row> daily = MentionCounts.daily(recent, date.minusDays(settings.alertBaselineDays()), date);
    log.wrote(writer.replaceWhere(ALERTS, Alerts.of(daily, queue, date, settings), runScope));

    Map<String, Long> after = new TreeMap<>(before);
    changes.forEach((name, b) -> {
      if (b.version() != null) {
        after.put(name, b.version());
      }
    });
    feed.saveProcessedVersions(after, before, runId);
    return new MartsResult(log.written, log.phases, log.counts, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Evidence and stages of the scope's people, written over their old rows: the evidence of those the night only
   * added rows to is their stored evidence with the night's rows folded in ({@link PersonStages#fold}), the others'
   * is computed from their history. Then the funnel, aggregated from the whole written
   * {@code person_stage} for the days a changed row can move: from the earliest date of a changed person row (old or
   * new), or from the run's date when none changed, to the last day written.
   */
  private void buildPersonStages(MartInputs in, Dataset<Row> peopleScored, Dataset<Row> night,
      Dataset<Row> peopleOrders, PeopleScope people, MartScope scope, LocalDate date, GoldWriter writer,
      RunScratch scratch, RunLog log) {
    Dataset<Row> postCampaigns = PersonStages.postCampaigns(in.interactions());
    Dataset<Row> recomputed = PersonStages.evidence(people.recomputed(peopleScored, "person_id"), postCampaigns,
        in.profiles());
    Dataset<Row> evidence = scratch.keep(people.isEveryone() ? recomputed
        : recomputed.unionByName(PersonStages.fold(people.folded(PERSON_EVIDENCE.read(spark, lake), "person_id"),
            PersonStages.evidence(people.folded(night, "person_id"), postCampaigns, in.profiles()))));
    log.wrote(people.write(writer, PERSON_EVIDENCE, evidence, "person_id"));
    Dataset<Row> stages = scratch.keep(PersonStages.assemble(evidence, peopleOrders, in.customers(), settings));
    boolean wholeFunnel = people.isEveryone() || missing(FUNNEL_DAILY) || missing(FUNNEL_COHORTS);
    LocalDate changedFrom = wholeFunnel ? null : log.phase("person_stage_diff",
        () -> earliestChange(people.restrict(PERSON_STAGE.read(spark, lake), "person_id"), stages));
    log.wrote(people.write(writer, PERSON_STAGE, stages, "person_id"));
    LocalDate to = max(date, scope.days().isEmpty() ? date : scope.days().last());
    LocalDate from;
    if (wholeFunnel) {
      from = firstDay(in);
      if (from == null) {
        return;
      }
    } else {
      LocalDate last = lastDay(FUNNEL_DAILY);
      from = min(date, changedFrom);
      if (last == null) {
        from = min(from, firstDay(in));
      } else {
        from = min(from, last.plusDays(1));
        to = max(to, last);
      }
    }
    Dataset<Row> written = PERSON_STAGE.read(spark, lake);
    String range = "date >= DATE'" + from + "' AND date <= DATE'" + to + "'";
    log.wrote(writer.replaceWhere(FUNNEL_DAILY, FunnelDaily.of(written, from, to), range));
    log.wrote(writer.replaceWhere(FUNNEL_COHORTS, FunnelCohorts.of(written, from, to), range));
  }

  /**
   * Attribution: the scope's customers' paths replace theirs in {@code _attribution_paths}; their orders get new
   * heuristic credits, and every order new Markov credits from the chain fitted on all stored paths, written where
   * they changed. Channel totals and campaign ROI are aggregated from the written {@code attribution}.
   */
  private void buildAttribution(MartInputs in, Dataset<Row> peopleScored, Dataset<Row> peopleOrders,
      PeopleScope people, GoldWriter writer, RunScratch scratch, RunLog log) {
    Dataset<Row> touches = Touchpoints.of(peopleScored, Touchpoints.brandPosts(in.interactions()), in.campaigns());
    Dataset<Row> paths = scratch.keep(AttributionPaths.stored(touches, peopleOrders, settings.lookbackDays()));
    log.wrote(people.write(writer, ATTRIBUTION_PATHS, paths, "customer_id"));
    Dataset<Row> allPaths = ATTRIBUTION_PATHS.read(spark, lake);
    Dataset<Row> credited = log.phase("markov_fit", () -> Attribution.credits(paths, allPaths, settings));
    Column markov = col("model").equalTo(lit(MarkovAttribution.MODEL));
    log.wrote(people.isEveryone() ? writer.replaceAll(ATTRIBUTION, credited)
        : writer.replaceMatching(ATTRIBUTION, credited,
            current -> current.where(markov).unionByName(people.restrict(current.where(not(markov)), "customer_id"))));
    Dataset<Row> attribution = ATTRIBUTION.read(spark, lake);
    log.wrote(writer.replaceAll(CHANNEL_ATTRIBUTION, ChannelAttribution.of(attribution)));
    log.wrote(writer.replaceAll(CAMPAIGN_ROI, CampaignRoi.of(attribution, in.spend(), in.campaigns(),
        in.orders().where(col("status").equalTo("paid")))));
  }

  /**
   * Share of voice by changed day, from those days' interactions; care and F.R.Y. by changed month (F.R.Y. over all
   * months when who-is-who changed).
   */
  private void buildDailyMarts(MartInputs in, Dataset<Row> scored, Dataset<Row> signals, MartScope scope,
      GoldWriter writer, RunLog log) {
    SortedSet<LocalDate> days = scope.days();
    boolean all = scope.firstRun() || missing(SHARE_OF_VOICE);
    Dataset<Row> sov = ShareOfVoice.of(all ? scored
        : withSignals(in.interactions().where(MartScope.dateIn("interaction_date", days)), signals));
    log.wrote(all ? writer.replaceAll(SHARE_OF_VOICE, sov)
        : writer.replaceWhere(SHARE_OF_VOICE, sov, MartScope.dateIn("date", days)));

    Dataset<Row> care = CareMart.of(in.supportCases(), settings.careHourlyCost());
    all = scope.firstRun() || missing(CARE);
    log.wrote(all ? writer.replaceAll(CARE, care)
        : writer.replaceWhere(CARE, care, MartScope.dateIn("month", scope.months())));

    Dataset<Row> fry = Fry.of(in.orders().where(col("status").equalTo("paid")), in.customers(),
        Fry.engagedCustomers(scored));
    boolean allMonths = scope.firstRun() || scope.peopleChanged() || missing(FRY);
    log.wrote(allMonths ? writer.replaceAll(FRY, fry)
        : writer.replaceWhere(FRY, fry, MartScope.dateIn("month", scope.months())));
  }

  /** Interactions with their post signals (sentiment_score, sentiment, intent_to_buy, sentiment_lang; null unscored). */
  private static Dataset<Row> withSignals(Dataset<Row> interactions, Dataset<Row> signals) {
    return interactions.join(signals, JoinKeys.of("interaction_id"), "left");
  }

  /**
   * What the night changed, for {@link TouchedPeople}: the change feeds' rows, the customers updated orders had
   * before (the feeds carry rows as they are now), and of the changed profiles those whose evidence for the person
   * marts changed (their current rows as of the last run against now).
   */
  private TouchedPeople.Changes touchedBy(Map<String, ChangeFeed.Batch> changes, Map<String, Long> before,
      Dataset<Row> currentProfiles) {
    ChangeFeed.Batch orders = changes.get("orders");
    Dataset<Row> previous = orders.gone().select("customer_id");
    ChangeFeed.Batch profiles = changes.get("social_profiles");
    Dataset<Row> changedProfiles = profiles.nothingNew() || profiles.full() || before.get("social_profiles") == null
        ? profiles.rows()
        : TouchedPeople.profilesWithChangedEvidence(profiles.rows(),
            spark.read().format("delta").option("versionAsOf", before.get("social_profiles"))
                .load(lake.path(SilverTables.SOCIAL_PROFILES.table())).where(col("is_current")),
            currentProfiles);
    // Links as they are now and as they were before a change or an erasure: both sides' people are recomputed.
    ChangeFeed.Batch links = changes.get("identity_links");
    Dataset<Row> linksMoved = links.rows().select("platform", "profile_id", "customer_id")
        .union(links.gone().select("platform", "profile_id", "customer_id"));
    return new TouchedPeople.Changes(changes.get("interactions").rows(), orders.rows(), previous,
        changes.get("customers").rows(), changedProfiles, linksMoved, changes.get("campaigns").rows(),
        changes.get("interactions").gone().select("platform", "profile_id"));
  }

  /**
   * A silver input's changed rows as they are now and, for those the night updated or deleted (an erasure), as they
   * were: a day loses a row when it moves away or is erased, so its daily marts are recomputed too.
   */
  private static Dataset<Row> nowAndBefore(ChangeFeed.Batch batch) {
    return batch.rows().unionByName(batch.gone());
  }

  /**
   * The earliest aware_date (a person row's earliest date) among the rows that differ between {@code before} and
   * {@code after} (the same people's person_stage rows); null when none differ. Collects one value.
   */
  private static LocalDate earliestChange(Dataset<Row> before, Dataset<Row> after) {
    Row r = before.except(after).union(after.except(before)).agg(functions.min("aware_date")).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  /** The last date a dated mart holds; null when it is empty. */
  private LocalDate lastDay(DeclaredTable table) {
    Row r = table.read(spark, lake).agg(functions.max("date")).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  /** Whether a mart has not been written yet (a lake from before it existed): it is then built whole. */
  private boolean missing(DeclaredTable table) {
    return !lake.isDeltaTable(lake.path(table.table()));
  }

  /** The first day with an interaction or an order; null when there are none. */
  private static LocalDate firstDay(MartInputs in) {
    Row r = in.interactions().select(functions.min("interaction_date").as("d"))
        .union(in.orders().select(functions.min("order_date").as("d"))).agg(functions.min("d")).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  /** The earlier of two dates; a null date is no bound. */
  private static LocalDate min(LocalDate a, LocalDate b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  /** Each silver input's changes since the last marts run, by name. */
  private Map<String, ChangeFeed.Batch> readChanges(ChangeFeed feed, Map<String, Long> before) {
    Map<String, DeclaredTable> silver = new LinkedHashMap<>();
    for (DeclaredTable t : List.of(SilverTables.INTERACTIONS, SilverTables.ORDERS, SilverTables.SPEND,
        SilverTables.SUPPORT_CASES, SilverTables.CAMPAIGNS, SilverTables.CUSTOMERS, SilverTables.SOCIAL_PROFILES)) {
      silver.put(t.name(), t);
    }
    Map<String, ChangeFeed.Batch> out = new LinkedHashMap<>();
    silver.forEach((name, t) -> out.put(name, feed.read(name, lake.path(t.table()), before.get(name),
        emptyOf(t), t.keys())));
    out.put("identity_links", feed.read("identity_links", lake.path(IdentityTables.LINKS),
        before.get("identity_links"), () -> IdentityTables.emptyLinks(spark), IdentityTables.LINKS_KEYS));
    return out;
  }

  private Supplier<Dataset<Row>> emptyOf(DeclaredTable t) {
    return () -> spark.createDataFrame(new ArrayList<Row>(), t.schema());
  }

  /** The run's writes and the time of its other phases, each logged in one line as it ends. */
  private static final class RunLog {
    private final List<GoldWriter.Written> written = new ArrayList<>();
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    void count(String name, long n) {
      counts.put(name, n);
      LOG.info("marts: {} {}", name, n);
    }

    void wrote(GoldWriter.Written w) {
      written.add(w);
      LOG.info("marts: {} {} ms ({} rows, {})", w.table(), w.durationMs(), w.rows(),
          w.changed() ? "committed" : "unchanged");
    }

    <T> T phase(String name, Supplier<T> work) {
      long t0 = System.nanoTime();
      T out = work.get();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      phases.merge(name, ms, Long::sum);
      LOG.info("marts: {} {} ms", name, ms);
      return out;
    }
  }
}
