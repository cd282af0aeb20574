package io.socialcrm.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates socialcrm's sample data: the landing zone (X JSON lines; Facebook, LinkedIn and CRM CSV; orders as
 * Parquet), one folder per input and day, with a few deliberate defects, and the ground truth kept apart.
 *
 * <pre>
 * OUT/landing/&lt;input&gt;/&lt;yyyy-mm-dd&gt;/part-0000N.(jsonl|csv|parquet)
 * OUT/late/&lt;input&gt;/&lt;yyyy-mm-dd&gt;/part-0000N.*      a file that arrives a day late
 * OUT/truth/profile_customer.csv, order_touches.csv, late_files.csv, defects.csv
 * </pre>
 *
 * <p>Every row is a pure function of (seed, entity kind, ids), generated in Spark tasks (one per input, day and
 * file) without shuffles; nothing that grows with the scale is collected to the driver. The same options give
 * byte-identical files.
 */
public final class SampleDataGenerator {
  static final String TMP_DIR = ".generator-tmp";
  private static final Logger LOG = LoggerFactory.getLogger(SampleDataGenerator.class);

  /** The landing inputs in the order they are written (contract names). */
  static List<LandingInput<?>> inputs() {
    return List.of(new XPostsInput(), new XFollowsInput(), new FacebookPostsInput(), new FacebookCommentsInput(),
        new FacebookReactionsInput(), new LinkedinPostsInput(), new LinkedinFollowersInput(), new CustomersInput(),
        new LeadsInput(), new OrdersInput(), new CampaignsInput(), new MarketingSpendInput(), new SupportCasesInput(),
        new MatchingConsentInput());
  }

  private final SparkSession spark;

  /**
   * @param spark the session to run on; the generator works in its own child session ({@link
   *     SparkSession#newSession()}: same context, own SQL settings), so the caller's settings are left alone
   */
  public SampleDataGenerator(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  /** A child session writing Parquet timestamps as TIMESTAMP_MICROS (not the legacy INT96). */
  private SparkSession writerSession() {
    SparkSession session = spark.newSession();
    session.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    return session;
  }

  public GeneratorSummary generate(GeneratorOptions options) {
    return generate(options, options.scale().sizes());
  }

  /** Generates with explicit sizes (tests use tiny ones). */
  public GeneratorSummary generate(GeneratorOptions options, Sizes sizes) {
    World world = new World(options.seed(), options.start(), options.days(), sizes).withUniqueXHandles();
    DefectPlan defects = DefectPlan.plan(world);
    Path out = options.out().toAbsolutePath();
    for (String dir : List.of("landing", "late", "truth", TMP_DIR)) {
      LandingWriter.deleteRecursively(out.resolve(dir));
    }
    SparkSession session = writerSession();
    LandingWriter writer = new LandingWriter(session, out, world, defects);
    Map<String, Long> landing = new LinkedHashMap<>();
    List<LandingWriter.WrittenFile> written = new ArrayList<>();
    for (LandingInput<?> input : inputs()) {
      long started = System.nanoTime();
      List<LandingWriter.WrittenFile> files = writer.write(input);
      written.addAll(files);
      landing.put(input.name(), files.stream().mapToLong(LandingWriter.WrittenFile::records).sum());
      LOG.info("generated {}: {} records in {} files, {} s", input.name(), landing.get(input.name()), files.size(),
          String.format("%.1f", (System.nanoTime() - started) / 1e9));
    }
    TruthWriter truth = new TruthWriter(session, out, world);
    Map<String, Long> truthCounts = new LinkedHashMap<>();
    long started = System.nanoTime();
    truthCounts.put(TruthWriter.PROFILE_CUSTOMER, truth.profileCustomer());
    truthCounts.put(TruthWriter.ORDER_TOUCHES, truth.orderTouches(new OrdersInput().files(world)));
    LOG.info("generated truth in {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
    truthCounts.put(TruthWriter.LATE_FILES, truth.lateFiles(written));
    truthCounts.put(TruthWriter.DEFECTS, truth.defects(written));
    LandingWriter.deleteRecursively(out.resolve(TMP_DIR));
    List<LocalDate> days = new ArrayList<>();
    for (int d = 0; d < world.days; d++) {
      days.add(world.date(d));
    }
    return new GeneratorSummary(landing, truthCounts, days, world.customers, uniqueFullNames(session, world));
  }

  /** How many of the world's customers have a full name no other customer has (one Spark job). */
  static long uniqueFullNames(SparkSession session, World world) {
    World w = world;
    MapFunction<Long, String> fullName = c -> {
      Person p = CustomerGenerator.person(w, c.intValue());
      return p.firstName() + " " + p.lastName();
    };
    return session.range(0, w.customers).map(fullName, Encoders.STRING())
        .groupBy("value").count().where("count = 1").count();
  }
}
