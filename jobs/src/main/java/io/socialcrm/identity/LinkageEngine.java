package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.levenshtein;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.Errors;
import io.socialcrm.common.JoinKeys;
import io.socialcrm.identity.MatchConfig.BlockingRule;
import io.socialcrm.identity.MatchConfig.Comparison;
import io.socialcrm.identity.MatchConfig.Level;
import io.socialcrm.identity.MatchConfig.LevelType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * A generic Fellegi–Sunter record-linkage engine on Spark, driven by a {@link MatchConfig}: blocking into
 * candidate pairs, comparison into gamma levels, estimation (u from random pairs, m and λ by EM on the
 * gamma-pattern counts), scoring with term-frequency adjustment and evidence, and one-to-one assignment.
 * Knows no table or column except through the config.
 */
public final class LinkageEngine {
  /** Prefixes of left and right columns in pairs. */
  public static final String L = "l_";
  public static final String R = "r_";
  public static final String BLOCKING_RULE = "blocking_rule";
  /** Bit i set when blocking rule i (config order) produced the pair. */
  public static final String BLOCKING_RULE_MASK = "blocking_rule_mask";
  public static final String MATCH_WEIGHT = "match_weight";
  public static final String MATCH_PROBABILITY = "match_probability";
  public static final String EVIDENCE = "evidence";
  /** Rounds of greedy mutual-best assignment in {@link #oneToOne}. */
  public static final int ONE_TO_ONE_ROUNDS = 8;
  private static final String RULE = "_rule";
  private static final String PARTS = "_parts";
  private static final String KEY = "_key";
  /** Joins a rule's key values into one string: a character no key value holds. */
  private static final String KEY_SEPARATOR = "\u0001";
  private static final double MIN_PROBABILITY = 1e-9;
  /** The floor of a fitted m: a level never seen among matches still weighs about -13 bits, not minus infinity. */
  private static final double MIN_M = 1e-4;

  private final SparkSession spark;
  private final MatchConfig config;

  public LinkageEngine(SparkSession spark, MatchConfig config) {
    this.spark = spark;
    this.config = config;
    JaroWinkler.register(spark);
    DamerauLevenshtein.register(spark);
  }

  public MatchConfig config() {
    return config;
  }

  /** The name of the gamma column of a comparison. */
  public static String gamma(String comparison) {
    return "gamma_" + comparison;
  }

  // ---------------------------------------------------------------- blocking

  /** Candidate pairs only; see {@link #block}. */
  public Dataset<Row> candidatePairs(Dataset<Row> left, Dataset<Row> right) {
    return block(left, right).pairs();
  }

  /**
   * Blocks the two tables: for each rule an equi-join on its keys (null keys never pair; a key whose block would
   * hold more than max_block_pairs pairs is skipped and reported), the rules' pairs unioned, each pair kept once
   * under the first rule that produced it, then the needed columns attached as {@code l_<col>}/{@code r_<col>}.
   */
  public BlockingResult block(Dataset<Row> left, Dataset<Row> right) {
    return block(left, right, null, null);
  }

  /**
   * The pairs of {@link #block(Dataset, Dataset)} that touch a changed record: a changed left record with any
   * right record, or any left record with a changed right record. Block sizes (and so the skipped keys) are those
   * of the whole tables, so the pairs are exactly those a full blocking gives that touch a changed record; the
   * rule counts count this call's pairs only.
   *
   * @param changedLeft the changed left records' ids (a column named as the config's left id); null, with
   *     {@code changedRight} null, blocks everything
   * @param changedRight the changed right records' ids (a column named as the config's right id)
   */
  public BlockingResult block(Dataset<Row> left, Dataset<Row> right, Dataset<Row> changedLeft,
      Dataset<Row> changedRight) {
    checkColumns(left, config.leftColumns(), "left");
    checkColumns(right, config.rightColumns(), "right");
    if ((changedLeft == null) != (changedRight == null)) {
      throw new IllegalArgumentException("give the changed records of both sides, or of neither");
    }
    List<BlockingRule> rules = config.blockingRules();
    // Block sizes from each record's key under every rule (one row per record and rule, one aggregation per side);
    // the blocks over max_block_pairs are skipped. Small (a row per key with records on both sides), persisted for
    // the skipped keys' report.
    Dataset<Row> blocks = allBlockSizes(allKeys(left, true), allKeys(right, false))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> skipped = skippedOf(blocks);
    List<Set<String>> skippedKeys = skippedKeysByRule(blocks);
    // Then the pairs from one join on (rule, key) of the records with the columns the comparisons need, each record
    // carrying its key under every rule (a skipped block's key as null): a pair is kept under the first rule whose
    // keys it shares, a filter on the joined row (as Splink's rules exclude the pairs of earlier rules), so no pair
    // is ever grouped to remove duplicates, and the compared columns need no second join.
    Dataset<Row> lRows = keyedRows(left, true, skippedKeys);
    Dataset<Row> rRows = keyedRows(right, false, skippedKeys);
    String lid = L + config.leftId();
    String rid = R + config.rightId();
    Dataset<Row> joined;
    if (changedLeft == null) {
      joined = lRows.join(rRows, JoinKeys.of(RULE, KEY));
    } else {
      // A changed left record with any right one, then an unchanged left record with a changed right one: each
      // pair once. The changed ids are few, so these joins broadcast them.
      Dataset<Row> lIds = broadcast(changedLeft.select(col(config.leftId()).as(lid)));
      Dataset<Row> rChanged = rRows.join(broadcast(changedRight.select(col(config.rightId()).as(rid))),
          JoinKeys.of(rid), "left_semi");
      joined = lRows.join(lIds, JoinKeys.of(lid), "left_semi").join(rRows, JoinKeys.of(RULE, KEY))
          .unionByName(lRows.join(lIds, JoinKeys.of(lid), "left_anti").join(rChanged, JoinKeys.of(RULE, KEY)));
    }
    Column first = lit(null).cast("int");
    Column mask = lit(0L);
    for (int i = rules.size() - 1; i >= 0; i--) {
      Column shared = col(L + KEY + i).equalTo(col(R + KEY + i)); // null (not shared) when either key is null
      first = when(shared, lit(i)).otherwise(first);
      mask = mask.bitwiseOR(when(shared, lit(1L << i)).otherwise(lit(0L)));
    }
    Column ruleName = ruleName(rules.stream().map(BlockingRule::name).toList(), col(RULE));
    List<Column> out = new ArrayList<>();
    config.leftColumns().forEach(c -> out.add(col(L + c)));
    config.rightColumns().forEach(c -> out.add(col(R + c)));
    out.add(ruleName.as(BLOCKING_RULE));
    out.add(mask.as(BLOCKING_RULE_MASK));
    Dataset<Row> pairs = joined.filter(col(RULE).equalTo(first)).select(out.toArray(Column[]::new));
    return new BlockingResult(pairs, rules.stream().map(BlockingRule::name).toList(), skipped, List.of(blocks));
  }

  /**
   * The keys of the blocks over max_block_pairs per rule (as {@link #keyedRows} writes a key), collected: each holds
   * more than max_block_pairs pairs, so there are few of them whatever the tables' size.
   */
  private List<Set<String>> skippedKeysByRule(Dataset<Row> blocks) {
    List<Set<String>> out = new ArrayList<>();
    config.blockingRules().forEach(r -> out.add(new HashSet<>()));
    for (Row r : blocks.filter(col("pairs").gt(lit(config.maxBlockPairs())))
        .select(col(RULE), concat_ws(KEY_SEPARATOR, col(PARTS))).collectAsList()) {
      out.get(r.getInt(0)).add(r.getString(1));
    }
    return out;
  }

  /**
   * One side's records with the columns the comparisons read ({@code l_<col>} or {@code r_<col>}) and their key under
   * every rule ({@code l__key<i>}: the key values as strings joined; null when a key value is null or the block is
   * skipped), one row per rule the record has a key under, that rule's index ({@code _rule}) and key ({@code _key}).
   */
  private Dataset<Row> keyedRows(Dataset<Row> side, boolean leftSide, List<Set<String>> skippedKeys) {
    List<BlockingRule> rules = config.blockingRules();
    String prefix = leftSide ? L : R;
    List<Column> sel = new ArrayList<>();
    for (String c : leftSide ? config.leftColumns() : config.rightColumns()) {
      sel.add(col(c).as(prefix + c));
    }
    Column[] perRule = new Column[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      List<Column> parts = keyParts(rules.get(i), leftSide);
      Column notNull = allNotNull(parts);
      Column key = concat_ws(KEY_SEPARATOR, parts.toArray(Column[]::new));
      Column kept = skippedKeys.get(i).isEmpty() ? notNull
          : notNull.and(not(key.isin(skippedKeys.get(i).toArray())));
      sel.add(when(kept, key).as(prefix + KEY + i));
      perRule[i] = struct(lit(i).as(RULE), col(prefix + KEY + i).as(KEY));
    }
    return side.select(sel.toArray(Column[]::new))
        .withColumn("_k", explode(filter(array(perRule), k -> k.getField(KEY).isNotNull())))
        .withColumn(RULE, col("_k." + RULE)).withColumn(KEY, col("_k." + KEY)).drop("_k");
  }

  /**
   * The keys whose block exceeds max_block_pairs and that blocking skips, as {@link BlockingResult#skippedKeys}
   * (blocking_rule, key, left_count, right_count, pairs), without blocking.
   */
  public Dataset<Row> skippedBlocks(Dataset<Row> left, Dataset<Row> right) {
    return skippedOf(allBlockSizes(allKeys(left, true), allKeys(right, false)));
  }

  /**
   * The ids of one side's records whose key under a rule is one of the given blocks (a column {@code block}, as
   * {@link #blockName} names a row of {@link #skippedBlocks}): the records whose pairs that block's skipping decides.
   */
  public Dataset<Row> recordsInBlocks(Dataset<Row> side, boolean leftSide, Dataset<Row> blocks) {
    Dataset<Row> out = null;
    for (BlockingRule rule : config.blockingRules()) {
      Dataset<Row> inRule = keyed(side, rule, leftSide)
          .select(col(leftSide ? "_lid" : "_rid").as(leftSide ? config.leftId() : config.rightId()),
              blockName(lit(rule.name()), blockKey(keyNames(rule))).as("block"))
          .join(blocks.select("block"), JoinKeys.of("block"), "left_semi")
          .drop("block");
      out = out == null ? inRule : out.unionByName(inRule);
    }
    return out.distinct();
  }

  /** A rule's name from its index (0-based) among the given names, as a column. */
  static Column ruleName(List<String> names, Column index) {
    return element_at(array(names.stream().map(n -> lit(n)).toArray(Column[]::new)), index.plus(1));
  }

  /** One name for a block: its rule and its key ("rule / key"). */
  public static Column blockName(Column rule, Column key) {
    return concat_ws(" / ", rule, key);
  }

  private static List<String> keyNames(BlockingRule rule) {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < rule.keys().size(); k++) {
      names.add("_bk" + k);
    }
    return names;
  }

  /** One side's ids ({@code _lid} or {@code _rid}) with the rule's keys ({@code _bk<k>}), null keys left out. */
  private Dataset<Row> keyed(Dataset<Row> side, BlockingRule rule, boolean leftSide) {
    List<Column> sel = new ArrayList<>();
    Column notNull = lit(true);
    for (int k = 0; k < rule.keys().size(); k++) {
      String kn = "_bk" + k;
      MatchConfig.KeyEquality key = rule.keys().get(k);
      sel.add(expr(leftSide ? key.left() : key.right()).as(kn));
      notNull = notNull.and(col(kn).isNotNull());
    }
    sel.add(leftSide ? col(config.leftId()).as("_lid") : col(config.rightId()).as("_rid"));
    return side.select(sel.toArray(Column[]::new)).filter(notNull);
  }

  /** A rule's key values on one side, as strings, in order. */
  private static List<Column> keyParts(BlockingRule rule, boolean leftSide) {
    return rule.keys().stream().map(k -> expr(leftSide ? k.left() : k.right()).cast("string")).toList();
  }

  /** True when none of the columns is null. */
  private static Column allNotNull(List<Column> parts) {
    Column notNull = lit(true);
    for (Column part : parts) {
      notNull = notNull.and(part.isNotNull());
    }
    return notNull;
  }

  /**
   * One side's records under every rule: {@code _rule} (the rule's index), {@code _parts} (its key values as
   * strings, in order) and the id ({@code _lid} or {@code _rid}); a record with a null key under a rule has no row
   * for it (null keys never pair).
   */
  private Dataset<Row> allKeys(Dataset<Row> side, boolean leftSide) {
    List<BlockingRule> rules = config.blockingRules();
    Column[] perRule = new Column[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      List<Column> parts = keyParts(rules.get(i), leftSide);
      perRule[i] = when(allNotNull(parts), struct(lit(i).as(RULE), array(parts.toArray(Column[]::new)).as(PARTS)));
    }
    Column id = leftSide ? col(config.leftId()).as("_lid") : col(config.rightId()).as("_rid");
    return side.select(id, explode(filter(array(perRule), c -> c.isNotNull())).as("_k"))
        .select(col(leftSide ? "_lid" : "_rid"), col("_k." + RULE).as(RULE), col("_k." + PARTS).as(PARTS));
  }

  /**
   * Every block of both tables (rule index {@code _rule}, its key values {@code _parts}, left_count, right_count,
   * pairs) and each side's records under every rule ({@code _lid} or {@code _rid}, {@code _rule}, {@code _parts}):
   * what a diagnosis of blocking (which true pairs sit in skipped blocks) needs.
   */
  BlockKeys blocksAndKeys(Dataset<Row> left, Dataset<Row> right) {
    Dataset<Row> lKeys = allKeys(left, true);
    Dataset<Row> rKeys = allKeys(right, false);
    return new BlockKeys(allBlockSizes(lKeys, rKeys), lKeys, rKeys);
  }

  /** {@link #blocksAndKeys}: the blocks, and the left and right records' keys under every rule. */
  record BlockKeys(Dataset<Row> blocks, Dataset<Row> leftKeys, Dataset<Row> rightKeys) {}

  /** Per rule and key with records on both sides: left_count, right_count and pairs (their product). */
  private static Dataset<Row> allBlockSizes(Dataset<Row> lKeys, Dataset<Row> rKeys) {
    return lKeys.groupBy(RULE, PARTS).agg(count(lit(1)).as("left_count"))
        .join(rKeys.groupBy(RULE, PARTS).agg(count(lit(1)).as("right_count")), JoinKeys.of(RULE, PARTS))
        .withColumn("pairs", col("left_count").multiply(col("right_count")));
  }

  /** The blocks over max_block_pairs, as {@link BlockingResult#skippedKeys} rows. */
  private Dataset<Row> skippedOf(Dataset<Row> blocks) {
    Column ruleName = ruleName(config.blockingRules().stream().map(BlockingRule::name).toList(), col(RULE));
    return blocks.filter(col("pairs").gt(lit(config.maxBlockPairs())))
        .select(ruleName.as(BLOCKING_RULE), concat_ws(" | ", col(PARTS)).as("key"),
            col("left_count"), col("right_count"), col("pairs"));
  }

  private static Column blockKey(List<String> keyNames) {
    return concat_ws(" | ", keyNames.stream().map(n -> col(n).cast("string")).toArray(Column[]::new));
  }

  /**
   * A hash of everything a left record's pairs depend on: the columns the comparisons read and every blocking
   * key. Records with the same fingerprint block, compare and score alike.
   */
  public Column leftFingerprint() {
    return fingerprint(config.leftColumns(),
        config.blockingRules().stream().flatMap(r -> r.keys().stream().map(MatchConfig.KeyEquality::left)).toList());
  }

  /** {@link #leftFingerprint} of a right record. */
  public Column rightFingerprint() {
    return fingerprint(config.rightColumns(),
        config.blockingRules().stream().flatMap(r -> r.keys().stream().map(MatchConfig.KeyEquality::right)).toList());
  }

  private static Column fingerprint(List<String> columns, List<String> keyExpressions) {
    List<Column> parts = new ArrayList<>();
    columns.forEach(c -> parts.add(col(c).as(c)));
    for (int k = 0; k < keyExpressions.size(); k++) {
      parts.add(expr(keyExpressions.get(k)).as("_k" + k));
    }
    return sha2(to_json(struct(parts.toArray(Column[]::new))), 256);
  }

  private static void checkColumns(Dataset<Row> df, List<String> needed, String side) {
    List<String> have = List.of(df.columns());
    for (String c : needed) {
      if (!have.contains(c)) {
        throw Errors.invalidMatchConfig("linkage", "the " + side + " table has no column '" + c
            + "' that the config reads (it has " + have + ")");
      }
    }
  }

  private static Dataset<Row> prefixed(Dataset<Row> df, List<String> cols, String prefix) {
    return df.select(cols.stream().map(c -> col(c).as(prefix + c)).toArray(Column[]::new));
  }

  // ---------------------------------------------------------------- comparison

  /**
   * Adds one {@code gamma_<comparison>} int column per comparison: -1 on the null level, else the model level index.
   * A similarity that several levels test against different thresholds (Jaro-Winkler ≥ 0.92, ≥ 0.88, ≥ 0.7 of the
   * same two columns) is computed once per pair, in a projection of its own below the levels: Spark does not share
   * an expression between the branches of a CASE WHEN, and does not inline a UDF into the projection above.
   */
  public Dataset<Row> compare(Dataset<Row> pairs) {
    Map<String, Column> similarities = new LinkedHashMap<>();
    for (Comparison c : config.comparisons()) {
      for (Level level : c.modelLevels()) {
        String name = similarityColumn(level);
        if (name != null && !similarities.containsKey(name)) {
          similarities.put(name, similarity(level));
        }
      }
    }
    Dataset<Row> out = similarities.isEmpty() ? pairs : pairs.withColumns(similarities);
    Map<String, Column> gammas = new LinkedHashMap<>();
    for (Comparison c : config.comparisons()) {
      gammas.put(gamma(c.name()), gammaColumn(c));
    }
    return out.withColumns(gammas).drop(similarities.keySet().toArray(String[]::new));
  }

  /** The column that holds a Jaro-Winkler or Levenshtein level's similarity during {@link #compare}, else null. */
  private static String similarityColumn(Level level) {
    return switch (level.type()) {
      case JARO_WINKLER -> "_jw__" + level.left() + "__" + level.right();
      case LEVENSHTEIN -> "_lev__" + level.left() + "__" + level.right();
      case DAMERAU_LEVENSHTEIN -> "_dl__" + level.left() + "__" + level.right();
      default -> null;
    };
  }

  /** A level's similarity of its two columns (null when either is null). */
  private static Column similarity(Level level) {
    Column l = col(L + level.left()).cast("string");
    Column r = col(R + level.right()).cast("string");
    return switch (level.type()) {
      case JARO_WINKLER -> callUDF(JaroWinkler.SQL_NAME, l, r);
      case DAMERAU_LEVENSHTEIN -> callUDF(DamerauLevenshtein.SQL_NAME, l, r);
      default -> levenshtein(l, r);
    };
  }

  /** The gamma of a comparison; similarity levels read the columns {@link #compare} computes below it. */
  private static Column gammaColumn(Comparison c) {
    Column g = null;
    Level nullLevel = c.nullLevel();
    if (nullLevel != null) {
      Column isNull = nullLevel.condition() != null ? coalesce(expr(nullLevel.condition()), lit(false))
          : col(L + nullLevel.left()).isNull().or(col(R + nullLevel.right()).isNull());
      g = when(isNull, lit(-1));
    }
    List<Level> levels = c.modelLevels();
    for (int k = 0; k < levels.size(); k++) {
      Level level = levels.get(k);
      if (level.type() == LevelType.ELSE) {
        return (g == null ? lit(k) : g.otherwise(lit(k))).cast("int");
      }
      Column cond = coalesce(condition(level), lit(false));
      g = g == null ? when(cond, lit(k)) : g.when(cond, lit(k));
    }
    throw new IllegalStateException("comparison " + c.name() + " has no else level");
  }

  /** A similarity level's test of its similarity: at least the Jaro-Winkler minimum, at most the edit distance. */
  private static Column threshold(Level level, Column similarity) {
    return level.type() == LevelType.JARO_WINKLER ? similarity.geq(lit(level.threshold()))
        : similarity.leq(lit((int) level.threshold()));
  }

  private static Column condition(Level level) {
    Column l = col(L + level.left());
    Column r = col(R + level.right());
    return switch (level.type()) {
      case EXACT -> l.equalTo(r);
      case JARO_WINKLER, LEVENSHTEIN, DAMERAU_LEVENSHTEIN -> threshold(level, col(similarityColumn(level)));
      case SQL -> expr(level.condition());
      default -> throw new IllegalStateException("no condition for a " + level.type() + " level");
    };
  }

  // ---------------------------------------------------------------- estimation

  /**
   * Fits the model: u from {@code u_random_pairs} random pairs, m by EM over the compared candidate pairs with u
   * fixed, the probability that two random records match, and term-frequency tables from both tables.
   */
  public MatchModel estimate(Dataset<Row> left, Dataset<Row> right, Dataset<Row> compared) {
    double totalPairs = (double) left.count() * (double) right.count();
    MatchModel withU = estimateU(left, right);
    return expectationMaximisation(compared, withU, totalPairs).withTermFrequencies(termFrequencies(left, right));
  }

  /**
   * A pseudo-random bucket per row from a seeded hash of all its values: unlike {@code rand(seed)}, which is
   * seeded per partition, the same rows get the same buckets however the data is partitioned (local or cluster,
   * any shuffle partitions), so the model and the links of a date are the same on every run.
   */
  private static Dataset<Row> hashBucket(Dataset<Row> df, long seed, long buckets) {
    List<Column> values = new ArrayList<>();
    values.add(lit(seed));
    for (String c : df.columns()) {
      values.add(col("`" + c + "`"));
    }
    return df.withColumn("_bucket", pmod(xxhash64(values.toArray(Column[]::new)), lit(buckets)));
  }

  /**
   * u per level from about {@code u_random_pairs} random (left, right) pairs: each side's rows get a random
   * bucket among B = ceil(|L|·|R| / n) buckets and pairs are formed within buckets, so about n pairs are
   * compared and no full cross product is built. m starts at the configured (or default) values and λ at the prior.
   */
  public MatchModel estimateU(Dataset<Row> left, Dataset<Row> right) {
    long nl = left.count();
    long nr = right.count();
    if (nl == 0 || nr == 0) {
      throw Errors.invalidMatchConfig(config.name(), "cannot estimate u: the " + (nl == 0 ? "left" : "right")
          + " table is empty");
    }
    double cross = (double) nl * (double) nr;
    long buckets = Math.max(1L, (long) Math.ceil(cross / config.uRandomPairs()));
    Dataset<Row> l = hashBucket(prefixed(left, config.leftColumns(), L), config.seed(), buckets);
    Dataset<Row> r = hashBucket(prefixed(right, config.rightColumns(), R), config.seed() + 1, buckets);
    Dataset<Row> random = compare(l.join(r, JoinKeys.on(List.of("_bucket"))).drop("_bucket"));

    List<Column> aggs = new ArrayList<>();
    for (Comparison c : config.comparisons()) {
      Column g = col(gamma(c.name()));
      aggs.add(sum(when(g.geq(0), 1L).otherwise(0L)));
      for (int k = 0; k < c.modelLevels().size(); k++) {
        aggs.add(sum(when(g.equalTo(k), 1L).otherwise(0L)));
      }
    }
    Row counts = random.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    List<MatchModel.ComparisonParams> params = new ArrayList<>();
    int i = 0;
    for (Comparison c : config.comparisons()) {
      long nonNull = counts.isNullAt(i) ? 0 : counts.getLong(i);
      i++;
      List<Level> levels = c.modelLevels();
      double[] m = initialM(levels);
      List<MatchModel.LevelParams> lp = new ArrayList<>();
      for (int k = 0; k < levels.size(); k++) {
        long n = counts.isNullAt(i) ? 0 : counts.getLong(i);
        i++;
        // A level never seen among random pairs gets half a pair: rare, yet not an infinite weight.
        double u = nonNull == 0 ? 1.0 / levels.size() : Math.max(n, 0.5) / (nonNull + 0.5);
        lp.add(new MatchModel.LevelParams(levels.get(k).label(), m[k], Math.min(u, 1.0)));
      }
      params.add(new MatchModel.ComparisonParams(c.name(), lp));
    }
    return new MatchModel(config.prior(), params, 0, false, Map.of());
  }

  /** Configured m where given; otherwise the rest spread so the first level gets most and else gets 5%. */
  static double[] initialM(List<Level> levels) {
    int n = levels.size();
    double[] m = new double[n];
    double given = 0;
    int free = 0;
    for (int k = 0; k < n; k++) {
      if (!Double.isNaN(levels.get(k).initialM())) {
        m[k] = levels.get(k).initialM();
        given += levels.get(k).initialM();
      } else {
        free++;
      }
    }
    if (free > 0) {
      double rest = Math.max(0.05, 1.0 - given);
      double elseShare = levels.get(n - 1).type() == LevelType.ELSE && Double.isNaN(levels.get(n - 1).initialM())
          ? 0.05 : 0;
      double[] w = new double[n];
      double total = 0;
      for (int k = 0; k < n; k++) {
        if (Double.isNaN(levels.get(k).initialM()) && !(k == n - 1 && elseShare > 0)) {
          w[k] = Math.pow(0.5, k);
          total += w[k];
        }
      }
      for (int k = 0; k < n; k++) {
        if (Double.isNaN(levels.get(k).initialM())) {
          m[k] = k == n - 1 && elseShare > 0 ? rest * elseShare : total == 0 ? 0 : rest * (1 - elseShare) * w[k]
              / total;
        }
      }
    }
    return m;
  }

  /**
   * m by expectation maximisation with u held fixed, then λ. The pairs are grouped once by (blocking-rule mask,
   * gamma vector): one aggregation, whose result is bounded by the product of level counts and so is collected.
   * EM then runs one session per training blocking rule on the pattern counts of the pairs that rule produced, leaving
   * out (and not training) the comparisons the rule conditions on, until no parameter moves more than
   * em_tolerance or em_max_iterations; each comparison's m is the average over the sessions that trained it,
   * weighted by their expected matches. Finally λ, the probability that two random records match, solves
   * λ = Σ P(match | γ, λ) / totalPairs over the candidate pairs (pairs outside blocking taken as non-matches).
   */
  public MatchModel expectationMaximisation(Dataset<Row> compared, MatchModel start, double totalPairs) {
    List<Comparison> comps = config.comparisons();
    List<Column> groupCols = new ArrayList<>();
    groupCols.add(col(BLOCKING_RULE_MASK));
    comps.forEach(c -> groupCols.add(col(gamma(c.name()))));
    List<Row> rows = compared.groupBy(groupCols.toArray(Column[]::new)).agg(count(lit(1)).as("n")).collectAsList();
    int nc = comps.size();
    int np = rows.size();
    long[] masks = new long[np];
    int[][] patterns = new int[np][nc];
    double[] counts = new double[np];
    for (int p = 0; p < np; p++) {
      Row row = rows.get(p);
      masks[p] = row.isNullAt(0) ? -1L : row.getLong(0);
      for (int c = 0; c < nc; c++) {
        patterns[p][c] = row.isNullAt(c + 1) ? -1 : row.getInt(c + 1);
      }
      counts[p] = row.getLong(nc + 1);
    }
    double[][] u = new double[nc][];
    double[][] m0 = new double[nc][];
    for (int c = 0; c < nc; c++) {
      MatchModel.ComparisonParams cp = start.comparison(comps.get(c).name());
      u[c] = cp.levels().stream().mapToDouble(MatchModel.LevelParams::u).toArray();
      m0[c] = cp.levels().stream().mapToDouble(MatchModel.LevelParams::m).toArray();
    }

    double[][] mSum = new double[nc][];
    double[] mWeight = new double[nc];
    for (int c = 0; c < nc; c++) {
      mSum[c] = new double[u[c].length];
    }
    int iterations = 0;
    boolean converged = true;
    List<BlockingRule> rules = config.blockingRules();
    for (int ri = 0; ri < rules.size(); ri++) {
      if (!rules.get(ri).train()) {
        continue;
      }
      boolean[] trained = new boolean[nc];
      for (int c = 0; c < nc; c++) {
        trained[c] = !rules.get(ri).conditionsOn().contains(comps.get(c).name());
      }
      double[] session = new double[np];
      for (int p = 0; p < np; p++) {
        session[p] = (masks[p] & (1L << ri)) != 0 ? counts[p] : 0;
      }
      EmResult r = em(patterns, session, u, m0, trained, config.prior());
      iterations += r.iterations;
      if (r.expectedMatches < 1) {
        continue; // too few matches among this rule's pairs to learn from
      }
      converged &= r.converged;
      for (int c = 0; c < nc; c++) {
        if (trained[c] && r.mDenominator[c] > 0) {
          for (int k = 0; k < u[c].length; k++) {
            mSum[c][k] += r.m[c][k] * r.expectedMatches;
          }
          mWeight[c] += r.expectedMatches;
        }
      }
    }
    List<double[]> m = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      double[] mc = new double[u[c].length];
      for (int k = 0; k < mc.length; k++) {
        mc[k] = mWeight[c] > 0 ? Math.max(mSum[c][k] / mWeight[c], MIN_M) : m0[c][k];
      }
      m.add(mc);
    }
    double lambda = randomMatchProbability(patterns, counts, u, m, totalPairs);
    return start.withM(lambda, m, iterations, converged);
  }

  /** The outcome of one EM session. */
  private record EmResult(double[][] m, double[] mDenominator, double lambda, double expectedMatches,
                          int iterations, boolean converged) {}

  private EmResult em(int[][] patterns, double[] counts, double[][] u, double[][] m0, boolean[] trained,
                      double lambda0) {
    int nc = u.length;
    double[][] m = new double[nc][];
    for (int c = 0; c < nc; c++) {
      m[c] = m0[c].clone();
    }
    double lambda = lambda0;
    double[] mDen = new double[nc];
    double matches = 0;
    int iter = 0;
    boolean converged = false;
    while (iter < config.emMaxIterations() && !converged) {
      iter++;
      double[][] mNum = new double[nc][];
      for (int c = 0; c < nc; c++) {
        mNum[c] = new double[u[c].length];
      }
      mDen = new double[nc];
      matches = 0;
      double total = 0;
      for (int p = 0; p < patterns.length; p++) {
        if (counts[p] == 0) {
          continue;
        }
        double pm = posterior(patterns[p], u, m, trained, lambda);
        double w = counts[p] * pm;
        matches += w;
        total += counts[p];
        for (int c = 0; c < nc; c++) {
          int g = patterns[p][c];
          if (g >= 0 && trained[c]) {
            mNum[c][g] += w;
            mDen[c] += w;
          }
        }
      }
      if (total == 0) {
        break;
      }
      double newLambda = Math.min(1 - MIN_PROBABILITY, Math.max(MIN_PROBABILITY, matches / total));
      double delta = Math.abs(newLambda - lambda);
      for (int c = 0; c < nc; c++) {
        if (!trained[c] || mDen[c] <= 0) {
          continue;
        }
        for (int k = 0; k < m[c].length; k++) {
          double next = Math.max(mNum[c][k] / mDen[c], MIN_PROBABILITY);
          delta = Math.max(delta, Math.abs(next - m[c][k]));
          m[c][k] = next;
        }
      }
      lambda = newLambda;
      converged = delta < config.emTolerance();
    }
    return new EmResult(m, mDen, lambda, matches, iter, converged);
  }

  /** P(match | γ) under λ, over the comparisons marked used (a null level contributes nothing). */
  private static double posterior(int[] pattern, double[][] u, double[][] m, boolean[] used, double lambda) {
    double logM = Math.log(lambda);
    double logU = Math.log(1 - lambda);
    for (int c = 0; c < pattern.length; c++) {
      int g = pattern[c];
      if (g >= 0 && used[c]) {
        logM += Math.log(Math.max(m[c][g], MIN_PROBABILITY));
        logU += Math.log(u[c][g]);
      }
    }
    return 1.0 / (1.0 + Math.exp(logU - logM));
  }

  private static double randomMatchProbability(int[][] patterns, double[] counts, double[][] u, List<double[]> m,
                                               double totalPairs) {
    double[][] mm = m.toArray(new double[0][]);
    boolean[] all = new boolean[u.length];
    Arrays.fill(all, true);
    double candidates = Arrays.stream(counts).sum();
    double lambda = Math.min(0.5, Math.max(MIN_PROBABILITY, candidates * 0.1 / Math.max(totalPairs, 1)));
    for (int i = 0; i < 200; i++) {
      double expected = 0;
      for (int p = 0; p < patterns.length; p++) {
        expected += counts[p] * posterior(patterns[p], u, mm, all, lambda);
      }
      double next = Math.min(1 - MIN_PROBABILITY, Math.max(MIN_PROBABILITY, expected / Math.max(totalPairs, 1)));
      if (Math.abs(next - lambda) <= lambda * 1e-6) {
        return next;
      }
      lambda = next;
    }
    return lambda;
  }

  /**
   * Term-frequency tables (value, tf) of the columns named by exact levels with tf_adjust: a value's share of the
   * values of both tables (the level's left column and its right one), so that a name that is rare among the
   * accounts and the customers together weighs as rare, not only as rare as one in the right table can be; a
   * {@code tf_column} other than the level's right column counts the right table only. {@code left} may be null
   * (right only).
   */
  public Map<String, Dataset<Row>> termFrequencies(Dataset<Row> left, Dataset<Row> right) {
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    for (Comparison c : config.comparisons()) {
      for (Level l : c.modelLevels()) {
        if (l.tfAdjust() && !out.containsKey(l.tfColumn())) {
          Dataset<Row> values = right.select(col(l.tfColumn()).as("value"));
          if (left != null && l.tfColumn().equals(l.right())) {
            values = values.union(left.select(col(l.left()).as("value")));
          }
          values = values.filter(col("value").isNotNull());
          Dataset<Row> total = values.agg(count(lit(1)).as("_total"));
          Dataset<Row> tf = values.groupBy("value").agg(count(lit(1)).as("_n"))
              .crossJoin(broadcast(total))
              .select(col("value"), col("_n").divide(col("_total")).as("tf"));
          out.put(l.tfColumn(), config.tfGoodTuringMaxCount() > 0 ? goodTuring(tf, right, l.tfColumn()) : tf);
        }
      }
    }
    return out;
  }

  /**
   * The term frequencies with the values the right table holds at most {@link MatchConfig#tfGoodTuringMaxCount} times
   * given the Good–Turing frequency {@code r* / N}, {@code r* = (r+1)·N(r+1)/N(r)} from the right table's counts of
   * counts, where that is below r (never raised). One small job collects the counts of counts (at most max + 2 rows).
   */
  private Dataset<Row> goodTuring(Dataset<Row> tf, Dataset<Row> right, String column) {
    int k = config.tfGoodTuringMaxCount();
    Dataset<Row> rightCounts = right.select(col(column).as("value")).filter(col("value").isNotNull())
        .groupBy("value").agg(count(lit(1)).as("_nr"));
    Map<Long, Long> valuesSeen = new TreeMap<>();
    long records = 0;
    for (Row r : rightCounts.groupBy(least(col("_nr"), lit((long) k + 2)).as("r"))
        .agg(count(lit(1)).as("values"), sum("_nr").as("records")).collectAsList()) {
      valuesSeen.put(r.getLong(0), r.getLong(1));
      records += r.getLong(2);
    }
    Column adjusted = null;
    for (long r = 1; r <= k; r++) {
      long nr = valuesSeen.getOrDefault(r, 0L);
      long next = valuesSeen.getOrDefault(r + 1, 0L);
      if (nr == 0 || next == 0) {
        continue;
      }
      double rStar = Math.min(r, (r + 1) * (double) next / nr);
      Column f = lit(rStar / records);
      adjusted = adjusted == null ? when(col("_nr").equalTo(r), f) : adjusted.when(col("_nr").equalTo(r), f);
    }
    if (adjusted == null || records == 0 || records < config.tfGoodTuringMinRightRows()) {
      return tf;
    }
    return tf.join(rightCounts, JoinKeys.of("value"), "left")
        .select(col("value"), coalesce(adjusted, col("tf")).as("tf"));
  }

  // ---------------------------------------------------------------- scoring

  /**
   * Adds {@code match_weight} (log2 of the prior odds plus the sum of the level weights log2(m/u); on an exact
   * level with tf_adjust, u is the right value's term frequency, floored at tf_minimum_u),
   * {@code match_probability} and {@code evidence} (comparison, level, weight, left value, right value).
   */
  public Dataset<Row> score(Dataset<Row> compared, MatchModel model) {
    return score(compared, model, true);
  }

  /**
   * The columns of compared pairs that {@link #score(Dataset, MatchModel, boolean)} needs without the evidence: the
   * ids ({@code l_<left id>}, {@code r_<right id>}), the group columns, blocking_rule and its mask, the gammas, and
   * the right columns that term frequencies are looked up by. Keeping only these (not every compared value) makes
   * compared pairs several times narrower to cache and to write.
   */
  public List<String> scoringColumns() {
    List<String> cols = new ArrayList<>();
    config.groupColumns().forEach(g -> cols.add(L + g));
    cols.add(L + config.leftId());
    cols.add(R + config.rightId());
    cols.add(BLOCKING_RULE);
    cols.add(BLOCKING_RULE_MASK);
    config.comparisons().forEach(c -> cols.add(gamma(c.name())));
    for (Comparison c : config.comparisons()) {
      for (Level l : c.modelLevels()) {
        if (l.tfAdjust() && !cols.contains(R + l.tfColumn())) {
          cols.add(R + l.tfColumn());
        }
      }
    }
    return cols;
  }

  /**
   * {@link #score(Dataset, MatchModel)}, with the {@code evidence} column only when {@code withEvidence} (it reads
   * every compared value; without it the pairs need only {@link #scoringColumns()}).
   */
  public Dataset<Row> score(Dataset<Row> compared, MatchModel model, boolean withEvidence) {
    Dataset<Row> out = compared;
    Map<String, String> tfColumns = new LinkedHashMap<>();
    int t = 0;
    for (Comparison c : config.comparisons()) {
      for (Level l : c.modelLevels()) {
        if (l.tfAdjust() && !tfColumns.containsKey(l.tfColumn())) {
          Dataset<Row> tf = model.termFrequencies().get(l.tfColumn());
          if (tf == null) {
            throw Errors.invalidMatchConfig(config.name(), "the model has no term frequencies for "
                + l.tfColumn() + " (use estimate, or MatchModel.withTermFrequencies(engine.termFrequencies(right)))");
          }
          String v = "_tfv" + t;
          String f = "_tf" + t;
          t++;
          out = out.join(tf.select(col("value").as(v), col("tf").as(f)),
              col(R + l.tfColumn()).equalTo(col(v)), "left").drop(v);
          tfColumns.put(l.tfColumn(), f);
        }
      }
    }
    double lambda = model.lambda();
    Column total = lit(Math.log(lambda / (1 - lambda)) / Math.log(2));
    List<Column> evidence = new ArrayList<>();
    for (Comparison c : config.comparisons()) {
      MatchModel.ComparisonParams params = model.comparison(c.name());
      List<Level> levels = c.modelLevels();
      Column g = col(gamma(c.name()));
      Column weight = when(g.equalTo(-1), lit(0.0));
      Column label = when(g.equalTo(-1), lit(c.nullLevel() == null ? "null" : c.nullLevel().label()));
      for (int k = 0; k < levels.size(); k++) {
        MatchModel.LevelParams p = params.levels().get(k);
        Column w = lit(p.weight());
        if (levels.get(k).tfAdjust()) {
          Column u = greatest(coalesce(col(tfColumns.get(levels.get(k).tfColumn())), lit(p.u())),
              lit(config.tfMinimumU()));
          w = log2(lit(p.m()).divide(u));
        }
        weight = weight.when(g.equalTo(k), w);
        label = label.when(g.equalTo(k), lit(p.label()));
      }
      String wc = "_w_" + c.name();
      out = out.withColumn(wc, weight.cast("double"));
      total = total.plus(col(wc));
      if (withEvidence) {
        evidence.add(struct(lit(c.name()).as("comparison"), label.as("level"), col(wc).as("weight"),
            values(c.leftColumns(), L).as("left"), values(c.rightColumns(), R).as("right")));
      }
    }
    out = out.withColumn(MATCH_WEIGHT, total)
        .withColumn(MATCH_PROBABILITY, pow(lit(2.0), col(MATCH_WEIGHT))
            .divide(lit(1.0).plus(pow(lit(2.0), col(MATCH_WEIGHT)))));
    if (withEvidence) {
      out = out.withColumn(EVIDENCE, array(evidence.toArray(Column[]::new)));
    }
    for (Comparison c : config.comparisons()) {
      out = out.drop("_w_" + c.name());
    }
    for (String f : tfColumns.values()) {
      out = out.drop(f);
    }
    return out;
  }

  private static Column values(List<String> cols, String prefix) {
    return concat_ws(" | ", cols.stream().map(c -> col(prefix + c).cast("string")).toArray(Column[]::new));
  }

  // ---------------------------------------------------------------- one-to-one

  /**
   * One-to-one assignment of the scored pairs at or above review_min_probability, within the config's group
   * columns (on the left side); see {@link #oneToOne(Dataset, List, String, String)}.
   */
  public Dataset<Row> oneToOne(Dataset<Row> scored) {
    return oneToOne(scored.filter(col(MATCH_PROBABILITY).geq(config.reviewMinProbability())),
        config.groupColumns().stream().map(g -> L + g).toList(), L + config.leftId(), R + config.rightId());
  }

  /**
   * Greedy one-to-one assignment by match probability: in each round, keep pairs whose probability is the highest
   * both for their left and for their right record within their group, then drop every other pair of the records
   * kept; at most {@value #ONE_TO_ONE_ROUNDS} rounds. Among such pairs of equal probability, the i-th of a left
   * record's (by the right id) pairs with the record that has it as its i-th (by the left id), each record once (its
   * lowest such i): one exact duplicate's k copies on each side pair off as the ids sort (l0 with r0, l1 with r1, ...)
   * in one round, where taking only the first of each (ties broken by the other side's id) took k rounds. Adds
   * {@code assignment_round}. Meant for the pairs above the review threshold (small), yet nothing is collected.
   */
  public static Dataset<Row> oneToOne(Dataset<Row> scored, List<String> groupCols, String leftId, String rightId) {
    List<String> leftKey = new ArrayList<>(groupCols);
    leftKey.add(leftId);
    List<String> rightKey = new ArrayList<>(groupCols);
    rightKey.add(rightId);
    WindowSpec ofLeft = Window.partitionBy(leftKey.stream().map(c -> col(c)).toArray(Column[]::new));
    WindowSpec ofRight = Window.partitionBy(rightKey.stream().map(c -> col(c)).toArray(Column[]::new));
    Column p = col(MATCH_PROBABILITY);
    Dataset<Row> remaining = scored;
    Dataset<Row> accepted = null;
    for (int round = 1; round <= ONE_TO_ONE_ROUNDS; round++) {
      Dataset<Row> chosen = remaining
          .withColumn("_top_l", max(p).over(ofLeft)).withColumn("_top_r", max(p).over(ofRight))
          .filter(p.equalTo(col("_top_l")).and(p.equalTo(col("_top_r"))))
          .withColumn("_j", row_number().over(ofLeft.orderBy(col(rightId))))
          .withColumn("_i", row_number().over(ofRight.orderBy(col(leftId))))
          .filter(col("_i").equalTo(col("_j")))
          .withColumn("_first_l", min("_j").over(ofLeft)).withColumn("_first_r", min("_i").over(ofRight))
          .filter(col("_j").equalTo(col("_first_l")).and(col("_i").equalTo(col("_first_r"))))
          .drop("_top_l", "_top_r", "_i", "_j", "_first_l", "_first_r")
          .withColumn("assignment_round", lit(round))
          .localCheckpoint(true);
      accepted = accepted == null ? chosen : accepted.unionByName(chosen);
      remaining = remaining
          .join(chosen.select(leftKey.stream().map(c -> col(c)).toArray(Column[]::new)), JoinKeys.on(leftKey), "left_anti")
          .join(chosen.select(rightKey.stream().map(c -> col(c)).toArray(Column[]::new)), JoinKeys.on(rightKey),
              "left_anti")
          .localCheckpoint(true);
      if (remaining.isEmpty()) {
        break;
      }
    }
    return accepted;
  }
}
