package io.socialcrm.orchestration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.socialcrm.common.JoinKeys;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.identity.IdentityJob;
import io.socialcrm.identity.IdentityTables;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.TableReader;
import io.socialcrm.lake.TableVersions;
import io.socialcrm.marts.GoldTables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The figures of a run's HTML report, read from the lake as of the run's date: the own brand's funnel, return by
 * campaign and attribution model, and identity match figures. Each is a small aggregate (stages, campaigns ×
 * models, platforms × methods, ten score bins), so collecting it is bounded whatever the input size. A table the
 * lake does not hold yet (a run without marts) gives an empty list.
 */
public record ReportFigures(
    @JsonProperty("as_of") String asOf,
    @JsonProperty("funnel") List<FunnelStage> funnel,
    @JsonProperty("roi") List<CampaignModelRoi> roi,
    @JsonProperty("identity") List<PlatformLinks> identity,
    @JsonProperty("scores") List<ScoreBin> scores) {

  /** Campaigns the report shows at most: those with the highest cost. */
  public static final int TOP_CAMPAIGNS = 12;
  /** Bins of the match-probability histogram, each 0.1 wide. */
  public static final int SCORE_BINS = 10;

  /** One funnel stage of the own brand on the latest funnel date up to the run's date, summed over its groups. */
  public record FunnelStage(
      @JsonProperty("stage") String stage,
      @JsonProperty("stage_order") int stageOrder,
      @JsonProperty("people_reached") long peopleReached,
      @JsonProperty("entries") long entries,
      @JsonProperty("conversion_rate") Double conversionRate) {}

  /** A campaign's cost and the revenue a model credits to it, over every month up to the run's date. */
  public record CampaignModelRoi(
      @JsonProperty("campaign_id") String campaignId,
      @JsonProperty("campaign_name") String campaignName,
      @JsonProperty("model") String model,
      @JsonProperty("cost") double cost,
      @JsonProperty("attributed_revenue") double attributedRevenue,
      @JsonProperty("roi") Double roi) {}

  /** A platform's current (non-brand) profiles, its current links by method, and its pairs awaiting review. */
  public record PlatformLinks(
      @JsonProperty("platform") String platform,
      @JsonProperty("profiles") long profiles,
      @JsonProperty("deterministic") long deterministic,
      @JsonProperty("probabilistic") long probabilistic,
      @JsonProperty("review") long review) {}

  /** Probabilistic links and review pairs whose match probability falls in [low, low + 0.1). */
  public record ScoreBin(
      @JsonProperty("low") double low,
      @JsonProperty("links") long links,
      @JsonProperty("review") long review) {}

  public static ReportFigures empty(LocalDate date) {
    return new ReportFigures(date.toString(), List.of(), List.of(), List.of(), List.of());
  }

  /** The tables the figures are read from. */
  static List<LakeTable> sources() {
    return List.of(GoldTables.load("funnel_daily").table(), GoldTables.load("campaign_roi").table(),
        SilverTables.SOCIAL_PROFILES.table(), IdentityTables.LINKS, IdentityTables.REVIEW);
  }

  /** The figures last read, and what they were read from (date and table versions). */
  record Cached(@JsonProperty("key") String key, @JsonProperty("figures") ReportFigures figures) {}


  /**
   * The figures as of {@code date}: those last read when the date and every source table's version are the same
   * (a rerun that changed nothing reads no table), else read anew and kept in {@code <lake>/_state/report_figures.json}.
   */
  public static ReportFigures readCached(SparkSession spark, Lake lake, LocalDate date) {
    TableVersions versions = new TableVersions(lake);
    String key = date + " " + versions.latest(sources().stream().map(lake::path).toList());
    String file = Lake.join(lake.root(), "_state", "report_figures.json");
    Cached cached = lake.readJson(file, Cached.class); // unreadable: the figures are read again
    if (cached != null && key.equals(cached.key())) {
      return cached.figures();
    }
    ReportFigures figures = read(spark, lake, date);
    lake.writeJson(file, new Cached(key, figures));
    return figures;
  }

  /** Reads the figures from the lake's gold and silver tables as of {@code date}. */
  public static ReportFigures read(SparkSession spark, Lake lake, LocalDate date) {
    Function<LakeTable, Dataset<Row>> table = t -> lake.isDeltaTable(lake.path(t))
        ? TableReader.read(spark, lake, lake.path(t)) : null;
    List<LakeTable> sources = sources();
    Dataset<Row> funnelDaily = table.apply(sources.get(0));
    Dataset<Row> campaignRoi = table.apply(sources.get(1));
    Dataset<Row> profiles = table.apply(sources.get(2));
    Dataset<Row> links = table.apply(sources.get(3));
    Dataset<Row> review = table.apply(sources.get(4));
    boolean identityRan = profiles != null && links != null && review != null;
    return new ReportFigures(date.toString(),
        funnelDaily == null ? List.of() : funnel(funnelDaily, date).collectAsList().stream().map(r -> new FunnelStage(
            r.getString(0), r.getInt(1), r.getLong(2), r.getLong(3), r.isNullAt(4) ? null : r.getDouble(4))).toList(),
        campaignRoi == null ? List.of() : roi(campaignRoi, date).collectAsList().stream().map(r -> new CampaignModelRoi(
            r.getString(0), r.getString(1), r.getString(2), r.getDouble(3), r.getDouble(4),
            r.isNullAt(5) ? null : r.getDouble(5))).toList(),
        !identityRan ? List.of() : identity(profiles, links, review).collectAsList().stream().map(r -> new PlatformLinks(
            r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4))).toList(),
        !identityRan ? List.of() : scores(links, review).collectAsList().stream().map(r -> new ScoreBin(
            r.getDouble(0), r.getLong(1), r.getLong(2))).toList());
  }

  /**
   * The own brand's funnel on its latest date up to {@code date}: per stage (in funnel order) the people who had
   * reached it, those who entered it that day, and the conversion to the next stage (null for the last).
   * Columns: stage, stage_order, people_reached, entries, conversion_rate.
   */
  public static Dataset<Row> funnel(Dataset<Row> funnelDaily, LocalDate date) {
    Dataset<Row> own = funnelDaily.where(col("is_own_brand").and(col("date").leq(lit(Date.valueOf(date)))));
    Dataset<Row> latest = own.agg(max("date").as("latest"));
    return own.join(latest, col("date").equalTo(col("latest")))
        .groupBy("stage", "stage_order")
        .agg(sum("people_reached").as("people_reached"), sum("entries").as("entries"),
            sum("converted_to_next").as("converted"),
            sum(when(col("next_stage").isNotNull(), col("people_reached"))).as("reached_with_next"))
        .select(col("stage"), col("stage_order").cast("int"), col("people_reached").cast("long"),
            col("entries").cast("long"),
            when(col("reached_with_next").gt(0), col("converted").divide(col("reached_with_next")))
                .cast("double").as("conversion_rate"))
        .orderBy("stage_order");
  }

  /**
   * Per campaign and attribution model, cost and attributed revenue over the months up to {@code date}, and ROI
   * ((revenue − cost) / cost, null without cost), for the {@value #TOP_CAMPAIGNS} campaigns with the highest cost
   * (then revenue). Columns: campaign_id, campaign_name, model, cost, attributed_revenue, roi.
   */
  public static Dataset<Row> roi(Dataset<Row> campaignRoi, LocalDate date) {
    Dataset<Row> byModel = campaignRoi.where(col("month").leq(lit(Date.valueOf(date))))
        .groupBy("campaign_id", "model")
        .agg(max("campaign_name").as("campaign_name"), sum("cost").cast("double").as("cost"),
            sum("attributed_revenue").cast("double").as("attributed_revenue"));
    // Each month has one row per model with the same cost, so a campaign's cost is the same under every model.
    Dataset<Row> top = byModel.groupBy("campaign_id")
        .agg(max("cost").as("campaign_cost"), max("attributed_revenue").as("best_revenue"))
        .orderBy(desc("campaign_cost"), desc("best_revenue"), col("campaign_id"))
        .limit(TOP_CAMPAIGNS)
        .select("campaign_id", "campaign_cost");
    return byModel.join(top, "campaign_id")
        .select(col("campaign_id"), col("campaign_name"), col("model"), col("cost"), col("attributed_revenue"),
            when(col("cost").gt(0), col("attributed_revenue").minus(col("cost")).divide(col("cost"))).as("roi"),
            col("campaign_cost"))
        .orderBy(desc("campaign_cost"), col("campaign_id"), col("model"))
        .drop("campaign_cost");
  }

  /**
   * Per platform: current non-brand profiles, current links made by a rule (every method but the model's) and by
   * the model, and pairs in the review band. Columns: platform, profiles, deterministic, probabilistic, review.
   */
  public static Dataset<Row> identity(Dataset<Row> profiles, Dataset<Row> links, Dataset<Row> review) {
    Dataset<Row> people = profiles.where(col("is_current").and(col("is_brand").isNull().or(col("is_brand").equalTo(false))))
        .groupBy("platform").agg(count(lit(1)).as("profiles"));
    Dataset<Row> linked = links.where(col("is_current")).groupBy("platform").agg(
        sum(when(col("method").notEqual(IdentityJob.PROBABILISTIC), 1).otherwise(0)).cast("long").as("deterministic"),
        sum(when(col("method").equalTo(IdentityJob.PROBABILISTIC), 1).otherwise(0)).cast("long").as("probabilistic"));
    Dataset<Row> pending = review.groupBy("platform").agg(count(lit(1)).as("review"));
    return people.join(linked, JoinKeys.of("platform"), "full_outer")
        .join(pending, JoinKeys.of("platform"), "full_outer")
        .select(col("platform"), zero("profiles"), zero("deterministic"), zero("probabilistic"), zero("review"))
        .orderBy("platform");
  }

  /**
   * The match-probability histogram of the model's current links and of the review band, in {@value #SCORE_BINS}
   * bins from 0 (every bin, empty ones too). Columns: low, links, review.
   */
  public static Dataset<Row> scores(Dataset<Row> links, Dataset<Row> review) {
    Dataset<Row> scored = links.where(col("is_current").and(col("method").equalTo(IdentityJob.PROBABILISTIC)))
        .select(col("match_probability"), lit(1).as("is_link"))
        .unionByName(review.select(col("match_probability"), lit(0).as("is_link")));
    Dataset<Row> binned = scored.where(col("match_probability").isNotNull())
        .select(least(floor(col("match_probability").multiply(SCORE_BINS)), lit(SCORE_BINS - 1)).cast("int").as("bin"),
            col("is_link"))
        .groupBy("bin")
        .agg(sum("is_link").cast("long").as("links"), sum(lit(1).minus(col("is_link"))).cast("long").as("review"));
    Dataset<Row> bins = scored.sparkSession().range(SCORE_BINS).select(col("id").cast("int").as("bin"));
    return bins.join(binned, JoinKeys.of("bin"), "left")
        .select(col("bin").divide(SCORE_BINS).cast("double").as("low"), zero("links"), zero("review"))
        .orderBy("low");
  }

  private static Column zero(String name) {
    return org.apache.spark.sql.functions.coalesce(col(name), lit(0L)).cast("long").as(name);
  }
}
