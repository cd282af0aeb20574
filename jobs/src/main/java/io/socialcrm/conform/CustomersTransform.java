package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.customers}: CRM customers as SCD type 2, from bronze {@code customers} (the rows created or
 * changed each day). A change of name, e-mail, phone, city, country, social handles, segment or language makes
 * a new version valid from its updated_at; a change not newer than the current version is ignored. Each version
 * carries the match keys identity resolution compares.
 */
public final class CustomersTransform {
  public static final String INPUT = "customers";
  /** The columns whose change makes a new version. */
  public static final List<String> TRACKED = List.of("first_name", "last_name", "email", "phone", "city", "country",
      "x_handle", "facebook_profile", "linkedin_profile", "segment", "language");
  public static final Scd2.Spec SPEC = new Scd2.Spec(List.of("customer_id"), TRACKED,
      List.of("created_at", "updated_at"), List.of(), "updated_at", null, null, false);
  public static final SilverBuild BUILD = SilverBuild.scd2(SilverTables.CUSTOMERS, List.of(INPUT),
      in -> observations(in.bronze(INPUT)), SPEC, CustomersTransform::withMatchKeys);

  private CustomersTransform() {}

  /** The bronze rows as SCD2 observations: key, tracked columns, created_at and updated_at (the version time). */
  public static Dataset<Row> observations(Dataset<Row> bronzeCustomers) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("customer_id"));
    TRACKED.forEach(c -> cols.add(col(c)));
    cols.add(col("created_at"));
    cols.add(col("updated_at"));
    return bronzeCustomers.select(cols.toArray(new Column[0]));
  }

  /** Adds the normalized match keys of {@code silver.customers} to customer rows. */
  public static Dataset<Row> withMatchKeys(Dataset<Row> customers) {
    return customers
        .withColumn("first_name_norm", MatchKeys.fold(col("first_name")))
        .withColumn("last_name_norm", MatchKeys.fold(col("last_name")))
        .withColumn("name_norm", MatchKeys.fold(concat_ws(" ", col("first_name"), col("last_name"))))
        .withColumn("email_norm", MatchKeys.email(col("email")))
        .withColumn("email_local", MatchKeys.emailLocal(col("email")))
        .withColumn("email_domain", MatchKeys.emailDomain(col("email")))
        .withColumn("phone_e164", MatchKeys.phoneE164(col("phone"), col("country")))
        .withColumn("city_norm", MatchKeys.fold(col("city")))
        .withColumn("x_handle_norm", MatchKeys.handle(col("x_handle")))
        .withColumn("facebook_id", MatchKeys.facebookId(col("facebook_profile")))
        .withColumn("linkedin_handle", MatchKeys.handle(col("linkedin_profile")));
  }
}
