package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.steward_decisions}: the newest data-steward decision (confirm or reject) per (platform,
 * profile_id, customer_id), from bronze {@code steward_decisions}.
 */
public final class StewardDecisionsTransform {
  public static final String INPUT = "steward_decisions";
  public static final SilverBuild BUILD = SilverBuild.latestByKey(SilverTables.STEWARD_DECISIONS, List.of(INPUT),
      in -> decisions(in.bronze(INPUT)), "decided_at", "decision");

  private StewardDecisionsTransform() {}

  /** The decisions with the silver columns. */
  public static Dataset<Row> decisions(Dataset<Row> bronzeDecisions) {
    return bronzeDecisions.select(col("platform"), col("profile_id"), col("customer_id"), col("decision"),
        col("decided_by"), col("decided_at"), col("note"));
  }
}
