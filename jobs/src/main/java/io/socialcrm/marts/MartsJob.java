package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.socialcrm.conform.SilverTables;
import io.socialcrm.identity.IdentityTables;
import io.socialcrm.lake.ChangeFeed;
import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
 *   <li>daily and monthly marts (share of voice, care, F.R.Y.) are rebuilt for the changed days or months only,
 *       the funnel from the first changed day on;</li>
 *   <li>marts over all people (stages, attribution, ROI, influence) are rebuilt when any input changed, and
 *       written only where their rows differ;</li>
 *   <li>the per-run marts (care queue, alerts) are rebuilt for the run's date every run;</li>
 *   <li>a run over unchanged silver rebuilds only the per-run marts, which come out the same.</li>
 * </ul>
 */
public final class MartsJob {
  private static final Logger LOG = LoggerFactory.getLogger(MartsJob.class);
  /** The step's own bookkeeping: per silver input, the last Delta version the marts have processed. */
  public static final LakeTable STATE = new LakeTable(Layer.GOLD, "_marts_state");

  static final DeclaredTable POST_SIGNALS = GoldTables.load("post_signals");
  static final DeclaredTable PERSON_STAGE = GoldTables.load("person_stage");
  static final DeclaredTable FUNNEL_DAILY = GoldTables.load("funnel_daily");
  static final DeclaredTable FUNNEL_COHORTS = GoldTables.load("funnel_cohorts");
  static final DeclaredTable ATTRIBUTION = GoldTables.load(Attribution.ATTRIBUTION);
  static final DeclaredTable CHANNEL_ATTRIBUTION = GoldTables.load(Attribution.CHANNEL_ATTRIBUTION);
  static final DeclaredTable CAMPAIGN_ROI = GoldTables.load("campaign_roi");
  static final DeclaredTable FRY = GoldTables.load("fry");
  static final DeclaredTable CARE = GoldTables.load("care");
  static final DeclaredTable INFLUENCERS = GoldTables.load("influencers");
  static final DeclaredTable SHARE_OF_VOICE = GoldTables.load("share_of_voice");
  static final DeclaredTable CARE_QUEUE = GoldTables.load("care_queue");
  static final DeclaredTable ALERTS = GoldTables.load("alerts");

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
    MartScope scope = new MartScope(before.isEmpty(),
        changes.values().stream().anyMatch(b -> !b.nothingNew()),
        List.of("identity_links", "customers", "social_profiles").stream().anyMatch(t -> !changes.get(t).nothingNew()),
        MartScope.changedDays(changes.get("interactions").rows(), changes.get("orders").rows(),
            changes.get("spend").rows(), changes.get("support_cases").rows()));

    GoldWriter writer = new GoldWriter(lake);
    MartInputs in = MartInputs.read(spark, lake);
    if (!changes.get("interactions").nothingNew()) {
      log.wrote(writer.upsert(POST_SIGNALS, PostSignals.score(changes.get("interactions").rows()
          .where(col("text").isNotNull()))));
    }
    Dataset<Row> scored = People.withPerson(in.interactions().join(
        POST_SIGNALS.read(spark, lake)
            .select("interaction_id", "sentiment_score", "sentiment", "intent_to_buy", "sentiment_lang"),
        io.socialcrm.common.JoinKeys.of("interaction_id"), "left"), in.links())
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> paidOrders = in.orders().where(col("status").equalTo("paid"));
    List<Dataset<Row>> cached = new ArrayList<>(List.of(scored));
    try {
      Dataset<Row> influencers = null;
      if (scope.firstRun() || scope.anyChange()) {
        buildPeopleMarts(in, scored, paidOrders, scope, date, writer, log);
        influencers = Influencers.of(scored, in.profiles(), in.links(), in.orders(), settings)
            .persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(influencers);
        log.wrote(writer.replaceAll(INFLUENCERS, influencers));
        buildDailyMarts(in, scored, paidOrders, scope, writer, log);
      } else {
        influencers = INFLUENCERS.read(spark, lake);
      }
      Dataset<Row> queue = CareQueue.of(new CareQueue.Inputs(scored, in.profiles(), in.supportCases(),
              CareQueue.customerValue(in.orders(), date), influencers), CareTopics.load(), date,
          CareQueue.DEFAULT_WINDOW_DAYS, settings).persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(queue);
      String runScope = "run_date = DATE'" + date + "'";
      log.wrote(writer.replaceWhere(CARE_QUEUE, queue, runScope));
      Dataset<Row> daily = MentionCounts.daily(scored, date.minusDays(settings.alertBaselineDays()),
          date);
      log.wrote(writer.replaceWhere(ALERTS, Alerts.of(daily, queue, date, settings), runScope));
    } finally {
      cached.forEach(Dataset::unpersist);
    }

    Map<String, Long> after = new TreeMap<>(before);
    changes.forEach((name, b) -> {
      if (b.version() != null) {
        after.put(name, b.version());
      }
    });
    feed.saveProcessedVersions(after, before, runId);
    return new MartsResult(log.written, log.phases, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Stages and funnel, attribution and ROI: over all people, written where their rows differ. */
  private void buildPeopleMarts(MartInputs in, Dataset<Row> scored, Dataset<Row> paidOrders, MartScope scope,
      LocalDate date, GoldWriter writer, RunLog log) {
    Dataset<Row> stages = PersonStages.of(scored, in.orders(), in.customers(), in.profiles(), settings)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      log.wrote(writer.replaceAll(PERSON_STAGE, stages));
      LocalDate first = firstDay(in);
      if (first != null) {
        LocalDate from = scope.firstRun() || scope.peopleChanged() || scope.days().isEmpty() || missing(FUNNEL_DAILY)
            ? first : max(first, scope.days().first());
        LocalDate to = max(date, scope.days().isEmpty() ? date : scope.days().last());
        String range = "date >= DATE'" + from + "' AND date <= DATE'" + to + "'";
        log.wrote(writer.replaceWhere(FUNNEL_DAILY, FunnelDaily.of(stages, from, to), range));
        log.wrote(writer.replaceWhere(FUNNEL_COHORTS, FunnelCohorts.of(stages, from, to), range));
      }
    } finally {
      stages.unpersist();
    }
    Attribution attribution = Attribution.build(scored, in, settings);
    Dataset<Row> credited = attribution.attribution().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      log.wrote(writer.replaceAll(ATTRIBUTION, credited));
      log.wrote(writer.replaceAll(CHANNEL_ATTRIBUTION, ChannelAttribution.of(credited)));
      log.wrote(writer.replaceAll(CAMPAIGN_ROI, CampaignRoi.of(credited, in.spend(), in.campaigns(), paidOrders)));
    } finally {
      credited.unpersist();
    }
  }

  /** Share of voice by changed day; care and F.R.Y. by changed month (all months when who-is-who changed). */
  private void buildDailyMarts(MartInputs in, Dataset<Row> scored, Dataset<Row> paidOrders, MartScope scope,
      GoldWriter writer, RunLog log) {
    SortedSet<LocalDate> days = scope.days();
    boolean all = scope.firstRun() || missing(SHARE_OF_VOICE);
    Dataset<Row> sov = ShareOfVoice.of(all ? scored : scored.where(MartScope.dateIn("interaction_date", days)));
    log.wrote(all ? writer.replaceAll(SHARE_OF_VOICE, sov)
        : writer.replaceWhere(SHARE_OF_VOICE, sov, MartScope.dateIn("date", days)));

    Dataset<Row> care = CareMart.of(in.supportCases(), settings.careHourlyCost());
    all = scope.firstRun() || missing(CARE);
    log.wrote(all ? writer.replaceAll(CARE, care)
        : writer.replaceWhere(CARE, care, MartScope.dateIn("month", scope.months())));

    Dataset<Row> fry = Fry.of(paidOrders, in.customers(), Fry.engagedCustomers(scored));
    boolean allMonths = scope.firstRun() || scope.peopleChanged() || missing(FRY);
    log.wrote(allMonths ? writer.replaceAll(FRY, fry)
        : writer.replaceWhere(FRY, fry, MartScope.dateIn("month", scope.months())));
  }

  /** Whether a mart has not been written yet (a lake from before it existed): it is then built whole. */
  private boolean missing(DeclaredTable table) {
    return !lake.isDeltaTable(lake.path(table.table()));
  }

  /** The first day with an interaction or an order; null when there are none. */
  private static LocalDate firstDay(MartInputs in) {
    Row r = in.interactions().select(min("interaction_date").as("d"))
        .union(in.orders().select(min("order_date").as("d"))).agg(min("d")).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
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
        emptyOf(t))));
    out.put("identity_links", feed.read("identity_links", lake.path(IdentityTables.LINKS),
        before.get("identity_links"), () -> IdentityTables.emptyLinks(spark)));
    return out;
  }

  private Supplier<Dataset<Row>> emptyOf(DeclaredTable t) {
    return () -> spark.createDataFrame(new ArrayList<Row>(), t.schema());
  }

  /** The run's writes and the time of its other phases, each logged in one line as it ends. */
  private static final class RunLog {
    private final List<GoldWriter.Written> written = new ArrayList<>();
    private final Map<String, Long> phases = new LinkedHashMap<>();

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
