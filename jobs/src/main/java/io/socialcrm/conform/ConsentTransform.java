package io.socialcrm.conform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.consent}: the current matching consent per customer and platform, from bronze
 * {@code matching_consent}. A decision for "all" stands for x, facebook and linkedin; the newest decided_at per
 * customer × platform wins, so a later per-platform decision overrides an earlier "all" and a later "all"
 * overrides earlier per-platform ones. On the same decided_at within a batch the per-platform decision wins.
 * A withdrawal is a decision with granted = false.
 */
public final class ConsentTransform {
  public static final String INPUT = "matching_consent";
  public static final List<String> PLATFORMS = List.of("x", "facebook", "linkedin");
  /** Helper column: 1 for a per-platform decision, 0 for one made for "all". */
  static final String SPECIFIC = "_specific";
  public static final SilverBuild BUILD = SilverBuild.latestByKey(SilverTables.CONSENT, List.of(INPUT),
      in -> decisions(in.bronze(INPUT)), "decided_at", SPECIFIC);

  private ConsentTransform() {}

  /** One row per decision and platform it covers ("all" → three rows), with {@link #SPECIFIC}. */
  public static Dataset<Row> decisions(Dataset<Row> bronzeConsent) {
    return bronzeConsent
        .withColumn("platform_covered", explode(when(col("platform").equalTo("all"),
            array(PLATFORMS.stream().map(p -> lit(p)).toArray(Column[]::new)))
            .otherwise(array(col("platform")))))
        .select(col("customer_id"), col("platform_covered").as("platform"), col("granted"), col("decided_at"),
            col("capture_source"), when(col("platform").equalTo("all"), 0).otherwise(1).as(SPECIFIC));
  }
}
