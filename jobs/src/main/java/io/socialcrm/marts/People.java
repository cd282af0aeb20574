package io.socialcrm.marts;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.socialcrm.common.JoinKeys;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Who a row is about, for the marts: a linked profile is its customer ({@code person_id} = customer_id), an
 * unlinked profile is itself ({@code person_id} = "platform:profile_id", the identity step's profile_key).
 */
public final class People {
  private People() {}

  /** The person id of an unlinked profile. */
  public static Column profileKey(Column platform, Column profileId) {
    return concat(platform, lit(":"), profileId);
  }

  /**
   * Adds {@code customer_id} (the current link of the row's platform and profile_id, null when unlinked) and
   * {@code person_id} to rows having platform and profile_id. Rows keep their number: a profile has at most one
   * current link, and the links (one row per linked profile) are broadcast.
   */
  public static Dataset<Row> withPerson(Dataset<Row> rows, Dataset<Row> links) {
    Dataset<Row> l = links.select(col("platform"), col("profile_id"), col("customer_id").as("_linked_customer"));
    Dataset<Row> joined = rows.join(broadcast(l), JoinKeys.of("platform", "profile_id"), "left");
    if (Arrays.asList(rows.columns()).contains("customer_id")) {
      joined = joined.drop("customer_id");
    }
    return joined.withColumnRenamed("_linked_customer", "customer_id")
        .withColumn("person_id", coalesce(col("customer_id"), profileKey(col("platform"), col("profile_id"))));
  }
}
