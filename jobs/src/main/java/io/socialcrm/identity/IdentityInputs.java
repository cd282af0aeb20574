package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.substring_index;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two sides of profile-to-customer linkage, prepared from silver: current versions only, brand accounts left
 * out, a {@code profile_key} ("platform:profile_id"), and the name keys the comparison config reads.
 */
public final class IdentityInputs {
  private IdentityInputs() {
  }

  public static Dataset<Row> profiles(Dataset<Row> socialProfiles) {
    Dataset<Row> p = socialProfiles.where(col("is_current").and(not(col("is_brand"))))
        .withColumn("profile_key", profileKey(col("platform"), col("profile_id")));
    return NameKeys.withNameKeys(p, "name_norm");
  }

  public static Dataset<Row> customers(Dataset<Row> silverCustomers) {
    return NameKeys.withCustomerNameKeys(silverCustomers.where(col("is_current")), "name_norm", "first_name_norm",
        "last_name_norm");
  }

  public static Column profileKey(Column platform, Column profileId) {
    return concat_ws(":", platform, profileId);
  }

  /** The platform of a profile key (LinkedIn ids hold colons themselves, so only the first one separates). */
  public static Column platformOf(Column profileKey) {
    return substring_index(profileKey, ":", 1);
  }

  public static Column profileIdOf(Column profileKey) {
    return regexp_extract(profileKey, "^[^:]*:(.*)$", 1);
  }
}
