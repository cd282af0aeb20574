package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Activity tables: one row per key with the earliest and latest time it was seen ({@code first_seen},
 * {@code last_seen}). A batch of sightings only widens a key's span, so reprocessing the same or older sightings
 * changes nothing, and a late file moves first_seen back. A key's row is rewritten only when its span moves.
 */
public final class SeenSpan {
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";

  private SeenSpan() {}

  /** A writer for a table of {@code table.keys()}, first_seen and last_seen, from rows of the keys and {@code seenAt}. */
  public static SilverWriter writer(String seenAt) {
    return (scratch, lake, table, rows) -> {
      Dataset<Row> batch = scratch.keep(spans(rows, table.keys(), seenAt));
      Dataset<Row> stored = SilverWriter.storedOfBatchKeys(SilverWriter.current(scratch.spark(), lake, table), batch,
          table.keys());
      Map<String, String> span = new LinkedHashMap<>();
      span.put(FIRST_SEEN, "s." + FIRST_SEEN);
      span.put(LAST_SEEN, "s." + LAST_SEEN);
      return SilverWriter.apply(scratch, lake, table, changes(stored, batch, table.keys()),
          SilverWriter.keysEqual(table.keys()), (merge, columns) -> merge.whenMatched(
              "s." + SilverWriter.ACTION + " = '" + SilverWriter.UPDATE + "'").updateExpr(span));
    };
  }

  /** The batch's span per key (pure): keys, first_seen = earliest {@code seenAt}, last_seen = latest. */
  public static Dataset<Row> spans(Dataset<Row> sightings, List<String> keys, String seenAt) {
    return sightings.where(col(seenAt).isNotNull())
        .groupBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
        .agg(min(seenAt).as(FIRST_SEEN), max(seenAt).as(LAST_SEEN));
  }

  /**
   * The rows to write (pure): a new key's span ({@code insert}), or a stored key's span widened by the batch's when
   * that moves either end ({@code update}), with {@link SilverWriter#ACTION}.
   *
   * @param stored the stored rows (keys, first_seen, last_seen), at least those of the batch's keys
   * @param batch  one span per key, as {@link #spans} makes
   */
  public static Dataset<Row> changes(Dataset<Row> stored, Dataset<Row> batch, List<String> keys) {
    Dataset<Row> was = stored.select(Stream.concat(keys.stream().map(k -> col(k)),
        Stream.of(col(FIRST_SEEN).as("_first"), col(LAST_SEEN).as("_last"), lit(true).as("_stored")))
        .toArray(Column[]::new));
    Column first = least(col(FIRST_SEEN), col("_first"));
    Column last = greatest(col(LAST_SEEN), col("_last"));
    return batch.join(was, keys.toArray(new String[0]), "left")
        .withColumn(SilverWriter.ACTION, when(col("_stored").isNull(), lit(SilverWriter.INSERT))
            .when(not(first.eqNullSafe(col("_first"))).or(not(last.eqNullSafe(col("_last")))), lit(SilverWriter.UPDATE)))
        .where(col(SilverWriter.ACTION).isNotNull())
        .withColumn(FIRST_SEEN, first).withColumn(LAST_SEEN, last)
        .drop("_stored", "_first", "_last");
  }
}
