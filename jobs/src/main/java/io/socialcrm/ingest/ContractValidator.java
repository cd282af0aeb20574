package io.socialcrm.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.contracts.ColumnSpec;
import io.socialcrm.contracts.Contract;
import io.socialcrm.contracts.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Checks raw records (see {@link RawRecords}) against their contract. A pure transformation: the result has the
 * contract's columns typed, the raw-record columns, and {@link #REASONS}, the list of every rule the record
 * breaks as {@code struct<code, column, detail>} (empty when the record is valid). Built from Spark's own
 * functions only, no UDF. Records that carry {@link BronzeTables#INGEST_DATE} (an ingest of several dates at
 * once) keep it, and each date is its own load: a key repeats only within its date, so every date validates
 * exactly as it would alone.
 */
public final class ContractValidator {
  public static final String REASONS = "_reasons";
  private static final String REASON_TYPE = "struct<code:string,column:string,detail:string>";
  private static final String RAW_PREFIX = "_raw_";

  /** Machine-readable reason codes. */
  public static final String MALFORMED_RECORD = "malformed_record";
  public static final String MISSING_REQUIRED = "missing_required";
  public static final String TYPE_MISMATCH = "type_mismatch";
  public static final String PATTERN_MISMATCH = "pattern_mismatch";
  public static final String NOT_ALLOWED = "not_allowed";
  public static final String OUT_OF_RANGE = "out_of_range";
  public static final String RULE_FAILED = "rule_failed";
  public static final String DUPLICATE_KEY = "duplicate_key";
  /** Every reason code. */
  public static final List<String> CODES = List.of(MALFORMED_RECORD, MISSING_REQUIRED, TYPE_MISMATCH, PATTERN_MISMATCH,
      NOT_ALLOWED, OUT_OF_RANGE, RULE_FAILED, DUPLICATE_KEY);

  private ContractValidator() {}

  public static Dataset<Row> validate(Contract contract, Dataset<Row> raw) {
    // One projection per stage (not a withColumn per column: that re-analyses the plan each time).
    // Stage 1: each raw text beside its typed value, so checks can tell "absent" from "unparseable".
    List<String> carried = new ArrayList<>(META);
    boolean dated = List.of(raw.columns()).contains(BronzeTables.INGEST_DATE);
    if (dated) {
      carried.add(BronzeTables.INGEST_DATE);
    }
    List<Column> stage1 = new ArrayList<>();
    for (ColumnSpec c : contract.columns()) {
      stage1.add(col(c.name()).as(RAW_PREFIX + c.name()));
    }
    carried.forEach(m -> stage1.add(col(m)));
    Dataset<Row> df = raw.select(stage1.toArray(new Column[0]));
    List<Column> stage2 = new ArrayList<>(List.of(col("*")));
    contract.columns().forEach(c -> stage2.add(typed(c).as(c.name())));
    df = df.select(stage2.toArray(new Column[0]));
    // Stage 3: every broken rule, as a list of reasons. The checks' conditions are evaluated once in generated
    // code; only a record that breaks one builds its list (a filter with a lambda, evaluated row by row).
    List<Check> checks = new ArrayList<>();
    for (ColumnSpec c : contract.columns()) {
      checks.addAll(columnChecks(c));
    }
    for (RuleSpec r : contract.rules()) {
      checks.add(new Check(not(expr("coalesce((" + r.sql() + "), true)")), reason(RULE_FAILED, lit(null), lit(r.name()))));
    }
    Column none = expr("cast(array() AS array<" + REASON_TYPE + ">)");
    Column found = none;
    if (!checks.isEmpty()) {
      Column anyFails = checks.stream().map(Check::fails).reduce(Column::or).get();
      Column listed = filter(array(checks.stream().map(k -> when(k.fails(), k.reason())).toArray(Column[]::new)),
          r -> r.isNotNull());
      found = when(anyFails, listed).otherwise(none);
    }
    List<Column> stage3 = new ArrayList<>();
    contract.columns().forEach(c -> stage3.add(col(c.name())));
    carried.forEach(m -> stage3.add(col(m)));
    stage3.add(when(col(RawRecords.MALFORMED),
        array(reason(MALFORMED_RECORD, lit(null), lit("the record could not be parsed")))).otherwise(found).as(REASONS));
    df = df.select(stage3.toArray(new Column[0]));
    return markDuplicates(contract, df, dated).drop(RawRecords.MALFORMED);
  }

  private static final List<String> META = List.of(RawRecords.EXTRA, RawRecords.RECORD, RawRecords.MALFORMED,
      RawRecords.SOURCE_FILE, RawRecords.SOURCE_ROW);

  /**
   * Records that repeat the key of an earlier valid record (by file and row) of the same load are quarantined
   * as duplicates, pointing at the record that was kept; only otherwise-valid records take part, so a broken
   * record never hides a good one. With {@code dated}, a load is one {@link BronzeTables#INGEST_DATE}.
   */
  private static Dataset<Row> markDuplicates(Contract contract, Dataset<Row> df, boolean dated) {
    List<Column> partition = new ArrayList<>();
    contract.keys().forEach(k -> partition.add(col(k)));
    partition.add(col("_valid"));
    if (dated) {
      partition.add(col(BronzeTables.INGEST_DATE));
    }
    WindowSpec inKeyOrder = Window.partitionBy(partition.toArray(new Column[0]))
        .orderBy(col(RawRecords.SOURCE_FILE), col(RawRecords.SOURCE_ROW));
    Column duplicate = col("_valid").and(row_number().over(inKeyOrder).gt(1));
    Column kept = concat(lit("first seen at "), first(col(RawRecords.SOURCE_FILE)).over(inKeyOrder), lit(":"),
        first(col(RawRecords.SOURCE_ROW)).over(inKeyOrder).cast("string"));
    return df.withColumn("_valid", size(col(REASONS)).equalTo(0))
        .withColumn(REASONS, when(duplicate,
            array(reason(DUPLICATE_KEY, lit(String.join(",", contract.keys())), kept))).otherwise(col(REASONS)))
        .drop("_valid");
  }

  /** The typed value of a column, or null when its text does not parse as the contract type. */
  static Column typed(ColumnSpec c) {
    String raw = "`" + RAW_PREFIX + c.name() + "`";
    String t = c.columnType().name();
    String blankAsNull = "nullif(trim(" + raw + "), '')";
    String sql;
    if (c.columnType().isText()) {
      sql = raw;
    } else if ("timestamp".equals(t) && c.format() != null) {
      sql = "try_to_timestamp(" + blankAsNull + ", '" + c.format().replace("'", "\\'") + "')";
    } else if ("date".equals(t) && c.format() != null) {
      sql = "to_date(try_to_timestamp(" + blankAsNull + ", '" + c.format().replace("'", "\\'") + "'))";
    } else {
      sql = "try_cast(" + blankAsNull + " AS " + c.columnType().sparkType().sql() + ")";
    }
    return expr(sql).cast(c.columnType().sparkType());
  }

  /** A rule a record breaks when {@code fails} is true, and the reason it then gets. */
  private record Check(Column fails, Column reason) {}

  private static List<Check> columnChecks(ColumnSpec c) {
    Column raw = col(RAW_PREFIX + c.name());
    Column value = col(c.name());
    Column absent = raw.isNull().or(trim(raw).equalTo(""));
    List<Check> checks = new ArrayList<>();
    if (c.required()) {
      checks.add(new Check(absent, reason(MISSING_REQUIRED, lit(c.name()), lit("required value is missing"))));
    }
    if (!c.columnType().isText()) {
      checks.add(new Check(not(absent).and(value.isNull()), reason(TYPE_MISMATCH, lit(c.name()),
          concat(lit("'"), raw, lit("' is not a " + c.type() + (c.format() == null ? "" : " in format " + c.format()))))));
    }
    if (c.pattern() != null) {
      checks.add(new Check(not(absent).and(not(raw.rlike(c.pattern()))), reason(PATTERN_MISMATCH, lit(c.name()),
          concat(lit("'"), raw, lit("' does not match " + c.pattern())))));
    }
    if (c.allowed() != null && !c.allowed().isEmpty()) {
      checks.add(new Check(value.isNotNull().and(not(value.isin(c.allowed().toArray()))), reason(NOT_ALLOWED,
          lit(c.name()), concat(lit("'"), raw, lit("' is not one of " + c.allowed())))));
    }
    if (c.min() != null) {
      checks.add(new Check(value.lt(lit(c.min())), reason(OUT_OF_RANGE, lit(c.name()),
          concat(lit("'"), raw, lit("' is below " + c.min())))));
    }
    if (c.max() != null) {
      checks.add(new Check(value.gt(lit(c.max())), reason(OUT_OF_RANGE, lit(c.name()),
          concat(lit("'"), raw, lit("' is above " + c.max())))));
    }
    return checks;
  }

  private static Column reason(String code, Column column, Column detail) {
    return struct(lit(code).as("code"), column.cast("string").as("column"), detail.cast("string").as("detail"));
  }
}
