package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.socialcrm.common.JoinKeys;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Data stewards' decisions win over the model on every run: a confirmed pair is a link (method {@code steward}) as
 * long as the profile exists and the customer consents, a rejected pair never links whatever the evidence.
 * {@code silver.steward_decisions} holds the newest decision per pair.
 */
public final class StewardDecisions {
  public static final String METHOD = "steward";

  private StewardDecisions() {
  }

  /** Confirmed pairs whose profile is known, in the links' shape. */
  public static Dataset<Row> confirmed(Dataset<Row> decisions, Dataset<Row> profiles) {
    return decisions.where(col("decision").equalTo("confirm"))
        .join(profiles.select("platform", "profile_id"), JoinKeys.of("platform", "profile_id"), "left_semi")
        .select(col("platform"), col("profile_id"), IdentityInputs.profileKey(col("platform"), col("profile_id")).as("profile_key"),
            col("customer_id"), lit(METHOD).as("method"), lit(1.0).as("match_probability"),
            lit(null).cast("double").as("match_weight"),
            array(struct(lit(METHOD).as("comparison"), lit("confirm").as("level"), lit(null).cast("double").as("weight"),
                concat_ws(" ", lit("by"), col("decided_by")).as("left"),
                date_format(col("decided_at"), "yyyy-MM-dd HH:mm:ss").as("right"))).as("evidence"));
  }

  /** The candidate links minus every pair a steward rejected. */
  public static Dataset<Row> withoutRejected(Dataset<Row> links, Dataset<Row> decisions) {
    return links.join(decisions.where(col("decision").equalTo("reject")).select("platform", "profile_id", "customer_id"),
        JoinKeys.of("platform", "profile_id", "customer_id"), "left_anti");
  }
}
