package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;

import io.socialcrm.conform.SilverTables;
import io.socialcrm.identity.IdentityTables;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.TableReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the marts read: the current state of the silver tables (SCD2 tables and links at their current version).
 * Each field has the columns of its declaration in {@code schemas/silver/}; {@code links} has
 * platform, profile_id, customer_id, method, match_probability.
 */
public record MartInputs(Dataset<Row> interactions, Dataset<Row> orders, Dataset<Row> links, Dataset<Row> customers,
    Dataset<Row> profiles, Dataset<Row> campaigns, Dataset<Row> spend, Dataset<Row> supportCases) {

  public static MartInputs read(SparkSession spark, Lake lake) {
    String linksPath = lake.path(IdentityTables.LINKS);
    Dataset<Row> links = lake.isDeltaTable(linksPath)
        ? TableReader.read(spark, lake, linksPath).where(col("is_current"))
        : IdentityTables.emptyLinks(spark);
    return new MartInputs(
        SilverTables.INTERACTIONS.read(spark, lake),
        SilverTables.ORDERS.read(spark, lake),
        links.select("platform", "profile_id", "customer_id", "method", "match_probability"),
        SilverTables.CUSTOMERS.read(spark, lake).where(col("is_current")),
        SilverTables.SOCIAL_PROFILES.read(spark, lake).where(col("is_current")),
        SilverTables.CAMPAIGNS.read(spark, lake),
        SilverTables.SPEND.read(spark, lake),
        SilverTables.SUPPORT_CASES.read(spark, lake));
  }
}
