package io.socialcrm.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A small hand-made landing area: a few inputs of each format, with known good and bad records. */
final class LandingFixture {
  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final LocalDate D2 = LocalDate.of(2026, 11, 2);

  private LandingFixture() {}

  static void write(Path landing, String input, LocalDate date, String file, List<String> lines) throws IOException {
    Path dir = landing.resolve(input).resolve(date.toString());
    Files.createDirectories(dir);
    Files.write(dir.resolve(file), lines, StandardCharsets.UTF_8);
  }

  /** D1: 6 x_posts lines (4 valid, 1 wrong type, 1 malformed), 3 comments (2 valid), 3 orders (2 valid); D2: 2 posts. */
  static void standard(Path landing) throws IOException {
    List<String> posts = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      posts.add(ContractValidationTest.post("10" + i, "42", "2026-11-01T0" + i + ":00:00.000Z", String.valueOf(i), ""));
    }
    posts.add(ContractValidationTest.post("105", "42", "2026-11-01T05:00:00.000Z", "\"lots\"", ""));
    posts.add("{\"data\":{\"id\":\"106\"");
    write(landing, "x_posts", D1, "part-00000.jsonl", posts);
    write(landing, "x_posts", D2, "part-00000.jsonl", List.of(
        ContractValidationTest.post("201", "42", "2026-11-02T01:00:00.000Z", "0", ""),
        ContractValidationTest.post("202", "42", "2026-11-02T02:00:00.000Z", "0", "")));
    write(landing, "facebook_comments", D1, "comments.csv", List.of(
        "comment_id,post_id,parent_comment_id,author_id,author_name,created_time,message,like_count",
        "111_1,111,,9001,José Pérez,01/11/2026 10:15,¡Hola!,3",
        "111_2,111,,9002,Anna Kowalska,01/11/2026 11:15,Dzięki,1",
        "111_3,111,,9003,Bob,not a date,hi,0"));
    write(landing, "orders", D1, "orders.csv", List.of(
        "order_id,order_number,customer_id,order_ts,amount,currency,status,promo_code,campaign_id,channel,updated_at",
        "O00000001,NW-100001,C0000001,2026-11-01 10:00:00,129.90,EUR,paid,,CMP001,web,2026-11-01 10:00:00",
        "O00000002,NW-100002,C0000002,2026-11-01 11:00:00,15.00,PLN,paid,,,store,2026-11-01 11:00:00",
        "O00000002,NW-100002,C0000002,2026-11-01 11:00:00,15.00,PLN,paid,,,store,2026-11-01 11:00:00"));
  }
}
