package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.unix_seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Silver CRM facts from bronze: {@code silver.campaigns}, {@code silver.spend}, {@code silver.support_cases} and
 * {@code silver.leads}, each the latest version per key within the batch (newest {@code updated_at}; ties go to the
 * newest load), with the bronze technical columns dropped.
 */
public final class CrmFactsTransform {
  public static final List<String> CAMPAIGN_KEY = List.of("campaign_id");
  public static final List<String> CAMPAIGN_COLUMNS = List.of("campaign_id", "name", "brand", "platform",
      "utm_campaign", "objective", "start_date", "end_date", "updated_at");
  public static final List<String> SPEND_KEY = List.of("campaign_id", "spend_date", "cost_type");
  public static final List<String> SPEND_COLUMNS = List.of("campaign_id", "spend_date", "cost_type", "amount",
      "currency", "amount_reporting", "reporting_currency", "updated_at");
  public static final List<String> SUPPORT_CASE_KEY = List.of("case_id");
  public static final List<String> SUPPORT_CASE_COLUMNS = List.of("case_id", "customer_id", "channel", "platform",
      "social_post_id", "topic", "opened_at", "first_response_at", "resolved_at", "status", "handling_minutes",
      "first_response_minutes", "resolution_minutes", "updated_at");
  public static final List<String> LEAD_KEY = List.of("lead_id");
  public static final List<String> LEAD_COLUMNS = List.of("lead_id", "first_name", "last_name", "email", "source",
      "campaign_id", "status", "converted_customer_id", "created_at", "updated_at");

  public static final SilverBuild CAMPAIGNS_BUILD = SilverBuild.latestByKey(SilverTables.CAMPAIGNS,
      List.of("campaigns"), in -> campaigns(in.bronze("campaigns")), "updated_at");
  /** An amount without an FX rate stays, with amount_reporting null (see {@link FxRates}). */
  public static final SilverBuild SPEND_BUILD = SilverBuild.latestByKey(SilverTables.SPEND,
      List.of("marketing_spend"), in -> spend(in.bronze("marketing_spend"), FxRates.load(in.spark())).rows(),
      "updated_at");
  public static final SilverBuild SUPPORT_CASES_BUILD = SilverBuild.latestByKey(SilverTables.SUPPORT_CASES,
      List.of("support_cases"), in -> supportCases(in.bronze("support_cases")), "updated_at");
  public static final SilverBuild LEADS_BUILD = SilverBuild.latestByKey(SilverTables.LEADS,
      List.of("leads"), in -> leads(in.bronze("leads")), "updated_at");

  /** Bronze ingestion metadata, newest load first as tie-breakers, with their types (added as nulls when absent). */
  private static final List<String> LOAD_ORDER = List.of("_ingest_date", "_ingested_at", "_source_file", "_source_row");
  private static final List<DataType> LOAD_TYPES = List.of(DataTypes.DateType, DataTypes.TimestampType,
      DataTypes.StringType, DataTypes.LongType);

  private CrmFactsTransform() {}

  /**
   * One row per key: the one with the greatest {@code versionColumns} (in order, nulls lowest), then the newest load
   * by the bronze metadata (ingest date, ingestion time, file, row) where the input has it.
   */
  public static Dataset<Row> latestPerKey(Dataset<Row> df, List<String> keys, String... versionColumns) {
    Set<String> present = Set.of(df.columns());
    List<Column> order = new ArrayList<>();
    for (String v : versionColumns) {
      order.add(col(v).desc_nulls_last());
    }
    for (String m : LOAD_ORDER) {
      if (present.contains(m)) {
        order.add(col(m).desc_nulls_last());
      }
    }
    Column[] partition = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    return df.withColumn("_version_rank", row_number().over(
            Window.partitionBy(partition).orderBy(order.toArray(new Column[0]))))
        .filter(col("_version_rank").equalTo(1))
        .drop("_version_rank");
  }

  /** The bronze metadata columns the job may carry into quarantine, added as typed nulls when the input lacks them. */
  static Dataset<Row> withLoadColumns(Dataset<Row> df) {
    Set<String> present = Set.of(df.columns());
    Dataset<Row> out = df;
    for (int i = 0; i < LOAD_ORDER.size(); i++) {
      if (!present.contains(LOAD_ORDER.get(i))) {
        out = out.withColumn(LOAD_ORDER.get(i), lit(null).cast(LOAD_TYPES.get(i)));
      }
    }
    return out;
  }

  static Dataset<Row> select(Dataset<Row> df, List<String> columns) {
    return df.select(columns.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** {@code silver.campaigns}: the latest version per campaign_id. Merge key: campaign_id. */
  public static Dataset<Row> campaigns(Dataset<Row> bronzeCampaigns) {
    return select(latestPerKey(bronzeCampaigns, CAMPAIGN_KEY, "updated_at"), CAMPAIGN_COLUMNS);
  }

  /**
   * {@code silver.spend}: the latest version per campaign_id, spend_date and cost_type, with the amount in the
   * reporting currency (rate valid on spend_date). Rows without a rate keep a null amount_reporting and are also in
   * the rejects (reason {@link FxRates#MISSING_FX_RATE}, input {@code marketing_spend}). Merge key: {@link #SPEND_KEY}.
   */
  public static FxRates.Converted spend(Dataset<Row> bronzeSpend, Dataset<Row> rates, String reportingCurrency) {
    Dataset<Row> latest = latestPerKey(bronzeSpend, SPEND_KEY, "updated_at");
    Dataset<Row> converted = FxRates.convert(latest, "amount", "currency", "spend_date", rates, reportingCurrency);
    return new FxRates.Converted(select(converted, SPEND_COLUMNS),
        FxRates.rejects(converted, "marketing_spend", SPEND_COLUMNS, "currency"));
  }

  /** {@link #spend(Dataset, Dataset, String)} in {@link FxRates#DEFAULT_REPORTING_CURRENCY}. */
  public static FxRates.Converted spend(Dataset<Row> bronzeSpend, Dataset<Row> rates) {
    return spend(bronzeSpend, rates, FxRates.DEFAULT_REPORTING_CURRENCY);
  }

  /**
   * {@code silver.support_cases}: the latest version per case_id, plus first_response_minutes (opened_at to
   * first_response_at) and resolution_minutes (opened_at to resolved_at), doubles rounded to 0.01 minute, null while
   * there is no response or resolution. Merge key: case_id.
   */
  public static Dataset<Row> supportCases(Dataset<Row> bronzeCases) {
    Dataset<Row> latest = latestPerKey(bronzeCases, SUPPORT_CASE_KEY, "updated_at")
        .withColumn("first_response_minutes", minutesBetween(col("opened_at"), col("first_response_at")))
        .withColumn("resolution_minutes", minutesBetween(col("opened_at"), col("resolved_at")));
    return select(latest, SUPPORT_CASE_COLUMNS);
  }

  private static Column minutesBetween(Column from, Column to) {
    return round(unix_seconds(to).minus(unix_seconds(from)).cast(DataTypes.DoubleType).divide(60.0), 2);
  }

  /** {@code silver.leads}: the latest version per lead_id. Merge key: lead_id. */
  public static Dataset<Row> leads(Dataset<Row> bronzeLeads) {
    return select(latestPerKey(bronzeLeads, LEAD_KEY, "updated_at"), LEAD_COLUMNS);
  }
}
