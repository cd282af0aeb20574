package io.socialcrm.conform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.CsvResource;
import io.socialcrm.common.Errors;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Exchange rates to EUR from {@code schemas/reference/fx_rates.csv} (currency, rate_to_eur: euros per unit,
 * valid_from: first day the rate holds, until the next rate of the currency), and the conversion of money columns
 * into one reporting currency with the newest rate valid on a fact's date. A fact whose rate is missing keeps a null
 * converted amount and is listed as a reject with reason {@link #MISSING_FX_RATE}.
 */
public final class FxRates {
  /** Class-path resource the rates are read from. */
  public static final String RESOURCE = "schemas/reference/fx_rates.csv";
  public static final String DEFAULT_REPORTING_CURRENCY = "EUR";
  /** Reason code of a fact without a rate for its currency (or the reporting currency) on its date. */
  public static final String MISSING_FX_RATE = "missing_fx_rate";
  /** Added by {@link #convert}: null when converted, else why the amount could not be converted. */
  public static final String FX_PROBLEM = "_fx_problem";
  /** The rates' schema: currency, rate_to_eur decimal(18,8), valid_from date. */
  public static final StructType SCHEMA = new StructType()
      .add("currency", DataTypes.StringType, false)
      .add("rate_to_eur", DataTypes.createDecimalType(18, 8), false)
      .add("valid_from", DataTypes.DateType, false);
  /** Bronze ingestion metadata carried into rejects when the input has it (as quarantine tables hold it). */
  static final List<String> METADATA = List.of("_source_file", "_source_row", "_run_id", "_ingested_at", "_ingest_date");

  /** Silver rows (with amounts converted where a rate exists) and the rejects to quarantine (missing rates). */
  public record Converted(Dataset<Row> rows, Dataset<Row> rejects) {}

  private FxRates() {}

  /** The rates of {@link #RESOURCE} as a small Dataset ({@link #SCHEMA}). */
  public static Dataset<Row> load(SparkSession spark) {
    return spark.createDataFrame(parse(RESOURCE), SCHEMA);
  }

  /** Reads and checks a rates CSV resource: the header, ISO currency codes, positive rates, ISO dates, no repeats. */
  static List<Row> parse(String resource) {
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CsvResource.Line line : CsvResource.read(resource, "currency,rate_to_eur,valid_from",
        Errors::invalidReferenceData)) {
      int n = line.number();
      String[] f = line.fields();
      if (f.length != 3 || !f[0].matches("[A-Z]{3}")) {
        throw Errors.invalidReferenceData(resource, "line " + n + " is not <ISO currency>,<rate>,<yyyy-mm-dd>");
      }
      BigDecimal rate;
      LocalDate from;
      try {
        rate = new BigDecimal(f[1]);
        from = LocalDate.parse(f[2]);
      } catch (NumberFormatException | DateTimeParseException e) {
        throw Errors.invalidReferenceData(resource, "line " + n + ": " + Errors.rootMessage(e));
      }
      if (rate.signum() <= 0) {
        throw Errors.invalidReferenceData(resource, "line " + n + ": the rate must be positive");
      }
      if (!seen.add(f[0] + "@" + from)) {
        throw Errors.invalidReferenceData(resource, "line " + n + ": a second " + f[0] + " rate from " + from);
      }
      rows.add(RowFactory.create(f[0], rate.setScale(8, RoundingMode.HALF_UP), Date.valueOf(from)));
    }
    return rows;
  }

  /** The rates with the last day each holds: valid_to (exclusive, the next rate's valid_from; null for the newest). */
  private static Dataset<Row> intervals(Dataset<Row> rates, String prefix) {
    return rates.select(
        col("currency").as(prefix + "currency"),
        col("rate_to_eur").as(prefix + "rate"),
        col("valid_from").as(prefix + "from"),
        lead(col("valid_from"), 1).over(Window.partitionBy("currency").orderBy("valid_from")).as(prefix + "to"));
  }

  private static Column validOn(Dataset<Row> r, String prefix, Column date) {
    Column to = r.col(prefix + "to");
    return date.geq(r.col(prefix + "from")).and(to.isNull().or(date.lt(to)));
  }

  /**
   * Adds {@code amount_reporting} (decimal(14,2), rounded half up), {@code reporting_currency} and
   * {@link #FX_PROBLEM} to the facts: the amount times the currency's rate to EUR divided by the reporting currency's
   * rate to EUR, each the newest rate valid on the date (the amount itself when the currency is the reporting one).
   * Without a rate the converted amount is null and {@link #FX_PROBLEM} says which rate is missing. The rates are
   * broadcast; a reporting currency that has no rate at all is an error.
   */
  public static Dataset<Row> convert(Dataset<Row> facts, String amount, String currency, String date,
      Dataset<Row> rates, String reportingCurrency) {
    List<String> known = rates.select("currency").distinct().as(Encoders.STRING())
        .collectAsList();
    if (!known.contains(reportingCurrency)) {
      throw Errors.badReportingCurrency(reportingCurrency, known.stream().sorted().toList());
    }
    Dataset<Row> from = broadcast(intervals(rates, "_fx_from_"));
    Dataset<Row> to = broadcast(intervals(rates, "_fx_to_").filter(col("_fx_to_currency").equalTo(reportingCurrency)));
    Column day = col(date).cast(DataTypes.DateType);
    Dataset<Row> joined = facts
        .join(from, col(currency).equalTo(from.col("_fx_from_currency")).and(validOn(from, "_fx_from_", day)), "left")
        .join(to, validOn(to, "_fx_to_", day), "left");
    Column same = col(currency).equalTo(lit(reportingCurrency));
    Column converted = round(col(amount).cast(DataTypes.createDecimalType(20, 2))
        .multiply(col("_fx_from_rate")).divide(col("_fx_to_rate")), 2);
    Column amountReporting = when(same, col(amount)).otherwise(converted).cast(DataTypes.createDecimalType(14, 2));
    Column problem = when(col(amount).isNull(), lit(null))
        .when(col(currency).isNull(), lit("no currency"))
        .when(same, lit(null))
        .when(col("_fx_from_rate").isNull(),
            concat(lit("no "), col(currency), lit(" rate valid on "), day.cast("string"), lit(" in " + RESOURCE)))
        .when(col("_fx_to_rate").isNull(),
            concat(lit("no " + reportingCurrency + " rate valid on "), day.cast("string"), lit(" in " + RESOURCE)));
    List<String> drop = new ArrayList<>();
    for (String p : List.of("_fx_from_", "_fx_to_")) {
      for (String c : List.of("currency", "rate", "from", "to")) {
        drop.add(p + c);
      }
    }
    return joined
        .withColumn("amount_reporting", amountReporting)
        .withColumn("reporting_currency", lit(reportingCurrency))
        .withColumn(FX_PROBLEM, problem)
        .drop(drop.toArray(new String[0]));
  }

  /**
   * The converted facts that have an {@link #FX_PROBLEM}, shaped as quarantine rows: {@code _input},
   * {@code _record} (the silver row as JSON), {@code _reasons} (one {@link #MISSING_FX_RATE} reason on
   * {@code currencyColumn}) and the bronze metadata columns the facts carry.
   */
  static Dataset<Row> rejects(Dataset<Row> converted, String input, List<String> silverColumns, String currencyColumn) {
    List<Column> cols = new ArrayList<>();
    cols.add(lit(input).as("_input"));
    cols.add(to_json(struct(silverColumns.stream().map(c -> col(c)).toArray(Column[]::new))).as("_record"));
    cols.add(array(struct(lit(MISSING_FX_RATE).as("code"), lit(currencyColumn).as("column"),
        col(FX_PROBLEM).as("detail"))).as("_reasons"));
    Set<String> present = Set.of(converted.columns());
    METADATA.stream().filter(present::contains).forEach(m -> cols.add(col(m)));
    return converted.filter(col(FX_PROBLEM).isNotNull()).select(cols.toArray(new Column[0]));
  }
}
