package io.socialcrm.generate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import io.socialcrm.common.JoinKeys;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The ground truth under {@code truth/}, kept apart from the landing data: which accounts belong to which
 * customer, which touches preceded each induced order, which files are late and which defects were injected.
 * The large ones are Spark jobs (one task per unit) whose parts are concatenated under one header.
 */
final class TruthWriter {
  static final String PROFILE_CUSTOMER = "profile_customer.csv";
  static final String ORDER_TOUCHES = "order_touches.csv";
  static final String LATE_FILES = "late_files.csv";
  static final String DEFECTS = "defects.csv";

  private final SparkSession spark;
  private final Path out;
  private final World world;

  TruthWriter(SparkSession spark, Path out, World world) {
    this.spark = spark;
    this.out = out;
    this.world = world;
  }

  /** The lines of one unit of a truth file. */
  interface UnitLines extends Serializable {
    List<String> lines(World w, int unit);
  }

  /**
   * Which account is which customer's, with the evidence the data holds for the pair ({@link PairEvidence}): the
   * pairs and their flags per account, the care cases per day, and the customers' name-and-city counts are Spark
   * jobs, joined.
   */
  long profileCustomer() {
    World w = world;
    int customerProfiles = w.socialCustomers + w.secondProfiles;
    int units = Sizes.filesFor(customerProfiles);
    MapFunction<Long, Row> pair = index -> {
      int p = index.intValue();
      ProfileCore pc = ProfileCore.of(w, p);
      Profile profile = ProfileGenerator.profile(w, p);
      Person person = pc.person(w);
      Customer customer = CustomerGenerator.base(w, pc.owner());
      String id = pc.platform() == ProfileCore.X ? profile.userId()
          : pc.platform() == ProfileCore.FACEBOOK ? Ids.facebookUserId(p)
          : "urn:li:person:" + Ids.linkedinMemberId(p);
      return RowFactory.create(p, pc.platformName(), id, Ids.customerId(pc.owner()),
          PairEvidence.crmKeyOrEmail(profile, customer), PairEvidence.showsName(profile, person),
          PairEvidence.showsCity(profile, person, customer),
          PairEvidence.nameCityKey(person, PairEvidence.showsEverySurname(profile, person)));
    };
    StructType pairSchema = new StructType().add("p", "int").add("platform", "string").add("profile_id", "string")
        .add("customer_id", "string").add("key_or_email", "boolean").add("shows_name", "boolean")
        .add("shows_city", "boolean").add("name_city_key", "string");
    Dataset<Row> pairs = spark.range(0, customerProfiles, 1, units).map(pair, Encoders.row(pairSchema));

    FlatMapFunction<Long, Integer> careCases = day -> {
      List<Integer> out = new ArrayList<>();
      for (int platform : new int[] {ProfileCore.X, ProfileCore.FACEBOOK}) {
        for (Complaints.Complaint c : Complaints.onDay(w, platform, day.intValue())) {
          if (c.aboutBrand() && SupportCaseGenerator.social(w, c).customerId() != null) {
            out.add(c.profile());
          }
        }
      }
      return out.iterator();
    };
    Dataset<Row> withCase = spark.range(0, w.days, 1, Math.min(w.days, 8)).flatMap(careCases, Encoders.INT())
        .toDF("p").distinct().withColumn("care_case", lit(true));

    FlatMapFunction<Long, String> customerKeys = c -> {
      Person person = CustomerGenerator.person(w, c.intValue());
      return List.of(PairEvidence.nameCityKey(person, true), PairEvidence.nameCityKey(person, false)).iterator();
    };
    Dataset<Row> keys = spark.range(0, w.customers).flatMap(customerKeys, Encoders.STRING())
        .toDF("name_city_key");
    Dataset<Row> sameNameCity = keys.groupBy("name_city_key").agg(count(lit(1)).as("same_name_city"));

    Column deterministic = col("key_or_email").or(coalesce(col("care_case"), lit(false)));
    Column evidence = PairEvidence.classify(deterministic, col("shows_name"), col("shows_city"),
        col("same_name_city"));
    Dataset<String> lines = pairs.join(withCase, JoinKeys.of("p"), "left")
        .join(sameNameCity, JoinKeys.of("name_city_key"), "left")
        .select(col("p"), concat_ws(",", col("platform"), col("profile_id"), col("customer_id"), evidence)
            .as("line"))
        .orderBy("p").select("line").as(Encoders.STRING());
    return writeLines(PROFILE_CUSTOMER, List.of("platform", "profile_id", "customer_id", "evidence"), lines);
  }

  long orderTouches(int ordersFiles) {
    int units = world.days * ordersFiles;
    return writeCsv(ORDER_TOUCHES, List.of("order_id", "customer_id", "platform", "post_or_event_id", "touch_ts",
        "touch_type", "campaign_id"), units, (w, unit) -> {
          int day = unit / ordersFiles;
          int file = unit % ordersFiles;
          List<String[]> rows = new ArrayList<>();
          List<Long> orderTimes = new ArrayList<>();
          int existing = Math.min(w.customers, w.initialCustomers + w.newCustomersPerDay * (day + 1));
          for (int c = file; c < existing; c += ordersFiles) {
            if (w.profilesOf(c).length == 0) {
              continue;
            }
            List<Touch> touches = Touches.of(w, c, day - 31, day);
            for (OrderGenerator.Order o : OrderGenerator.placed(w, c, day, touches)) {
              if (o.type() != OrderGenerator.INDUCED) {
                continue;
              }
              for (Touch t : OrderGenerator.touchesBefore(o, touches)) {
                rows.add(new String[] {o.id(), Ids.customerId(c), t.platform(), t.eventId(), Times.crm(t.time()),
                    t.type(), t.campaignId()});
                orderTimes.add(o.time());
              }
            }
          }
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            order.add(i);
          }
          order.sort(Comparator.<Integer>comparingLong(orderTimes::get).thenComparing(i -> rows.get(i)[0])
              .thenComparing(i -> rows.get(i)[4]).thenComparing(i -> rows.get(i)[3]));
          return order.stream().map(i -> Csv.line(rows.get(i))).toList();
        });
  }

  long lateFiles(List<LandingWriter.WrittenFile> files) {
    List<String> lines = files.stream().filter(LandingWriter.WrittenFile::late)
        .map(f -> Csv.line(new String[] {f.input(), Times.date(world.date(f.day())), f.name()})).toList();
    writeSmall(LATE_FILES, List.of("input", "date", "file"), lines);
    return lines.size();
  }

  long defects(List<LandingWriter.WrittenFile> files) {
    List<String> lines = new ArrayList<>();
    for (LandingWriter.WrittenFile f : files) {
      for (Defect.Hit hit : f.hits()) {
        lines.add(Csv.line(new String[] {f.input(), Times.date(world.date(f.day())), f.name(),
            hit.line() > 0 ? Long.toString(hit.line()) : null, hit.kind().label}));
      }
    }
    writeSmall(DEFECTS, List.of("input", "date", "file", "line_or_row", "defect"), lines);
    return lines.size();
  }

  private void writeSmall(String name, List<String> header, List<String> lines) {
    StringBuilder sb = new StringBuilder(Csv.line(header)).append('\n');
    lines.forEach(l -> sb.append(l).append('\n'));
    try {
      Files.createDirectories(out.resolve("truth"));
      Files.writeString(out.resolve("truth").resolve(name), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the units as Spark tasks, then concatenates their parts in unit order under the header. */
  private long writeCsv(String name, List<String> header, int units, UnitLines unitLines) {
    World w = world;
    FlatMapFunction<Long, String> task = unit -> unitLines.lines(w, unit.intValue()).iterator();
    return writeLines(name, header, spark.range(0, units, 1, units).flatMap(task, Encoders.STRING()));
  }

  /** Writes the lines (in their partitions' order) as one file under the header. */
  private long writeLines(String name, List<String> header, Dataset<String> csvLines) {
    Path tmp = out.resolve(SampleDataGenerator.TMP_DIR).resolve("truth-" + name);
    csvLines.write().mode(SaveMode.Overwrite).option("compression", "none").text(tmp.toString());
    TreeMap<Integer, Path> parts = new TreeMap<>();
    try (Stream<Path> listing = Files.list(tmp)) {
      listing.filter(p -> p.getFileName().toString().startsWith("part-") && p.toString().endsWith(".txt"))
          .forEach(p -> parts.put(Integer.parseInt(p.getFileName().toString().substring(5, 10)), p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path target = out.resolve("truth").resolve(name);
    long lines = 0;
    try {
      Files.createDirectories(target.getParent());
      try (OutputStream os = Files.newOutputStream(target)) {
        os.write((Csv.line(header) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1 << 16];
        for (Path part : parts.values()) {
          try (InputStream in = Files.newInputStream(part)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
              os.write(buffer, 0, n);
              for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                  lines++;
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LandingWriter.deleteRecursively(tmp);
    return lines;
  }
}
