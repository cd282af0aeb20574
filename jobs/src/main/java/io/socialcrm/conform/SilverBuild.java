package io.socialcrm.conform;

import io.socialcrm.lake.DeclaredTable;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How step conform builds one silver table: the bronze inputs it reads (their rows new since the last run), the
 * pure transform from those rows to the table's rows, and how the table takes them ({@link Scd2} or
 * {@link LatestByKey}). Adding a silver table to the step is one of these in {@link ConformJob#BUILDS}.
 *
 * @param transform gets the build's inputs' new rows (and may read silver tables built before it)
 */
public record SilverBuild(DeclaredTable table, List<String> inputs,
                          Function<ConformInputs, Dataset<Row>> transform, SilverWriter writer) {

  /** A table versioned as SCD type 2 by {@code spec}; {@code derive} adds the derived columns (match keys). */
  public static SilverBuild scd2(DeclaredTable table, List<String> inputs,
                                 Function<ConformInputs, Dataset<Row>> transform, Scd2.Spec spec,
                                 UnaryOperator<Dataset<Row>> derive) {
    return new SilverBuild(table, inputs, transform, Scd2.writer(spec, derive));
  }

  /** A current-state table: the newest row per {@code table.keys()} by {@code version} wins. */
  public static SilverBuild latestByKey(DeclaredTable table, List<String> inputs,
                                        Function<ConformInputs, Dataset<Row>> transform, String version,
                                        String... tieBreak) {
    return new SilverBuild(table, inputs, transform, LatestByKey.writer(version, tieBreak));
  }

  /**
   * A current-state table without a version column (e.g. interactions): a batch row replaces the stored row of
   * its key when its content differs; within a batch the greatest {@code tieBreak} row per key is taken.
   */
  public static SilverBuild upsert(DeclaredTable table, List<String> inputs,
                                   Function<ConformInputs, Dataset<Row>> transform, String... tieBreak) {
    return new SilverBuild(table, inputs, transform, LatestByKey.writer(null, tieBreak));
  }
}
