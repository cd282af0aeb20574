package io.socialcrm.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import org.junit.jupiter.api.Assertions;

import io.socialcrm.contracts.Contract;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.lake.Lake;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Contract validation per kind of input, with good and bad records. */
class ContractValidationTest extends SparkTestBase {

  private static final String USER = "{\"id\":\"42\",\"username\":\"kasia_nowak\",\"name\":\"Kasia Nowak\"}";

  static String post(String id, String author, String created, String likeCount, String extra) {
    return "{\"data\":{\"id\":\"" + id + "\",\"author_id\":\"" + author + "\",\"created_at\":\"" + created
        + "\",\"text\":\"Świetny produkt @nordwind 😀\",\"lang\":\"pl\",\"public_metrics\":{\"like_count\":"
        + likeCount + ",\"retweet_count\":0}" + extra + "},\"includes\":{\"users\":[" + USER + "]}}";
  }

  private Map<Long, Row> validate(String contractName, String fileName, List<String> lines) throws IOException {
    Path dir = newTempDir("validate");
    Path file = dir.resolve(fileName);
    Files.write(file, lines, StandardCharsets.UTF_8);
    Contract contract = Contracts.get(contractName);
    Dataset<Row> raw = new LandingReader(session(), new Lake(session(), dir.toString())).read(contract, file.toString());
    Map<Long, Row> byRow = new HashMap<>();
    for (Row r : ContractValidator.validate(contract, raw).collectAsList()) {
      byRow.put(r.getLong(r.fieldIndex(RawRecords.SOURCE_ROW)), r);
    }
    return byRow;
  }

  private static List<String> codes(Row r) {
    List<Row> reasons = r.getList(r.fieldIndex(ContractValidator.REASONS));
    return reasons.stream().map(x -> x.getString(0) + ":" + x.getString(1)).toList();
  }

  @Test
  void xPostsGoodAndBadRecords() throws IOException {
    Map<Long, Row> rows = validate("x_posts", "posts.jsonl", List.of(
        post("1001", "42", "2026-11-01T10:00:00.000Z", "5", ""),
        post("1002", "42", "2026-11-01T11:00:00.000Z", "\"many\"", ""),
        "{\"data\":{\"id\":\"1003\",\"author_id\":\"42\"",
        post("1004", "42", "2026-11-01T12:00:00.000Z", "1", ",\"source_app\":\"Twitter for iPhone\""),
        "",
        post("1001", "42", "2026-11-01T10:00:00.000Z", "5", ""),
        post("1006", "42", "yesterday", "1", ""),
        post("1007", "99", "2026-11-01T12:00:00.000Z", "-3", "")));
    assertEquals(7, rows.size(), "blank lines are not records; every other line is one");
    assertEquals(List.of(), codes(rows.get(1L)));
    assertEquals(5L, rows.get(1L).getLong(rows.get(1L).fieldIndex("like_count")));
    assertEquals("Świetny produkt @nordwind 😀", rows.get(1L).getAs("text"));
    assertEquals(List.of("type_mismatch:like_count"), codes(rows.get(2L)));
    assertEquals(List.of("malformed_record:null"), codes(rows.get(3L)));
    assertEquals("{\"data\":{\"id\":\"1003\",\"author_id\":\"42\"", rows.get(3L).getAs(RawRecords.RECORD));
    Row extra = rows.get(4L);
    assertEquals(List.of(), codes(extra), "unknown fields are kept, not rejected");
    assertEquals("Twitter for iPhone", extra.getJavaMap(extra.fieldIndex(RawRecords.EXTRA)).get("data.source_app"));
    assertEquals(List.of("duplicate_key:id"), codes(rows.get(6L)));
    Assertions.assertTrue(rows.get(6L).getList(rows.get(6L).fieldIndex(ContractValidator.REASONS)).toString().contains("posts.jsonl:1"));
    assertEquals(List.of("type_mismatch:created_at"), codes(rows.get(7L)));
    List<String> bad = codes(rows.get(8L));
    Assertions.assertTrue(bad.contains("out_of_range:like_count"), bad.toString());
    Assertions.assertTrue(bad.contains("rule_failed:null"), "author 99 is not in includes.users: " + bad);
  }

  @Test
  void csvGoodAndBadRowsAndExtraColumns() throws IOException {
    Map<Long, Row> rows = validate("facebook_comments", "comments.csv", List.of(
        "comment_id,post_id,parent_comment_id,author_id,author_name,created_time,message,like_count,export_tag",
        "111_1,111,,9001,José Pérez,01/11/2026 10:15,\"¡Me encanta, gracias!\",3,batch7",
        "111_2,111,,9002,Anna Kowalska,2026-11-01,Nie działa,1,batch7",
        "111_3,111,,,Bob,01/11/2026 10:15,hi,0,batch7",
        "111_4,111,,9004,\"Multi\nLine\",01/11/2026 10:15,\"line one\nline two\",0,batch7",
        "bad-id,111,,9005,Eve,01/11/2026 10:15,x,0,batch7",
        "111_6,111,9006,only,five"));
    assertEquals(6, rows.size());
    Row good = rows.get(1L);
    assertEquals(List.of(), codes(good));
    assertEquals("¡Me encanta, gracias!", good.getAs("message"));
    assertEquals("batch7", good.getJavaMap(good.fieldIndex(RawRecords.EXTRA)).get("export_tag"));
    assertEquals(List.of("type_mismatch:created_time"), codes(rows.get(2L)));
    assertEquals(List.of("missing_required:author_id"), codes(rows.get(3L)));
    assertEquals(List.of(), codes(rows.get(4L)), "quoted newlines stay inside one row");
    assertEquals("line one\nline two", rows.get(4L).getAs("message"));
    assertEquals(List.of("pattern_mismatch:comment_id"), codes(rows.get(5L)));
    assertEquals(List.of("malformed_record:null"), codes(rows.get(6L)));
    assertFalse(((String) rows.get(6L).getAs(RawRecords.RECORD)).isEmpty());
  }

  @Test
  void crmCsvTypesAndRules() throws IOException {
    Map<Long, Row> rows = validate("orders", "orders.csv", List.of(
        "order_id,order_number,customer_id,order_ts,amount,currency,status,promo_code,campaign_id,channel,updated_at",
        "O00000001,NW-100001,C0000001,2026-11-01 10:00:00,129.90,EUR,paid,,CMP001,web,2026-11-01 10:00:00",
        "O00000002,NW-100002,C0000002,2026-11-01 10:00:00,\"12,5x\",EUR,paid,,,web,2026-11-01 10:00:00",
        "O00000003,NW-100003,C0000003,2026-11-01 10:00:00,10.00,BTC,paid,,,web,2026-11-01 10:00:00"));
    assertEquals(List.of(), codes(rows.get(1L)));
    assertEquals(new BigDecimal("129.90"), rows.get(1L).getAs("amount"));
    assertEquals(List.of("type_mismatch:amount"), codes(rows.get(2L)));
    assertEquals(List.of("not_allowed:currency"), codes(rows.get(3L)));
  }

  @Test
  void crmParquetDumpKeepsTypesAndExtraColumns() {
    Path dir = newTempDir("parquet");
    String file = dir.resolve("orders.parquet").toString();
    session().sql("SELECT 'O00000001' AS order_id, 'NW-1' AS order_number, 'C0000001' AS customer_id, "
            + "timestamp'2026-11-01 10:00:00' AS order_ts, cast(129.9 AS decimal(12,2)) AS amount, 'EUR' AS currency, "
            + "'paid' AS status, cast(NULL AS string) AS promo_code, cast(NULL AS string) AS campaign_id, 'web' AS channel, "
            + "timestamp'2026-11-01 10:00:00' AS updated_at, 7 AS crm_shard "
            + "UNION ALL SELECT 'O00000002', 'NW-2', 'C0000002', timestamp'2026-11-01 11:00:00', cast(-1 AS decimal(12,2)), "
            + "'EUR', 'paid', NULL, NULL, 'web', timestamp'2026-11-01 11:00:00', 8")
        .coalesce(1).write().parquet(file);
    Contract contract = Contracts.get("orders");
    String part = new Lake(session(), dir.toString()).listFiles(file).get(0);
    Dataset<Row> raw = new LandingReader(session(), new Lake(session(), dir.toString())).read(contract, part);
    List<Row> rows = ContractValidator.validate(contract, raw).orderBy(RawRecords.SOURCE_ROW).collectAsList();
    assertEquals(List.of(), codes(rows.get(0)));
    assertEquals(new BigDecimal("129.90"), rows.get(0).getAs("amount"));
    assertEquals(Timestamp.valueOf("2026-11-01 10:00:00"), rows.get(0).getAs("order_ts"));
    assertEquals("7", rows.get(0).getJavaMap(rows.get(0).fieldIndex(RawRecords.EXTRA)).get("crm_shard"));
    assertEquals(List.of("out_of_range:amount"), codes(rows.get(1)));
  }

  @Test
  void emptyFileHasNoRecords() throws IOException {
    Assertions.assertTrue(validate("x_follows", "empty.jsonl", List.of()).isEmpty());
    Assertions.assertTrue(validate("linkedin_followers", "header.csv",
        List.of("follower_urn,member_name,headline,location,profile_url,organization,followed_date")).isEmpty());
  }

  @Test
  void aFileReadInSeveralSplitsKeepsEachRecordsLineNumber() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      // Every tenth line is blank: blank lines are skipped but still count as lines of the file.
      lines.add(i % 10 == 0 ? "" : post(Integer.toString(i), "42", "2026-11-01T10:00:00.000Z", "1", ""));
    }
    String maxBytes = session().conf().get("spark.sql.files.maxPartitionBytes");
    session().conf().set("spark.sql.files.maxPartitionBytes", "65536");
    try {
      Path dir = newTempDir("splits");
      Path file = dir.resolve("posts.jsonl");
      Files.write(file, lines, StandardCharsets.UTF_8);
      Assertions.assertTrue(session().read().text(file.toString()).javaRDD().getNumPartitions() > 3,
          "the file is read in several splits");
      Map<Long, Row> rows = validate("x_posts", "posts.jsonl", lines);
      assertEquals(2700, rows.size());
      rows.forEach((line, r) -> assertEquals(Long.toString(line), r.getString(r.fieldIndex("id")), "line " + line));
    } finally {
      session().conf().set("spark.sql.files.maxPartitionBytes", maxBytes);
    }
  }
}
