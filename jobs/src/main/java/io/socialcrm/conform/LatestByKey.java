package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Current-state silver tables (consent, steward decisions, orders, ...): one row per key, the one with the
 * greatest version column (a timestamp such as decided_at or updated_at). A batch row replaces the stored row
 * only when strictly newer, so reprocessing the same rows changes nothing. Without a version column, a batch row
 * replaces the stored one when its content differs.
 */
public final class LatestByKey {
  private static final String STORED_VERSION = "_stored_version";

  private LatestByKey() {}

  /**
   * A writer keeping the newest row per {@code table.keys()} by {@code version}; within a batch, ties on the
   * version are broken by {@code tieBreak} columns, greatest first (they may be helper columns the table does
   * not have).
   */
  public static SilverWriter writer(String version, String... tieBreak) {
    // version null: replace when the content differs (see changedContent).
    return (scratch, lake, table, rows) -> {
      Dataset<Row> stored = SilverWriter.current(scratch.spark(), lake, table);
      Map<String, String> all = new LinkedHashMap<>();
      table.columnNames().forEach(c -> all.put(c, "s." + c));
      if (version != null) {
        return SilverWriter.apply(scratch, lake, table, changes(stored, rows, table.keys(), version, List.of(tieBreak)),
            SilverWriter.keysEqual(table.keys()), (merge, columns) -> merge.whenMatched(
                "s." + SilverWriter.ACTION + " = '" + SilverWriter.UPDATE + "'").updateExpr(all));
      }
      // The content hash is computed over the stored rows of the batch's keys only (all of them: a hash per row).
      Dataset<Row> batch = scratch.keep(table.conformWith(rows, List.of(tieBreak)));
      Dataset<Row> changes = changedContent(SilverWriter.storedOfBatchKeys(stored, batch, table.keys()), batch,
          table.keys(), table.columnNames(), List.of(tieBreak));
      return SilverWriter.apply(scratch, lake, table, changes, SilverWriter.keysEqual(table.keys()),
          (merge, columns) -> merge.whenMatched("s." + SilverWriter.ACTION + " = '" + SilverWriter.UPDATE + "'").updateExpr(all));
    };
  }

  /**
   * The rows to write when there is no version column (pure): the greatest batch row per key by {@code tieBreak},
   * kept when the key is new ({@code insert}) or its {@code columns} differ from the stored row ({@code update}).
   */
  public static Dataset<Row> changedContent(Dataset<Row> stored, Dataset<Row> batch, List<String> keys,
                                            List<String> columns, List<String> tieBreak) {
    Column content = sha2(to_json(struct(columns.stream().map(c -> col(c)).toArray(Column[]::new))), 256);
    Dataset<Row> newest = batch.withColumn("_content", content);
    if (!tieBreak.isEmpty()) {
      newest = newest.withColumn("_rank", row_number().over(Window.partitionBy(keys.stream().map(c -> col(c)).toArray(Column[]::new))
              .orderBy(tieBreak.stream().map(c -> col(c).desc_nulls_last()).toArray(Column[]::new))))
          .filter(col("_rank").equalTo(1)).drop("_rank");
    } else {
      newest = newest.dropDuplicates(keys.toArray(new String[0]));
    }
    Dataset<Row> storedContent = stored.select(Stream.concat(keys.stream().map(c -> col(c)),
        Stream.of(content.as("_stored_content"), lit(true).as("_stored"))).toArray(Column[]::new));
    return newest.join(storedContent, keys.toArray(new String[0]), "left")
        .filter(col("_stored").isNull().or(col("_content").notEqual(col("_stored_content"))))
        .withColumn(SilverWriter.ACTION, when(col("_stored").isNull(), lit(SilverWriter.INSERT)).otherwise(lit(SilverWriter.UPDATE)))
        .drop("_content", "_stored_content", "_stored");
  }

  /**
   * The rows to write (pure): the newest batch row per key, kept when the key is new ({@code insert}) or the row
   * is newer than the stored one ({@code update}), with {@link SilverWriter#ACTION}.
   */
  public static Dataset<Row> changes(Dataset<Row> stored, Dataset<Row> batch, List<String> keys, String version,
                                     List<String> tieBreak) {
    List<Column> order = new ArrayList<>();
    order.add(col(version).desc_nulls_last());
    tieBreak.forEach(c -> order.add(col(c).desc_nulls_last()));
    Dataset<Row> newest = batch
        .withColumn("_rank", row_number().over(Window.partitionBy(keys.stream().map(c -> col(c)).toArray(Column[]::new))
            .orderBy(order.toArray(new Column[0]))))
        .filter(col("_rank").equalTo(1))
        .drop("_rank");
    Dataset<Row> storedVersions = stored.select(Stream.concat(keys.stream().map(c -> col(c)),
        Stream.of(col(version).as(STORED_VERSION), lit(true).as("_stored"))).toArray(Column[]::new));
    return newest.join(storedVersions, keys.toArray(new String[0]), "left")
        .filter(col("_stored").isNull().or(col(version).gt(col(STORED_VERSION))))
        .withColumn(SilverWriter.ACTION, when(col("_stored").isNull(), lit(SilverWriter.INSERT)).otherwise(lit(SilverWriter.UPDATE)))
        .drop(STORED_VERSION, "_stored");
  }
}
