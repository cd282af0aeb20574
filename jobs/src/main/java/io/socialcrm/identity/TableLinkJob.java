package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialcrm.common.Errors;
import io.socialcrm.common.JoinKeys;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.lake.Lake;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Links any two tables with a match config file ({@code socialcrm link}): reads them (CSV with a header, all columns
 * as text; Parquet; Delta), blocks and compares with {@link LinkageEngine}, estimates the model (u from random pairs,
 * m and λ by EM, term frequencies from both tables), scores every candidate pair, and assigns one-to-one among the
 * pairs at or above the config's auto_link_probability. Writes under the output folder:
 * <ul>
 *   <li>{@code pairs/}: every scored candidate pair (Parquet): {@code l_<left id>}, {@code r_<right id>} (and the
 *       group columns), one {@code gamma_<comparison>} per comparison, blocking_rule, the right values term
 *       frequencies were looked up by, match_weight, match_probability (the compared values are in the inputs);
 *   <li>{@code links/} (Parquet) and {@code links.csv}: the links, {@code l_<left id>}, {@code r_<right id>},
 *       match_probability, match_weight, assignment_round;
 *   <li>{@code model.json} ({@link MatchModel#toJson}: λ, m and u per level) and {@code term_frequencies/<column>/}
 *       (Parquet: value, tf);
 *   <li>{@code report.json}: the counts, the phases' times and, with a truth file, precision, recall and F1.
 * </ul>
 * Wiring only: the linkage is the engine's. One-to-one is the engine's greedy mutual-best assignment, run again on
 * what is left until nothing is (a record with k exact look-alikes on the other side takes k rounds, more than the
 * engine's {@value LinkageEngine#ONE_TO_ONE_ROUNDS} per call).
 */
public final class TableLinkJob {

  /** The format of an input table. */
  public enum Format { CSV, PARQUET, DELTA }

  /**
   * What to link.
   *
   * @param leftFormat null to detect it (a {@code _delta_log} folder, else the file extension, else the extension of
   *     the files in the folder)
   * @param truth null, or a CSV of the true pairs: the columns named as the config's left and right ids, or
   *     {@code l_<left id>} and {@code r_<right id>} (as the pairs and links name them; needed when both ids have one
   *     name)
   */
  public record Request(String left, Format leftFormat, String right, Format rightFormat, String config, String out,
                        String truth) {}

  /** Wall time of each phase, in milliseconds. */
  public record Phases(long readMs, long blockCompareMs, long estimateMs, long scoreMs, long oneToOneMs) {
    /** The linkage's phases: block+compare, estimate, score and one-to-one (reading the inputs left out). */
    public long linkMs() {
      return blockCompareMs + estimateMs + scoreMs + oneToOneMs;
    }
  }

  /**
   * What a run did.
   *
   * @param pairsByRule per blocking rule, in config order: {pairs generated, pairs kept (not already produced by an
   *     earlier rule)}
   * @param skipped the blocks over max_block_pairs, skipped: their count, the pairs they held, and the largest
   * @param eval null without a truth file
   */
  public record Result(String config, long leftRows, long rightRows, long candidatePairs,
                       Map<String, long[]> pairsByRule, SkippedBlocks skipped, MatchModel model,
                       double autoLinkProbability, long links, Phases phases, IdentityEval.Result eval, String out) {

    public long skippedBlocks() {
      return skipped.blocks();
    }

    public long skippedPairs() {
      return skipped.pairs();
    }

    public long maxBlockPairs() {
      return skipped.maxBlockPairs();
    }

    /** What {@code socialcrm link} prints, one line each. */
    public List<String> lines() {
      List<String> out = new ArrayList<>();
      out.add(String.format(Locale.ROOT, "link %s: left %,d rows, right %,d rows", config, leftRows, rightRows));
      StringBuilder rules = new StringBuilder();
      pairsByRule.forEach((rule, n) -> rules.append(rules.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%s %,d", rule, n[1])));
      out.add(String.format(Locale.ROOT, "candidate pairs: %,d (new per rule: %s)", candidatePairs, rules));
      out.add(String.format(Locale.ROOT, "model: lambda=%.6g, EM %d iterations%s", model.lambda(),
          model.iterations(), model.converged() ? ", converged" : ", NOT converged"));
      out.add(String.format(Locale.ROOT, "links: %,d (one-to-one at match_probability >= %s)", links,
          trim(autoLinkProbability)));
      out.add(String.format(Locale.ROOT, "phases: read %s, block+compare %s, estimate %s, score %s, one-to-one %s;"
              + " linkage %s", sec(phases.readMs()), sec(phases.blockCompareMs()), sec(phases.estimateMs()),
          sec(phases.scoreMs()), sec(phases.oneToOneMs()), sec(phases.linkMs())));
      if (eval != null) {
        out.add(eval.line());
      }
      return out;
    }

    /** The warning about skipped blocks, or null when nothing was skipped. */
    public String warning() {
      if (!skipped.any()) {
        return null;
      }
      SkippedBlocks.Block largest = skipped.largest().get(0);
      return String.format(Locale.ROOT, "warning: %,d blocks over max_block_pairs (%,d) were skipped: %,d candidate"
          + " pairs not compared (largest: %s: %,d pairs); raise max_block_pairs or refine the blocking rules",
          skipped.blocks(), skipped.maxBlockPairs(), skipped.pairs(), largest.name(), largest.pairs());
    }

    private static String sec(long ms) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String trim(double d) {
      return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;

  public TableLinkJob(SparkSession spark) {
    this.spark = spark;
  }

  /** Links the two tables of the request and writes the outputs; see the class comment. */
  public Result run(Request request) {
    MatchConfig config = readConfig(request.config());
    String out = Lake.qualify(request.out());
    Dataset<Row> truth = request.truth() == null ? null : readTruth(request.truth(), config);

    long t0 = System.nanoTime();
    Dataset<Row> left = read("--left", request.left(), request.leftFormat());
    Dataset<Row> right = read("--right", request.right(), request.rightFormat());
    checkColumns("left", request.left(), left, config, true);
    checkColumns("right", request.right(), right, config, false);
    // Read once: blocking, estimation and the term frequencies each read both tables (whole: a blocking key may
    // read a column no comparison does). Spread over the shuffle partitions: a CSV under 128 MB is read as one
    // partition, and every stage that reads it (blocking keys, random pairs for u) would run on one core.
    int partitions = Math.max(spark.sparkContext().defaultParallelism(),
        Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")));
    left = left.repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
    right = right.repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
    long leftRows = left.count();
    long rightRows = right.count();
    long readMs = ms(t0);
    Dataset<Row> compared = null;
    BlockingResult blocking = null;
    try {
      LinkageEngine engine = new LinkageEngine(spark, config);

      long t1 = System.nanoTime();
      blocking = engine.block(left, right);
      // Only what estimation and scoring read (ids, gammas, rules, term-frequency keys): the compared values are in
      // the inputs, by id.
      compared = engine.compare(blocking.pairs())
          .select(engine.scoringColumns().stream().map(c -> col(c)).toArray(Column[]::new))
          .persist(StorageLevel.MEMORY_AND_DISK());
      long candidates = compared.count();
      Map<String, long[]> byRule = blocking.countsByRule(compared);
      SkippedBlocks skipped = SkippedBlocks.of(blocking.skippedKeys(), config.maxBlockPairs());
      blocking.release();
      long blockMs = ms(t1);

      long t2 = System.nanoTime();
      MatchModel model = engine.estimate(left, right, compared);
      writeText(Lake.join(out, "model.json"), model.toJson());
      Map<String, Dataset<Row>> tf = new LinkedHashMap<>();
      for (Map.Entry<String, Dataset<Row>> e : model.termFrequencies().entrySet()) {
        String path = Lake.join(out, "term_frequencies", e.getKey());
        e.getValue().write().mode(SaveMode.Overwrite).parquet(path);
        tf.put(e.getKey(), spark.read().parquet(path));
      }
      model = model.withTermFrequencies(tf);
      long estimateMs = ms(t2);

      long t3 = System.nanoTime();
      String pairsPath = Lake.join(out, "pairs");
      engine.score(compared, model, false).drop(LinkageEngine.BLOCKING_RULE_MASK)
          .write().mode(SaveMode.Overwrite).parquet(pairsPath);
      long scoreMs = ms(t3);
      compared.unpersist();
      compared = null;

      long t4 = System.nanoTime();
      String lid = LinkageEngine.L + config.leftId();
      String rid = LinkageEngine.R + config.rightId();
      List<String> groups = config.groupColumns().stream().map(g -> LinkageEngine.L + g).toList();
      List<Column> keep = new ArrayList<>();
      groups.forEach(g -> keep.add(col(g)));
      keep.addAll(List.of(col(lid), col(rid), col(LinkageEngine.MATCH_PROBABILITY), col(LinkageEngine.MATCH_WEIGHT)));
      Dataset<Row> strong = spark.read().parquet(pairsPath)
          .filter(col(LinkageEngine.MATCH_PROBABILITY).geq(config.autoLinkProbability()))
          .select(keep.toArray(Column[]::new));
      String linksPath = Lake.join(out, "links");
      oneToOne(strong, groups, lid, rid).write().mode(SaveMode.Overwrite).parquet(linksPath);
      Dataset<Row> links = spark.read().parquet(linksPath);
      long linkCount = writeCsv(links, Lake.join(out, "links.csv"));
      long oneToOneMs = ms(t4);

      IdentityEval.Result eval = truth == null ? null : evaluate(links, truth, lid, rid);
      Phases phases = new Phases(readMs, blockMs, estimateMs, scoreMs, oneToOneMs);
      Result result = new Result(config.name(), leftRows, rightRows, candidates, byRule, skipped, model,
          config.autoLinkProbability(), linkCount, phases, eval, out);
      writeText(Lake.join(out, "report.json"), report(result));
      return result;
    } finally {
      if (blocking != null) {
        blocking.release();
      }
      if (compared != null) {
        compared.unpersist();
      }
      left.unpersist();
      right.unpersist();
    }
  }

  /**
   * The engine's greedy one-to-one ({@link LinkageEngine#oneToOne(Dataset, List, String, String)}), again on the
   * pairs whose records are both still free, until none are left: every call assigns at least the best pair left.
   */
  static Dataset<Row> oneToOne(Dataset<Row> pairs, List<String> groups, String lid, String rid) {
    List<String> leftKey = new ArrayList<>(groups);
    leftKey.add(lid);
    List<String> rightKey = new ArrayList<>(groups);
    rightKey.add(rid);
    Dataset<Row> remaining = pairs.localCheckpoint(true);
    Dataset<Row> links = null;
    for (int pass = 0; !remaining.isEmpty(); pass++) {
      Dataset<Row> chosen = LinkageEngine.oneToOne(remaining, groups, lid, rid)
          .withColumn("assignment_round", col("assignment_round").plus(pass * LinkageEngine.ONE_TO_ONE_ROUNDS))
          .localCheckpoint(true);
      links = links == null ? chosen : links.unionByName(chosen);
      remaining = remaining
          .join(chosen.select(leftKey.stream().map(c -> col(c)).toArray(Column[]::new)), JoinKeys.on(leftKey),
              "left_anti")
          .join(chosen.select(rightKey.stream().map(c -> col(c)).toArray(Column[]::new)), JoinKeys.on(rightKey),
              "left_anti")
          .localCheckpoint(true);
    }
    return links != null ? links : pairs.withColumn("assignment_round", lit(0)).limit(0);
  }

  private IdentityEval.Result evaluate(Dataset<Row> links, Dataset<Row> truth, String lid, String rid) {
    Dataset<Row> l = links.select(col(lid), col(rid)).distinct();
    Dataset<Row> t = truth.distinct();
    long correct = l.join(t, JoinKeys.of(lid, rid), "left_semi").count();
    return new IdentityEval.Result(l.count(), t.count(), correct);
  }

  // ---------------------------------------------------------------- inputs

  private MatchConfig readConfig(String file) {
    Path p = path(file);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p) || fs.getFileStatus(p).isDirectory()) {
        throw Errors.linkInputNotFound("--config", file);
      }
      try (var in = fs.open(p)) {
        return MatchConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file);
      }
    } catch (IOException e) {
      throw Errors.unreadableInput("match config", file, e);
    }
  }

  /** Reads one input table, its format given or detected. */
  Dataset<Row> read(String what, String file, Format given) {
    Format format = given != null ? given : detect(what, file);
    String q = Lake.qualify(file);
    if (given != null && !exists(q)) {
      throw Errors.linkInputNotFound(what, file);
    }
    try {
      Dataset<Row> df = switch (format) {
        case CSV -> spark.read().option("header", "true").option("multiLine", "true").csv(q);
        case PARQUET -> spark.read().parquet(q);
        case DELTA -> spark.read().format("delta").load(q);
      };
      df.schema(); // fails here on an unreadable file, not in the middle of blocking
      return df;
    } catch (SocialCrmException e) {
      throw e;
    } catch (Exception e) {
      throw Errors.unreadableInput(what, file, e);
    }
  }

  /** A table's format: Delta with a _delta_log folder, else the extension of the file or of the folder's files. */
  Format detect(String what, String file) {
    String q = Lake.qualify(file);
    Path p = path(q);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw Errors.linkInputNotFound(what, file);
      }
      if (fs.exists(new Path(p, "_delta_log"))) {
        return Format.DELTA;
      }
      Format byName = byExtension(p.getName());
      if (byName != null) {
        return byName;
      }
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus f : fs.listStatus(p)) {
          String name = f.getPath().getName();
          Format inside = name.startsWith(".") || name.startsWith("_") ? null : byExtension(name);
          if (inside != null) {
            return inside;
          }
        }
      }
      throw Errors.unknownTableFormat(what, file);
    } catch (IOException e) {
      throw Errors.unreadableInput(what, file, e);
    }
  }

  private static Format byExtension(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
      return Format.CSV;
    }
    if (n.endsWith(".parquet")) {
      return Format.PARQUET;
    }
    return null;
  }

  /** The columns the config reads, and the blocking keys computable on the table, or one clear error. */
  private static void checkColumns(String side, String file, Dataset<Row> df, MatchConfig config, boolean left) {
    List<String> have = Arrays.asList(df.columns());
    List<String> missing = (left ? config.leftColumns() : config.rightColumns()).stream()
        .filter(c -> !have.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw Errors.missingColumns(side, file, missing, have);
    }
    for (MatchConfig.BlockingRule rule : config.blockingRules()) {
      for (MatchConfig.KeyEquality key : rule.keys()) {
        String e = left ? key.left() : key.right();
        try {
          df.select(expr(e)).schema();
        } catch (Exception ex) {
          throw Errors.invalidMatchConfig(config.name(), "blocking rule " + rule.name() + ": the " + side
              + " key '" + e + "' cannot be computed on " + file + ": " + Errors.rootMessage(ex));
        }
      }
    }
  }

  private Dataset<Row> readTruth(String file, MatchConfig config) {
    String q = Lake.qualify(file);
    if (!exists(q)) {
      throw Errors.linkInputNotFound("--truth", file);
    }
    Dataset<Row> t;
    try {
      t = spark.read().option("header", "true").csv(q);
      t.schema();
    } catch (Exception e) {
      throw Errors.unreadableInput("--truth", file, e);
    }
    List<String> have = Arrays.asList(t.columns());
    String lid = LinkageEngine.L + config.leftId();
    String rid = LinkageEngine.R + config.rightId();
    if (have.contains(lid) && have.contains(rid)) {
      return t.select(col(lid), col(rid));
    }
    if (!config.leftId().equals(config.rightId()) && have.contains(config.leftId())
        && have.contains(config.rightId())) {
      return t.select(col(config.leftId()).as(lid), col(config.rightId()).as(rid));
    }
    throw Errors.truthColumnsMissing(file, config.leftId().equals(config.rightId()) ? lid + " and " + rid
        : config.leftId() + " and " + config.rightId() + " (or " + lid + " and " + rid + ")", have);
  }

  // ---------------------------------------------------------------- outputs

  private String report(Result r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("config", r.config());
    root.put("left_rows", r.leftRows());
    root.put("right_rows", r.rightRows());
    root.put("candidate_pairs", r.candidatePairs());
    ObjectNode rules = root.putObject("pairs_by_rule");
    r.pairsByRule().forEach((rule, n) -> rules.putObject(rule).put("generated", n[0]).put("kept", n[1]));
    root.put("skipped_blocks", r.skippedBlocks());
    root.put("skipped_pairs", r.skippedPairs());
    root.put("max_block_pairs", r.maxBlockPairs());
    root.put("lambda", r.model().lambda());
    root.put("em_iterations", r.model().iterations());
    root.put("em_converged", r.model().converged());
    root.put("auto_link_probability", r.autoLinkProbability());
    root.put("links", r.links());
    ObjectNode p = root.putObject("phases_seconds");
    p.put("read", r.phases().readMs() / 1000.0);
    p.put("block_compare", r.phases().blockCompareMs() / 1000.0);
    p.put("estimate", r.phases().estimateMs() / 1000.0);
    p.put("score", r.phases().scoreMs() / 1000.0);
    p.put("one_to_one", r.phases().oneToOneMs() / 1000.0);
    p.put("linkage", r.phases().linkMs() / 1000.0);
    if (r.eval() != null) {
      root.putObject("eval").put("links", r.eval().links()).put("true_pairs", r.eval().eligibleTruth())
          .put("correct", r.eval().correct()).put("precision", r.eval().precision())
          .put("recall", r.eval().recall()).put("f1", r.eval().f1());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw Errors.io("cannot write the link report", e);
    }
  }

  /** Writes the links as one CSV file with a header, streamed from the executors; returns the rows written. */
  private long writeCsv(Dataset<Row> df, String file) {
    Path p = path(file);
    long n = 0;
    try (FSDataOutputStream os = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(p, true);
         Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
      w.write(String.join(",", Arrays.stream(df.columns()).map(TableLinkJob::csvField).toList()));
      w.write('\n');
      Iterator<Row> it = df.toLocalIterator();
      while (it.hasNext()) {
        Row row = it.next();
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
          fields.add(row.isNullAt(i) ? "" : csvField(String.valueOf(row.get(i))));
        }
        w.write(String.join(",", fields));
        w.write('\n');
        n++;
      }
    } catch (IOException e) {
      throw Errors.io("cannot write " + file, e);
    }
    return n;
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private void writeText(String file, String text) {
    Path p = path(file);
    try (FSDataOutputStream os = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(p, true)) {
      os.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw Errors.io("cannot write " + file, e);
    }
  }

  private boolean exists(String q) {
    Path p = path(q);
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw Errors.io("cannot check " + q, e);
    }
  }

  private static Path path(String file) {
    return new Path(Lake.qualify(file));
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
