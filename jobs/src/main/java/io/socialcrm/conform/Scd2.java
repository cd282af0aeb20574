package io.socialcrm.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.RunScratch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Slowly changing dimension type 2 over a Delta table: one row per version of a business key, with
 * {@code row_hash} of the tracked columns, {@code valid_from} (the observation time that made the version),
 * {@code valid_to} (the next version's valid_from, null while current) and {@code is_current}.
 *
 * <p>A batch of observations is applied per key in time order, seeded with the current version: an observation
 * whose tracked columns equal the version before it is a no-op, a different one closes that version and opens a
 * new one (so several changes in one batch keep their history). An observation not newer than the current
 * version's valid_from is ignored for versioning (history is never rewritten: a late, older change is dropped).
 * Optionally, tracked columns missing (null) in an observation keep their last known value, or take the next
 * one the batch brings, which also fills them in place on the current version ({@code fillNulls});
 * {@code latest} columns are overwritten in place on the current version (newest non-null value, no new
 * version); {@code firstSeen}/{@code lastSeen} record the earliest and latest observation on the current version.
 */
public final class Scd2 {
  public static final String ROW_HASH = "row_hash";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";
  public static final String IS_CURRENT = "is_current";
  /** Action of a change row that ends the current version. */
  public static final String CLOSE = "close";
  /** Action of a change row that updates the current version in place (latest columns, first/last seen). */
  public static final String TOUCH = "touch";

  private static final String TS = "_ts";
  private static final String FROM_TARGET = "_from_target";
  private static final String CUR_TS = "_cur_ts";
  private static final String CUR_SEEN = "_cur_seen";
  private static final String BATCH_FIRST = "_batch_first";
  private static final String BATCH_LAST = "_batch_last";
  private static final String HASH = "_hash";
  private static final String NEXT = "_next";
  private static final String STORED_HASH = "_stored_hash";

  private Scd2() {}

  /**
   * What to version and how.
   *
   * @param keys      business key columns
   * @param tracked   columns whose change makes a new version (they make {@code row_hash})
   * @param carried   columns stored with each version as observed, not compared (e.g. created_at)
   * @param latest    columns updated in place on the current version (newest non-null), not compared
   * @param ts        the observation-time column of the input (becomes valid_from)
   * @param firstSeen output column of the earliest observation (on the current version), or null
   * @param lastSeen  output column of the latest observation (on the current version), or null
   * @param fillNulls whether a null tracked value in an observation means "unknown" (keep the last one)
   */
  public record Spec(List<String> keys, List<String> tracked, List<String> carried, List<String> latest, String ts,
                     String firstSeen, String lastSeen, boolean fillNulls) {
    List<String> attributes() {
      return Stream.of(tracked, carried, latest).flatMap(List::stream).distinct().toList();
    }

    boolean seen() {
      return firstSeen != null && lastSeen != null;
    }
  }

  /** The row hash of the tracked columns (SHA-256 of their JSON; null columns are left out of it). */
  public static Column rowHash(List<String> tracked) {
    return sha2(to_json(struct(tracked.stream().map(c -> col(c)).toArray(Column[]::new))), 256);
  }

  /** {@link #rowHash} of one row's tracked columns, computed by Spark (for checks and tests). */
  public static String rowHashOf(SparkSession spark, Row row, List<String> tracked) {
    List<StructField> fields = new ArrayList<>();
    Object[] values = new Object[tracked.size()];
    for (int i = 0; i < tracked.size(); i++) {
      fields.add(row.schema().apply(tracked.get(i)));
      values[i] = row.getAs(tracked.get(i));
    }
    return spark.createDataFrame(List.of(RowFactory.create(values)),
            new StructType(fields.toArray(new StructField[0])))
        .select(rowHash(tracked)).head().getString(0);
  }

  /** A writer that versions a table by {@code spec}, adding {@code derive}d columns (match keys) to new versions. */
  public static SilverWriter writer(Spec spec, UnaryOperator<Dataset<Row>> derive) {
    // Only the versions of the batch's keys can change: the windows run over those, not the whole table.
    return (scratch, lake, table, rows) -> write(scratch, lake, table, scratch.keep(rows), spec, derive);
  }

  /** One batch (kept in the scratch files) applied: its keys' versions changed in one commit. */
  private static WriteCounts write(RunScratch scratch, Lake lake,
      DeclaredTable table, Dataset<Row> batch, Spec spec, UnaryOperator<Dataset<Row>> derive) {
    Dataset<Row> stored = SilverWriter.storedOfBatchKeys(SilverWriter.current(scratch.spark(), lake, table), batch,
        spec.keys());
    Dataset<Row> changes = derive.apply(changes(stored, batch, spec));
    List<String> matchKeys = new ArrayList<>(spec.keys());
    matchKeys.add(VALID_FROM);
    String on = SilverWriter.keysEqual(matchKeys) + " AND s." + SilverWriter.ACTION + " <> '" + SilverWriter.INSERT + "'";
    return SilverWriter.apply(scratch, lake, table, changes, on, (merge, columns) -> {
      // A closed or touched current version takes the change row whole: valid_to and is_current, and for a
      // touch the latest columns, first/last seen and attributes it was enriched with (with their match keys).
      Map<String, String> update = new LinkedHashMap<>();
      columns.stream().filter(c -> !matchKeys.contains(c)).forEach(c -> update.put(c, "s." + c));
      return merge.whenMatched().updateExpr(update);
    });
  }

  /**
   * The change rows a batch makes (pure): new versions ({@code insert}), current versions to end ({@code close},
   * with their new valid_to) and current versions updated in place ({@code touch}). Each row has the key,
   * attributes, row_hash, valid_from, valid_to, is_current, first/last seen if any, and {@link SilverWriter#ACTION}.
   *
   * @param target       the table as stored (all versions; only current ones are read)
   * @param observations the batch: key, attribute and ts columns
   */
  public static Dataset<Row> changes(Dataset<Row> target, Dataset<Row> observations, Spec spec) {
    List<String> attrs = spec.attributes();
    Column[] keyCols = spec.keys().stream().map(c -> col(c)).toArray(Column[]::new);

    Dataset<Row> cur = target.filter(col(IS_CURRENT));
    List<Column> curCols = new ArrayList<>();
    spec.keys().forEach(k -> curCols.add(col(k)));
    attrs.forEach(a -> curCols.add(col(a)));
    curCols.add(col(VALID_FROM).as(TS));
    curCols.add(lit(true).as(FROM_TARGET));
    curCols.add(col(ROW_HASH).as(STORED_HASH));
    curCols.add((spec.seen() ? col(spec.firstSeen()) : lit(null).cast("timestamp")).as("_cur_first"));
    curCols.add((spec.seen() ? col(spec.lastSeen()) : lit(null).cast("timestamp")).as("_cur_last"));
    Dataset<Row> current = cur.select(curCols.toArray(new Column[0]));

    Dataset<Row> obs = observations.withColumn(TS, col(spec.ts()));
    // Activity of the batch per key, from every observation (older ones too).
    Dataset<Row> activity = obs.groupBy(keyCols).agg(min(TS).as(BATCH_FIRST), max(TS).as(BATCH_LAST));

    // One observation per key and time: the one that knows most, then a stable order.
    Column known = lit(0);
    for (String a : attrs) {
      known = known.plus(when(col(a).isNotNull(), 1).otherwise(0));
    }
    WindowSpec sameTime = Window.partitionBy(Stream.concat(spec.keys().stream(), Stream.of(TS)).map(c -> col(c))
        .toArray(Column[]::new)).orderBy(known.desc(), to_json(struct(attrs.stream().map(c -> col(c)).toArray(Column[]::new))).desc());
    obs = obs.withColumn("_rank", row_number().over(sameTime)).filter(col("_rank").equalTo(1));

    // Only observations newer than the current version make versions; latest columns only from those not
    // older than what the current version last saw.
    Column curSeen = spec.seen() ? coalesce(col("_cur_last"), col(CUR_TS)) : col(CUR_TS);
    obs = obs.join(current.select(Stream.concat(spec.keys().stream().map(c -> col(c)),
                Stream.of(col(TS).as(CUR_TS), curSeen.as(CUR_SEEN))).toArray(Column[]::new)),
            spec.keys().toArray(new String[0]), "left")
        .filter(col(CUR_TS).isNull().or(col(TS).gt(col(CUR_TS))));
    for (String a : spec.latest()) {
      obs = obs.withColumn(a, when(col(CUR_SEEN).isNull().or(col(TS).geq(col(CUR_SEEN))), col(a)));
    }
    List<Column> seqCols = new ArrayList<>();
    spec.keys().forEach(k -> seqCols.add(col(k)));
    attrs.forEach(a -> seqCols.add(col(a)));
    seqCols.add(col(TS));
    seqCols.add(col(FROM_TARGET));
    seqCols.add(col(STORED_HASH));
    Dataset<Row> seq = current.drop("_cur_first", "_cur_last").select(seqCols.toArray(new Column[0]))
        .unionByName(obs.withColumn(FROM_TARGET, lit(false)).withColumn(STORED_HASH, lit(null).cast("string"))
            .select(seqCols.toArray(new Column[0])));

    WindowSpec byTime = Window.partitionBy(keyCols).orderBy(col(TS), col(FROM_TARGET).desc());
    WindowSpec upToHere = byTime.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec whole = byTime.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    // "From here on" as a growing frame over the reversed order: Spark evaluates a frame that ends at unbounded
    // following once per row (quadratic in a key's rows: brand accounts are seen millions of times).
    WindowSpec fromHere = Window.partitionBy(keyCols).orderBy(col(TS).desc(), col(FROM_TARGET).asc())
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    if (spec.fillNulls()) {
      // The last value known so far, else the first one learned later: a thin observation (a follow event)
      // neither erases attributes nor makes a version when a fuller one follows; the current version itself is
      // enriched in place (touch) when it lacked a value the batch brings.
      for (String a : spec.tracked()) {
        seq = seq.withColumn(a, coalesce(last(col(a), true).over(upToHere), last(col(a), true).over(fromHere)));
      }
    }
    for (String a : spec.latest()) {
      seq = seq.withColumn("_latest_" + a, last(col(a), true).over(whole));
      seq = seq.withColumn(a, last(col(a), true).over(upToHere));
    }
    seq = seq.withColumn(HASH, rowHash(spec.tracked()));
    Dataset<Row> versions = seq.withColumn("_prev", lag(col(HASH), 1).over(byTime))
        .filter(col(FROM_TARGET).or(col("_prev").isNull()).or(col(HASH).notEqual(col("_prev"))))
        .withColumn(NEXT, lead(col(TS), 1).over(Window.partitionBy(keyCols).orderBy(col(TS))))
        .join(activity, spec.keys().toArray(new String[0]), "left")
        .join(current.select(Stream.concat(spec.keys().stream().map(c -> col(c)),
            Stream.of(col("_cur_first"), col("_cur_last"))).toArray(Column[]::new)), spec.keys().toArray(new String[0]), "left");

    Column isNew = not(col(FROM_TARGET));
    Column isLast = col(NEXT).isNull();
    Column first = least(col("_cur_first"), col(BATCH_FIRST));
    Column lastSeen = greatest(col("_cur_last"), col(BATCH_LAST));
    Column latestChanged = lit(false);
    for (String a : spec.latest()) {
      latestChanged = latestChanged.or(not(col("_latest_" + a).eqNullSafe(col(a))));
    }
    Column seenChanged = spec.seen()
        ? not(first.eqNullSafe(col("_cur_first"))).or(not(lastSeen.eqNullSafe(col("_cur_last"))))
        : lit(false);
    Column enriched = not(col(HASH).eqNullSafe(col(STORED_HASH)));
    Column action = when(isNew, lit(SilverWriter.INSERT))
        .when(not(isLast), lit(CLOSE))
        .when(latestChanged.or(seenChanged).or(enriched), lit(TOUCH));

    List<Column> out = new ArrayList<>();
    spec.keys().forEach(k -> out.add(col(k)));
    for (String a : attrs) {
      out.add(spec.latest().contains(a) ? when(isLast, col("_latest_" + a)).otherwise(col(a)).as(a) : col(a));
    }
    out.add(col(HASH).as(ROW_HASH));
    out.add(col(TS).as(VALID_FROM));
    out.add(col(NEXT).as(VALID_TO));
    out.add(isLast.as(IS_CURRENT));
    if (spec.seen()) {
      out.add(first.as(spec.firstSeen()));
      out.add(lastSeen.as(spec.lastSeen()));
    }
    out.add(action.as(SilverWriter.ACTION));
    return versions.select(out.toArray(new Column[0])).filter(col(SilverWriter.ACTION).isNotNull());
  }
}
