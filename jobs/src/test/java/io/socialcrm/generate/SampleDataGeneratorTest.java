package io.socialcrm.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Generates a tiny world (a few hundred customers, a few thousand posts over a few days) and checks the
 * landing data against the data contracts, the ground truth against the landing data, the deliberate defects
 * against defects.csv, and determinism.
 */
class SampleDataGeneratorTest extends SparkTestBase {
  private static final Sizes TINY = Sizes.of(300, 900, 6_000, 4);
  private static final int DAYS = 4;
  private static final LocalDate START = LocalDate.of(2024, 3, 4);
  private static final long SEED = 7L;

  private static final List<Path> OUTPUTS = new ArrayList<>();
  private static GeneratedData data;
  private static GeneratorSummary summary;
  private static List<Row> orders;

  @AfterAll
  static void deleteOutputs() {
    OUTPUTS.forEach(LandingWriter::deleteRecursively);
  }

  private GeneratedData data() {
    if (data == null) {
      Path out = newTempDir("socialcrm-gen-a");
      summary = generate(SEED, out);
      data = new GeneratedData(out);
      List<String> parquet = data.files("orders").stream().map(Path::toString).toList();
      orders = session().read().parquet(parquet.toArray(new String[0])).collectAsList();
    }
    return data;
  }

  private GeneratorSummary generate(long seed, Path out) {
    OUTPUTS.add(out);
    return new SampleDataGenerator(session()).generate(new GeneratorOptions(Scale.SMALL, DAYS, START, seed, out),
        TINY);
  }

  private static List<String> dates() {
    return START.datesUntil(START.plusDays(DAYS)).map(LocalDate::toString).toList();
  }

  // ---- determinism ----

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
    GeneratedData a = data();
    Path again = newTempDir("socialcrm-gen-b");
    generate(SEED, again);
    Map<String, Path> first = tree(a.out);
    Map<String, Path> second = tree(again);
    Assertions.assertEquals(first.keySet(), second.keySet(), "same file names");
    for (Map.Entry<String, Path> e : first.entrySet()) {
      Assertions.assertArrayEquals(Files.readAllBytes(e.getValue()), Files.readAllBytes(second.get(e.getKey())),
          "same bytes: " + e.getKey());
    }
    Path other = newTempDir("socialcrm-gen-c");
    generate(SEED + 1, other);
    Map<String, Path> third = tree(other);
    String posts = "landing/x_posts/" + START + "/part-00000.jsonl";
    Assertions.assertFalse(Arrays.equals(Files.readAllBytes(first.get(posts)), Files.readAllBytes(third.get(posts))),
        "another seed gives other posts");
  }

  private static Map<String, Path> tree(Path root) {
    Map<String, Path> files = new HashMap<>();
    GeneratedData.walk(root).forEach(p -> files.put(root.relativize(p).toString(), p));
    return files;
  }

  // ---- layout and contracts ----

  @Test
  void everyInputLandsEveryDayAndOnlyDataFilesAreLeft() {
    GeneratedData d = data();
    Set<String> late = d.truth("late_files.csv").stream().map(r -> r.get("input") + "/" + r.get("date"))
        .collect(Collectors.toSet());
    for (String input : Contracts.all()) {
      for (String date : dates()) {
        Path dir = d.out.resolve("landing").resolve(input).resolve(date);
        boolean landed = GeneratedData.walk(dir).stream().anyMatch(p -> size(p) > 0);
        Assertions.assertTrue(landed || late.contains(input + "/" + date), input + " has data on " + date);
      }
    }
    for (Path file : GeneratedData.walk(d.out)) {
      String name = file.getFileName().toString();
      boolean dataFile = name.matches("part-\\d{5}\\.(jsonl|csv|parquet)");
      Assertions.assertTrue(dataFile || file.startsWith(d.out.resolve("truth")), "only data files: " + file);
    }
    Assertions.assertFalse(Files.exists(d.out.resolve(SampleDataGenerator.TMP_DIR)), "temporary files removed");
    Assertions.assertEquals(dates(), summary.days().stream().map(LocalDate::toString).toList());
  }

  @Test
  void csvHeadersEqualTheContractsExceptListedExtraColumns() {
    GeneratedData d = data();
    for (String input : Contracts.all()) {
      for (Path file : d.files(input)) {
        if (!file.toString().endsWith(".csv")) {
          continue;
        }
        List<String> expected = new ArrayList<>(Contracts.columnNames(input));
        if (d.hasFileDefect(file, "extra_column")) {
          expected.add("export_tag");
        }
        Assertions.assertEquals(expected, CsvFile.read(file).header(), "header of " + file);
      }
    }
  }

  @Test
  void recordsFollowTheContractsOutsideListedDefects() {
    GeneratedData d = data();
    for (String input : Contracts.all()) {
      JsonNode contract = Contracts.contract(input);
      for (Path file : d.files(input)) {
        Set<Integer> defects = d.defectLines(file);
        String name = file.toString();
        if (name.endsWith(".jsonl")) {
          List<String> lines = GeneratedData.lines(file);
          for (int i = 0; i < lines.size(); i++) {
            if (!defects.contains(i + 1)) {
              JsonNode record = GeneratedData.parse(lines.get(i));
              Assertions.assertEquals(List.of(), Contracts.checkJson(contract, record), file + ":" + (i + 1));
              if (input.equals("x_posts")) {
                checkPost(record, file + ":" + (i + 1));
              }
            }
          }
        } else if (name.endsWith(".csv")) {
          CsvFile csv = CsvFile.read(file);
          for (int r = 1; r < csv.records().size(); r++) {
            if (!defects.contains(csv.lines().get(r))) {
              Assertions.assertEquals(List.of(), Contracts.checkCsv(contract, csv.header(), csv.records().get(r)),
                  file + ":" + csv.lines().get(r));
            }
          }
        }
      }
    }
  }

  private static void checkPost(JsonNode post, String where) {
    String author = post.at("/data/author_id").asText();
    boolean included = false;
    for (JsonNode user : post.at("/includes/users")) {
      included |= user.get("id").asText().equals(author);
    }
    Assertions.assertTrue(included, "author in includes.users: " + where);
    String text = post.at("/data/text").asText();
    for (JsonNode url : post.at("/data/entities/urls")) {
      int start = url.get("start").asInt();
      int end = url.get("end").asInt();
      Assertions.assertEquals(url.get("url").asText(), text.substring(text.offsetByCodePoints(0, start),
          text.offsetByCodePoints(0, end)), "url offsets " + where);
    }
  }

  @Test
  void crmRulesHold() {
    GeneratedData d = data();
    for (Map<String, String> c : d.csvRecords("customers")) {
      Assertions.assertTrue(c.get("updated_at").compareTo(c.get("created_at")) >= 0, "updated after created " + c);
    }
    for (Map<String, String> c : d.csvRecords("campaigns")) {
      Assertions.assertTrue(c.get("end_date").compareTo(c.get("start_date")) >= 0, "ends after start " + c);
    }
    for (Map<String, String> s : d.csvRecords("support_cases")) {
      String opened = s.get("opened_at");
      Assertions.assertTrue(s.get("first_response_at").isEmpty() || s.get("first_response_at").compareTo(opened) >= 0);
      Assertions.assertTrue(s.get("resolved_at").isEmpty() || s.get("resolved_at").compareTo(opened) >= 0);
      Assertions.assertTrue(!s.get("channel").equals("social") || !s.get("platform").isEmpty(), "platform " + s);
    }
    for (Map<String, String> l : d.csvRecords("leads")) {
      Assertions.assertTrue(!l.get("status").equals("converted") || !l.get("converted_customer_id").isEmpty());
    }
    for (Map<String, String> p : d.csvRecords("linkedin_posts")) {
      Assertions.assertTrue(Long.parseLong(p.get("clicks")) <= Long.parseLong(p.get("impressions")));
    }
    Set<String> campaigns = d.csvRecords("campaigns").stream().map(c -> c.get("campaign_id"))
        .collect(Collectors.toSet());
    for (Map<String, String> s : d.csvRecords("marketing_spend")) {
      Assertions.assertTrue(campaigns.contains(s.get("campaign_id")), "spend of a known campaign " + s);
    }
    Set<String> brands = Brands.ALL.stream().map(Brands.Brand::name).collect(Collectors.toSet());
    d.csvRecords("campaigns").forEach(c -> Assertions.assertTrue(brands.contains(c.get("brand"))));
  }

  @Test
  void ordersAreTypedParquet() throws IOException {
    data();
    StructType schema = session().read().parquet(data.files("orders").get(0).toString()).schema();
    Assertions.assertEquals(Contracts.columnNames("orders"), Arrays.asList(schema.fieldNames()));
    Assertions.assertEquals(DataTypes.createDecimalType(12, 2), schema.apply("amount").dataType());
    Assertions.assertEquals(DataTypes.TimestampType, schema.apply("order_ts").dataType());
    Assertions.assertEquals(DataTypes.TimestampType, schema.apply("updated_at").dataType());
    Assertions.assertEquals(DataTypes.StringType, schema.apply("order_id").dataType());
    Path file = data.files("orders").get(0);
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      MessageType parquet = reader.getFooter().getFileMetaData().getSchema();
      Assertions.assertEquals(PrimitiveType.PrimitiveTypeName.INT64,
          parquet.getType("order_ts").asPrimitiveType().getPrimitiveTypeName(), "timestamps are not INT96");
    }
    Set<String> statuses = orders.stream().map(r -> r.<String>getAs("status")).collect(Collectors.toSet());
    Assertions.assertTrue(statuses.contains("paid"));
    Set<String> currencies = orders.stream().map(r -> r.<String>getAs("currency")).collect(Collectors.toSet());
    Assertions.assertTrue(currencies.size() >= 2, "several currencies " + currencies);
  }

  // ---- ground truth ----

  @Test
  void truthProfilesAppearInTheLandingDataOfTheirPlatform() {
    GeneratedData d = data();
    Map<String, Set<String>> seen = new HashMap<>();
    d.jsonRecords("x_posts").forEach(p -> seen.computeIfAbsent("x", k -> new HashSet<>())
        .add(p.at("/data/author_id").asText()));
    d.jsonRecords("x_follows").forEach(f -> seen.get("x").add(f.get("follower_id").asText()));
    d.csvRecords("facebook_comments").forEach(c -> seen.computeIfAbsent("facebook", k -> new HashSet<>())
        .add(c.get("author_id")));
    d.csvRecords("facebook_reactions").forEach(r -> seen.get("facebook").add(r.get("user_id")));
    d.csvRecords("linkedin_followers").forEach(f -> seen.computeIfAbsent("linkedin", k -> new HashSet<>())
        .add(f.get("follower_urn")));
    List<Map<String, String>> truth = d.truth("profile_customer.csv");
    Assertions.assertFalse(truth.isEmpty());
    Set<String> platforms = new HashSet<>();
    for (Map<String, String> t : truth) {
      platforms.add(t.get("platform"));
      Assertions.assertTrue(seen.get(t.get("platform")).contains(t.get("profile_id")), "profile in landing data: " + t);
    }
    Assertions.assertEquals(Set.of("x", "facebook", "linkedin"), platforms);
    Map<String, Long> perCustomer = truth.stream().collect(Collectors.groupingBy(t -> t.get("customer_id"),
        Collectors.counting()));
    Assertions.assertTrue(perCustomer.values().stream().anyMatch(n -> n == 2), "some customers are on two platforms");
  }

  /**
   * Every true pair names the evidence the data holds for it: a handle the customer gave the CRM makes it
   * deterministic; a Facebook account is never distinctive (its export carries no location); the rest of the
   * accounts that show a name are distinctive with the city, name_only without it.
   */
  @Test
  void truthPairsNameTheirEvidence() {
    GeneratedData d = data();
    Map<String, Map<String, String>> customers = new HashMap<>();
    d.csvRecords("customers").forEach(c -> customers.putIfAbsent(c.get("customer_id"), c));
    Map<String, Long> byClass = new HashMap<>();
    int handles = 0;
    for (Map<String, String> t : d.truth("profile_customer.csv")) {
      String evidence = t.get("evidence");
      byClass.merge(evidence, 1L, Long::sum);
      Map<String, String> c = customers.get(t.get("customer_id"));
      String given = switch (t.get("platform")) {
        case "x" -> c.get("x_handle");
        case "facebook" -> c.get("facebook_profile");
        default -> c.get("linkedin_profile");
      };
      if (given != null && !given.isEmpty()) {
        handles++;
        Assertions.assertEquals("deterministic", evidence, "the CRM holds the account: " + t);
      }
      if (t.get("platform").equals("facebook")) {
        Assertions.assertNotEquals("distinctive", evidence, "Facebook exports carry no location: " + t);
      }
    }
    Assertions.assertTrue(handles > 0);
    Assertions.assertTrue(Set.of("deterministic", "distinctive", "name_only", "none").containsAll(byClass.keySet()),
        byClass.toString());
    Assertions.assertTrue(byClass.getOrDefault("none", 0L) > 0, "some accounts show no name: " + byClass);
    // Measured on this seed: deterministic 59, distinctive 30, name_only 37, none 7.
    Assertions.assertTrue(byClass.getOrDefault("distinctive", 0L) > 0 && byClass.getOrDefault("name_only", 0L) > 0,
        byClass.toString());
  }

  @Test
  void truthCustomersAndOrdersExist() {
    GeneratedData d = data();
    Set<String> customers = d.csvRecords("customers").stream().map(c -> c.get("customer_id"))
        .collect(Collectors.toSet());
    for (Map<String, String> t : d.truth("profile_customer.csv")) {
      Assertions.assertTrue(customers.contains(t.get("customer_id")), t.toString());
    }
    Map<String, Row> byId = new HashMap<>();
    orders.forEach(o -> byId.put(o.getAs("order_id"), o));
    List<Map<String, String>> touches = d.truth("order_touches.csv");
    Assertions.assertFalse(touches.isEmpty(), "some orders follow touches");
    for (Map<String, String> t : touches) {
      Row order = byId.get(t.get("order_id"));
      Assertions.assertNotNull(order, "order exists: " + t);
      Assertions.assertEquals(order.<String>getAs("customer_id"), t.get("customer_id"));
      Assertions.assertTrue(customers.contains(t.get("customer_id")));
      Instant orderTs = order.<Timestamp>getAs("order_ts").toInstant();
      Instant touchTs = LocalDateTime.parse(t.get("touch_ts"), Contracts.CRM_TIMESTAMP).toInstant(ZoneOffset.UTC);
      Assertions.assertTrue(touchTs.isBefore(orderTs), "touch before order: " + t);
      Assertions.assertFalse(touchTs.isBefore(orderTs.minusSeconds(30 * 86_400)), "touch within 30 days: " + t);
    }
  }

  /** Orders per customer-day after a customer's first brand touch (seen in the landing data) vs. untouched. */
  @Test
  void ordersFollowTouchesMoreOftenThanChance() {
    GeneratedData d = data();
    Map<String, String> customerOf = new HashMap<>();
    d.truth("profile_customer.csv").forEach(t -> customerOf.put(t.get("profile_id"), t.get("customer_id")));
    Map<String, Instant> firstTouch = new HashMap<>();
    String brandId = Brands.BRAND.xUserId();
    Set<String> brandPosts = d.jsonRecords("x_posts").stream()
        .filter(p -> p.at("/data/author_id").asText().equals(brandId)).map(p -> p.at("/data/id").asText())
        .collect(Collectors.toSet());
    DateTimeFormatter facebook = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    for (JsonNode p : d.jsonRecords("x_posts")) {
      String customer = customerOf.get(p.at("/data/author_id").asText());
      boolean touch = false;
      for (JsonNode ref : p.at("/data/referenced_tweets")) {
        touch |= brandPosts.contains(ref.get("id").asText());
      }
      for (JsonNode url : p.at("/data/entities/urls")) {
        touch |= url.get("expanded_url").asText().contains(Brands.BRAND.domain() + "/")
            && url.get("expanded_url").asText().contains("utm_campaign=");
      }
      if (customer != null && touch) {
        firstTouch.merge(customer, Instant.parse(p.at("/data/created_at").asText()), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    String page = Brands.BRAND.facebookPageId() + "_";
    for (String input : List.of("facebook_comments", "facebook_reactions")) {
      for (Map<String, String> r : d.csvRecords(input)) {
        String customer = customerOf.get(r.getOrDefault("author_id", r.get("user_id")));
        String time = r.getOrDefault("created_time", r.get("reacted_time"));
        if (customer != null && r.get("post_id").startsWith(page)) {
          firstTouch.merge(customer, LocalDateTime.parse(time, facebook).toInstant(ZoneOffset.UTC),
              (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    Instant start = START.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = START.plusDays(DAYS).atStartOfDay().toInstant(ZoneOffset.UTC);
    Set<String> initial = d.csvRecords("customers").stream()
        .filter(c -> LocalDateTime.parse(c.get("created_at"), Contracts.CRM_TIMESTAMP).toInstant(ZoneOffset.UTC)
            .isBefore(start))
        .map(c -> c.get("customer_id")).collect(Collectors.toCollection(TreeSet::new));
    Map<String, List<Instant>> ordersOf = new HashMap<>();
    orders.stream().collect(Collectors.toMap(o -> o.<String>getAs("order_id"), o -> o, (a, b) -> a)).values()
        .forEach(o -> ordersOf.computeIfAbsent(o.getAs("customer_id"), k -> new ArrayList<>())
            .add(o.<Timestamp>getAs("order_ts").toInstant()));
    double touchedOrders = 0;
    double touchedDays = 0;
    double otherOrders = 0;
    double otherDays = 0;
    for (String c : initial) {
      List<Instant> placed = ordersOf.getOrDefault(c, List.of());
      Instant first = firstTouch.get(c);
      if (first != null) {
        touchedOrders += placed.stream().filter(t -> t.isAfter(first)).count();
        touchedDays += (end.toEpochMilli() - first.toEpochMilli()) / 86_400_000.0;
      } else {
        otherOrders += placed.size();
        otherDays += DAYS;
      }
    }
    double touchedRate = touchedOrders / touchedDays;
    double otherRate = otherOrders / otherDays;
    System.out.printf("orders per customer-day: %.4f after touches (%d customers), %.4f untouched%n", touchedRate,
        firstTouch.size(), otherRate);
    Assertions.assertTrue(firstTouch.size() >= 20, "enough touched customers: " + firstTouch.size());
    Assertions.assertTrue(touchedRate > 1.5 * otherRate, "touches lift orders: " + touchedRate + " vs " + otherRate);
  }

  // ---- defects ----

  @Test
  void listedDefectsArePresentWhereListed() {
    GeneratedData d = data();
    List<Map<String, String>> defects = d.truth("defects.csv");
    Set<String> late = d.truth("late_files.csv").stream()
        .map(r -> r.get("input") + "/" + r.get("date") + "/" + r.get("file")).collect(Collectors.toSet());
    for (Map<String, String> defect : defects) {
      String input = defect.get("input");
      Path file = d.locate(input, defect.get("date"), defect.get("file"));
      Assertions.assertTrue(Files.exists(file), "listed file exists: " + defect);
      String where = defect.toString();
      String line = defect.get("line_or_row");
      switch (defect.get("defect")) {
        case "malformed_json" -> Assertions.assertThrows(IOException.class,
            () -> Contracts.JSON.readTree(GeneratedData.lines(file).get(Integer.parseInt(line) - 1)), where);
        case "wrong_type", "missing_required" -> {
          List<String> problems = problemsAt(input, file, Integer.parseInt(line));
          String expected = defect.get("defect").equals("missing_required") ? "is missing" : "is not a";
          Assertions.assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), where + ": " + problems);
        }
        case "duplicate" -> {
          int n = Integer.parseInt(line);
          if (input.equals("orders")) {
            List<Row> rows = session().read().parquet(file.toString()).collectAsList();
            Assertions.assertEquals(rows.get(n - 2), rows.get(n - 1), where);
          } else {
            List<String> lines = GeneratedData.lines(file);
            Assertions.assertEquals(lines.get(n - 2), lines.get(n - 1), where);
          }
        }
        case "extra_field" -> GeneratedData.lines(file).forEach(l ->
            Assertions.assertTrue(GeneratedData.parse(l).at("/data/source_app").isTextual(), where));
        case "extra_column" -> {
          CsvFile csv = CsvFile.read(file);
          Assertions.assertEquals("export_tag", csv.header().get(csv.header().size() - 1), where);
          csv.records().forEach(r -> Assertions.assertEquals(csv.header().size(), r.size(), where));
        }
        case "late_file" -> {
          Assertions.assertTrue(file.startsWith(d.out.resolve("late")), where);
          Assertions.assertTrue(late.contains(input + "/" + defect.get("date") + "/" + defect.get("file")), where);
        }
        case "empty_file" -> {
          if (file.toString().endsWith(".jsonl")) {
            Assertions.assertEquals(0, size(file), where);
          } else {
            Assertions.assertEquals(1, CsvFile.read(file).records().size(), where);
          }
        }
        default -> throw new AssertionError("unknown defect " + where);
      }
    }
    Set<String> kinds = defects.stream().map(r -> r.get("defect")).collect(Collectors.toSet());
    Assertions.assertEquals(Arrays.stream(Defect.values()).map(k -> k.label).collect(Collectors.toSet()), kinds,
        "every kind of defect is present");
    Assertions.assertTrue(defects.stream().map(r -> r.get("date")).distinct().count() >= 3, "spread over days");
    Assertions.assertTrue(defects.stream().map(r -> r.get("input")).distinct().count() >= 8, "spread over inputs");
    long lineDefects = defects.stream().filter(r -> !r.get("line_or_row").isEmpty()).count();
    Assertions.assertTrue(lineDefects < 0.01 * summary.totalLandingRecords(), "few defects: " + lineDefects);
    Assertions.assertEquals(late.size(), d.truth("late_files.csv").size());
    Assertions.assertEquals(late.size(), GeneratedData.walk(d.out.resolve("late")).size(), "late files are listed");
  }

  private static List<String> problemsAt(String input, Path file, int line) {
    JsonNode contract = Contracts.contract(input);
    if (file.toString().endsWith(".jsonl")) {
      return Contracts.checkJson(contract, GeneratedData.parse(GeneratedData.lines(file).get(line - 1)));
    }
    CsvFile csv = CsvFile.read(file);
    return Contracts.checkCsv(contract, csv.header(), csv.at(line));
  }

  @Test
  void summaryCountsTheWrittenRecords() {
    GeneratedData d = data();
    for (String input : Contracts.all()) {
      long records = 0;
      for (Path file : d.files(input)) {
        String name = file.toString();
        if (name.endsWith(".jsonl")) {
          records += GeneratedData.lines(file).size();
        } else if (name.endsWith(".csv")) {
          records += CsvFile.read(file).records().size() - 1;
        } else {
          records += session().read().parquet(name).count();
        }
      }
      Assertions.assertEquals(records, summary.landingRecords().get(input).longValue(), input);
    }
    Assertions.assertEquals(d.truth("profile_customer.csv").size(), summary.truthRecords().get("profile_customer.csv"));
    Assertions.assertEquals(d.truth("order_touches.csv").size(), summary.truthRecords().get("order_touches.csv"));
    Assertions.assertEquals(d.truth("defects.csv").size(), summary.truthRecords().get("defects.csv"));
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
