package io.socialcrm.privacy;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunListener;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small lake about two customers: C0000001 (to be erased, linked to X profile 1111111111 and Facebook profile
 * 9001111) and C0000002 (linked to X 2222222222), plus X profile 11111111110 whose id contains the erased one.
 * Bronze and quarantine come from landing files through the real ingestion; silver and gold are hand-made.
 */
final class ErasureFixture {
  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final String CUSTOMER = "C0000001";
  static final String OTHER_CUSTOMER = "C0000002";
  static final String X_PROFILE = "1111111111";
  static final String FB_PROFILE = "9001111";
  static final String OTHER_X = "2222222222";
  static final String LOOKALIKE_X = "11111111110";
  /** Every raw id of the erased person. */
  static final List<String> ERASED_IDS = List.of(CUSTOMER, X_PROFILE, FB_PROFILE);

  private ErasureFixture() {}

  static String user(String id, String name) {
    return "{\"id\":\"" + id + "\",\"username\":\"" + name + "\",\"name\":\"" + name + "\"}";
  }

  static String post(String id, String author, String... users) {
    return "{\"data\":{\"id\":\"" + id + "\",\"author_id\":\"" + author + "\",\"created_at\":\"2026-11-01T10:00:00.000Z\","
        + "\"text\":\"@nordwind hola\",\"lang\":\"es\"},\"includes\":{\"users\":[" + String.join(",", users) + "]}}";
  }

  static void landing(Path landing) throws IOException {
    write(landing, "x_posts", "part-00000.jsonl", List.of(
        post("5001", X_PROFILE, user(X_PROFILE, "ana_lopez")),
        post("5002", OTHER_X, user(OTHER_X, "bob"), user(X_PROFILE, "ana_lopez")),
        post("5003", LOOKALIKE_X, user(LOOKALIKE_X, "carl")),
        "{\"data\":{\"id\":\"5004\",\"author_id\":\"" + X_PROFILE + "\"",
        "{\"data\":{\"id\":\"5005\",\"author_id\":\"" + LOOKALIKE_X + "\""));
    write(landing, "facebook_comments", "comments.csv", List.of(
        "comment_id,post_id,parent_comment_id,author_id,author_name,created_time,message,like_count",
        "111_1,111,," + FB_PROFILE + ",Ana López,01/11/2026 10:15,¡Hola!,3",
        "111_2,111,,9002222,Bob,01/11/2026 11:15,hi,1"));
    String o1 = "O00000001,NW-100001," + CUSTOMER + ",2026-11-01 10:00:00,129.90,EUR,paid,,,web,2026-11-01 10:00:00";
    String o2 = "O00000002,NW-100002," + OTHER_CUSTOMER + ",2026-11-01 11:00:00,15.00,PLN,paid,,,store,2026-11-01 11:00:00";
    write(landing, "orders", "orders.csv", List.of(
        "order_id,order_number,customer_id,order_ts,amount,currency,status,promo_code,campaign_id,channel,updated_at",
        o1, o2, o1, o2));
    write(landing, "customers", "customers.csv", List.of(
        "customer_id,first_name,last_name,email,phone,city,country,x_handle,facebook_profile,linkedin_profile,segment,language,created_at,updated_at",
        CUSTOMER + ",Ana,López,ana@example.com,,Madrid,ES,ana_lopez,,,consumer,es,2026-10-01 10:00:00,2026-11-01 09:00:00",
        OTHER_CUSTOMER + ",Bob,Smith,bob@example.com,,Leeds,GB,bob,,,consumer,en,2026-10-01 10:00:00,2026-11-01 09:00:00"));
  }

  private static void write(Path landing, String input, String file, List<String> lines) throws IOException {
    Path dir = landing.resolve(input).resolve(D1.toString());
    Files.createDirectories(dir);
    Files.write(dir.resolve(file), lines, StandardCharsets.UTF_8);
  }

  static RunReport ingest(SparkSession spark, Path landing, Path lake) {
    return ingest(spark, landing, lake, false);
  }

  /** Ingests D1; {@code force} reloads files the load log has as loaded already. */
  static RunReport ingest(SparkSession spark, Path landing, Path lake, boolean force) {
    Settings s = Settings.defaults().with(Setting.LANDING, landing.toString()).with(Setting.LAKE, lake.toString());
    return new PipelineRunner(spark, s, Clock.systemUTC()).run(List.of(D1), List.of(Step.INGEST), force, RunListener.NONE);
  }

  /** Hand-made silver and gold tables using the conventions (customer_id, platform + profile_id, profile_key). */
  static void silverAndGold(SparkSession spark, Path lake) {
    StructType links = new StructType().add("profile_key", DataTypes.StringType).add("platform", DataTypes.StringType)
        .add("profile_id", DataTypes.StringType).add("customer_id", DataTypes.StringType)
        .add("is_current", DataTypes.BooleanType);
    save(spark, lake, "silver/identity_links", links, List.of(
        RowFactory.create("x:" + X_PROFILE, "x", X_PROFILE, CUSTOMER, true),
        RowFactory.create("facebook:" + FB_PROFILE, "facebook", FB_PROFILE, CUSTOMER, false),
        RowFactory.create("x:" + OTHER_X, "x", OTHER_X, OTHER_CUSTOMER, true)));
    StructType customers = new StructType().add("customer_id", DataTypes.StringType).add("first_name", DataTypes.StringType)
        .add("is_current", DataTypes.BooleanType);
    save(spark, lake, "silver/customers", customers, List.of(
        RowFactory.create(CUSTOMER, "Ana", false), RowFactory.create(CUSTOMER, "Ana María", true),
        RowFactory.create(OTHER_CUSTOMER, "Bob", true)));
    StructType interactions = new StructType().add("interaction_id", DataTypes.StringType)
        .add("platform", DataTypes.StringType).add("profile_id", DataTypes.StringType);
    save(spark, lake, "silver/interactions", interactions, List.of(
        RowFactory.create("x:post:5001", "x", X_PROFILE),
        RowFactory.create("x:post:5002", "x", OTHER_X),
        RowFactory.create("x:post:5003", "x", LOOKALIKE_X),
        RowFactory.create("fb:comment:111_1", "facebook", FB_PROFILE),
        // The same digits on another platform are another person.
        RowFactory.create("fb:comment:111_9", "facebook", X_PROFILE)));
    StructType scores = new StructType().add("profile_key", DataTypes.StringType).add("score", DataTypes.DoubleType);
    save(spark, lake, "gold/profile_scores", scores, List.of(
        RowFactory.create("x:" + X_PROFILE, 0.9), RowFactory.create("facebook:" + FB_PROFILE, 0.5),
        RowFactory.create("x:" + OTHER_X, 0.3)));
    StructType totals = new StructType().add("day", DataTypes.StringType).add("posts", DataTypes.LongType);
    save(spark, lake, "gold/daily_totals", totals, List.of(RowFactory.create("2026-11-01", 3L)));
  }

  private static void save(SparkSession spark, Path lake, String table, StructType schema, List<Row> rows) {
    spark.createDataFrame(rows, schema).write().format("delta").save(lake.resolve(table).toString());
  }
}
