package io.socialcrm.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;

/**
 * A record-linkage configuration (one JSON file in {@code schemas/matching/}): which two tables to link by which
 * ids, blocking rules, comparisons with their ordered agreement levels, and the estimation and decision
 * parameters. Immutable; {@link #parse} checks everything and reports the first problem through
 * {@link Errors#invalidMatchConfig}.
 */
public final class MatchConfig {

  /** The type of a comparison level; the first level whose condition holds wins. */
  public enum LevelType {
    NULL, EXACT, JARO_WINKLER, LEVENSHTEIN, DAMERAU_LEVENSHTEIN, SQL, ELSE;

    static LevelType of(String s) {
      return s == null ? null : switch (s) {
        case "null" -> NULL;
        case "exact" -> EXACT;
        case "jaro_winkler" -> JARO_WINKLER;
        case "levenshtein" -> LEVENSHTEIN;
        case "damerau_levenshtein" -> DAMERAU_LEVENSHTEIN;
        case "sql" -> SQL;
        case "else" -> ELSE;
        default -> null;
      };
    }
  }

  /** One equality of a blocking rule: a SQL expression over the left table equals one over the right table. */
  public record KeyEquality(String left, String right) {}

  /**
   * A blocking rule: a conjunction of key equalities; pairs agreeing on all keys are candidates.
   * {@code conditionsOn} names the comparisons the rule (nearly) fixes, e.g. a rule on equal names fixes the name
   * comparison: EM over this rule's pairs leaves them out and does not train them (as Splink's training sessions).
   * {@code train} false keeps the rule for candidates only: no EM session runs on its pairs (for rules whose
   * pairs mix matches with look-alikes that agree on everything the rule does not fix).
   */
  public record BlockingRule(String name, List<KeyEquality> keys, List<String> conditionsOn, boolean train) {}

  /**
   * One agreement level. {@code left}/{@code right} name the compared columns (without the l_/r_ prefix) for
   * exact, Jaro-Winkler and Levenshtein levels, and the columns checked for null on a null level;
   * {@code condition} is the SQL of a sql level over {@code l_<col>}/{@code r_<col>} (on a null level, when
   * given, it replaces the null check); {@code tfColumn} is the
   * right-table column whose term frequencies replace u on an exact level with {@code tfAdjust};
   * {@code initialM} (or NaN) seeds EM.
   */
  public record Level(LevelType type, String label, String left, String right, double threshold, String condition,
                      boolean tfAdjust, String tfColumn, double initialM) {}

  /** A comparison: a name, the left and right columns it reads, and its ordered levels. */
  public record Comparison(String name, List<String> leftColumns, List<String> rightColumns, List<Level> levels) {

    /** The levels that take part in the model (every level but the null level), in order: gamma indexes these. */
    public List<Level> modelLevels() {
      return levels.stream().filter(l -> l.type() != LevelType.NULL).toList();
    }

    public Level nullLevel() {
      return levels.stream().filter(l -> l.type() == LevelType.NULL).findFirst().orElse(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP_FIELDS = Set.of("name", "description", "left_id", "right_id", "group_columns",
      "blocking_rules", "comparisons", "prior", "em_max_iterations", "em_tolerance", "u_random_pairs", "seed",
      "max_block_pairs", "auto_link_probability", "review_min_probability", "tf_minimum_u",
      "tf_good_turing_max_count", "tf_good_turing_min_right_rows");
  private static final Set<String> LEVEL_FIELDS = Set.of("type", "label", "left", "right", "min", "max",
      "condition", "tf_adjust", "tf_column", "m");

  private final String name;
  private final String leftId;
  private final String rightId;
  private final List<String> groupColumns;
  private final List<BlockingRule> blockingRules;
  private final List<Comparison> comparisons;
  private final double prior;
  private final int emMaxIterations;
  private final double emTolerance;
  private final long uRandomPairs;
  private final long seed;
  private final long maxBlockPairs;
  private final double autoLinkProbability;
  private final double reviewMinProbability;
  private final double tfMinimumU;
  private final int tfGoodTuringMaxCount;
  private final long tfGoodTuringMinRightRows;

  private MatchConfig(String name, String leftId, String rightId, List<String> groupColumns,
                      List<BlockingRule> blockingRules, List<Comparison> comparisons, double prior,
                      int emMaxIterations, double emTolerance, long uRandomPairs, long seed, long maxBlockPairs,
                      double autoLinkProbability, double reviewMinProbability, double tfMinimumU,
                      int tfGoodTuringMaxCount, long tfGoodTuringMinRightRows) {
    this.name = name;
    this.leftId = leftId;
    this.rightId = rightId;
    this.groupColumns = groupColumns;
    this.blockingRules = blockingRules;
    this.comparisons = comparisons;
    this.prior = prior;
    this.emMaxIterations = emMaxIterations;
    this.emTolerance = emTolerance;
    this.uRandomPairs = uRandomPairs;
    this.seed = seed;
    this.maxBlockPairs = maxBlockPairs;
    this.autoLinkProbability = autoLinkProbability;
    this.reviewMinProbability = reviewMinProbability;
    this.tfMinimumU = tfMinimumU;
    this.tfGoodTuringMaxCount = tfGoodTuringMaxCount;
    this.tfGoodTuringMinRightRows = tfGoodTuringMinRightRows;
  }

  /** Reads and checks {@code schemas/matching/<name>.json} from the class path. */
  public static MatchConfig load(String name) {
    String resource = "schemas/matching/" + name + ".json";
    try (InputStream in = MatchConfig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw Errors.invalidMatchConfig(name, resource + " not found on the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw Errors.invalidMatchConfig(name, Errors.rootMessage(e));
    }
  }

  /** Parses and checks a config given as JSON text. */
  public static MatchConfig parse(String json) {
    return parse(json, "(inline)");
  }

  static MatchConfig parse(String json, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw Errors.invalidMatchConfig(where, "not valid JSON: " + Errors.rootMessage(e));
    }
    if (root == null || !root.isObject()) {
      throw Errors.invalidMatchConfig(where, "the config must be a JSON object");
    }
    String name = root.hasNonNull("name") ? root.get("name").asText() : where;
    Parser p = new Parser(name);
    p.onlyFields(root, TOP_FIELDS, "the config");
    String leftId = p.requiredText(root, "left_id");
    String rightId = p.requiredText(root, "right_id");
    List<String> groups = p.textList(root, "group_columns", false);

    List<BlockingRule> rules = new ArrayList<>();
    JsonNode rulesNode = p.requiredArray(root, "blocking_rules");
    Set<String> ruleNames = new LinkedHashSet<>();
    for (int i = 0; i < rulesNode.size(); i++) {
      JsonNode r = rulesNode.get(i);
      String what = "blocking_rules[" + i + "]";
      p.onlyFields(r, Set.of("name", "keys", "conditions_on", "train"), what);
      if (r.has("train") && !r.get("train").isBoolean()) {
        throw p.error(what + ": 'train' must be true or false");
      }
      String ruleName = r.hasNonNull("name") ? r.get("name").asText() : "rule_" + i;
      if (!ruleNames.add(ruleName)) {
        throw p.error(what + ": the rule name '" + ruleName + "' is used twice");
      }
      JsonNode keys = p.requiredArray(r, "keys", what);
      List<KeyEquality> eqs = new ArrayList<>();
      for (int k = 0; k < keys.size(); k++) {
        String kw = what + ".keys[" + k + "]";
        p.onlyFields(keys.get(k), Set.of("left", "right"), kw);
        eqs.add(new KeyEquality(p.sql(p.requiredText(keys.get(k), "left", kw), kw + ".left"),
            p.sql(p.requiredText(keys.get(k), "right", kw), kw + ".right")));
      }
      rules.add(new BlockingRule(ruleName, List.copyOf(eqs), p.textList(r, "conditions_on", false),
          !r.has("train") || r.get("train").asBoolean()));
    }
    if (rules.size() > 62) {
      throw p.error("at most 62 blocking rules are supported, not " + rules.size());
    }

    List<Comparison> comparisons = new ArrayList<>();
    JsonNode compsNode = p.requiredArray(root, "comparisons");
    Set<String> compNames = new LinkedHashSet<>();
    for (int i = 0; i < compsNode.size(); i++) {
      comparisons.add(p.comparison(compsNode.get(i), "comparisons[" + i + "]", compNames));
    }

    for (BlockingRule r : rules) {
      for (String c : r.conditionsOn()) {
        if (!compNames.contains(c)) {
          throw p.error("blocking rule " + r.name() + ": conditions_on names an unknown comparison '" + c + "'");
        }
      }
    }
    double prior = p.number(root, "prior", 1e-4, 0, 1, false);
    int iterations = (int) p.number(root, "em_max_iterations", 25, 1, 10_000, true);
    double tolerance = p.number(root, "em_tolerance", 1e-4, 0, 1, false);
    long uPairs = (long) p.number(root, "u_random_pairs", 100_000, 1, 1e10, true);
    long seed = (long) p.number(root, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE, true);
    long maxBlock = (long) p.number(root, "max_block_pairs", 10_000, 1, 1e15, true);
    double auto = p.number(root, "auto_link_probability", 0.95, 0, 1, true);
    double review = p.number(root, "review_min_probability", 0.5, 0, 1, true);
    double tfMin = p.number(root, "tf_minimum_u", 1e-6, 0, 1, false);
    int goodTuring = (int) p.number(root, "tf_good_turing_max_count", 0, 0, 100, true);
    long goodTuringMinRows = (long) p.number(root, "tf_good_turing_min_right_rows", 0, 0, 1e15, true);
    if (review > auto) {
      throw p.error("review_min_probability (" + review + ") must not exceed auto_link_probability (" + auto + ")");
    }
    return new MatchConfig(name, leftId, rightId, groups, List.copyOf(rules), List.copyOf(comparisons), prior,
        iterations, tolerance, uPairs, seed, maxBlock, auto, review, tfMin, goodTuring,
        goodTuringMinRows);
  }

  /** Field-by-field reading with one clear message per problem. */
  private static final class Parser {
    private final String config;

    Parser(String config) {
      this.config = config;
    }

    RuntimeException error(String problem) {
      return Errors.invalidMatchConfig(config, problem);
    }

    void onlyFields(JsonNode node, Set<String> allowed, String what) {
      if (node == null || !node.isObject()) {
        throw error(what + " must be a JSON object");
      }
      Iterator<String> it = node.fieldNames();
      while (it.hasNext()) {
        String f = it.next();
        if (!allowed.contains(f)) {
          throw error(what + " has an unknown field '" + f + "' (known: " + allowed.stream().sorted().toList() + ")");
        }
      }
    }

    String requiredText(JsonNode node, String field) {
      return requiredText(node, field, "the config");
    }

    String requiredText(JsonNode node, String field, String what) {
      JsonNode v = node.get(field);
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        throw error(what + " needs a non-empty string field '" + field + "'");
      }
      return v.asText();
    }

    JsonNode requiredArray(JsonNode node, String field) {
      return requiredArray(node, field, "the config");
    }

    JsonNode requiredArray(JsonNode node, String field, String what) {
      JsonNode v = node.get(field);
      if (v == null || !v.isArray() || v.isEmpty()) {
        throw error(what + " needs a non-empty array '" + field + "'");
      }
      return v;
    }

    List<String> textList(JsonNode node, String field, boolean required) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        if (required) {
          throw error("missing array '" + field + "'");
        }
        return List.of();
      }
      if (!v.isArray()) {
        throw error("'" + field + "' must be an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual() || e.asText().isBlank()) {
          throw error("'" + field + "' must be an array of non-empty strings");
        }
        out.add(e.asText());
      }
      return List.copyOf(out);
    }

    double number(JsonNode node, String field, double dflt, double min, double max, boolean inclusive) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return dflt;
      }
      if (!v.isNumber()) {
        throw error("'" + field + "' must be a number, not " + v);
      }
      double d = v.asDouble();
      boolean ok = inclusive ? d >= min && d <= max : d > min && d < max;
      if (!ok) {
        throw error("'" + field + "' = " + v + " is out of range " + (inclusive ? "[" : "(") + fmt(min) + ", "
            + fmt(max) + (inclusive ? "]" : ")"));
      }
      return d;
    }

    private static String fmt(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    String sql(String expression, String what) {
      try {
        CatalystSqlParser$.MODULE$.parseExpression(expression);
      } catch (Exception e) { // ParseException is an AnalysisException, checked in Java's eyes
        throw error(what + ": cannot parse the SQL expression '" + expression + "': " + Errors.rootMessage(e));
      }
      return expression;
    }

    Comparison comparison(JsonNode c, String what, Set<String> names) {
      onlyFields(c, Set.of("name", "description", "left_columns", "right_columns", "levels"), what);
      String name = requiredText(c, "name", what);
      if (!name.matches("[a-z][a-z0-9_]*")) {
        throw error(what + ": the name '" + name + "' must be lower_snake_case (it names the gamma_ column)");
      }
      if (!names.add(name)) {
        throw error(what + ": the comparison name '" + name + "' is used twice");
      }
      what = "comparison " + name;
      List<String> lc = listOf(c, "left_columns", what);
      List<String> rc = listOf(c, "right_columns", what);
      JsonNode levelsNode = requiredArray(c, "levels", what);
      List<Level> levels = new ArrayList<>();
      for (int i = 0; i < levelsNode.size(); i++) {
        levels.add(level(levelsNode.get(i), what + " level " + i, lc, rc));
      }
      long nulls = levels.stream().filter(l -> l.type() == LevelType.NULL).count();
      if (nulls > 1 || (nulls == 1 && levels.get(0).type() != LevelType.NULL)) {
        throw error(what + ": a null level may appear once, as the first level");
      }
      for (int i = 0; i < levels.size(); i++) {
        boolean last = i == levels.size() - 1;
        if ((levels.get(i).type() == LevelType.ELSE) != last) {
          throw error(what + ": the last level, and only the last, must be 'else'");
        }
      }
      if (levels.stream().filter(l -> l.type() != LevelType.NULL).count() < 2) {
        throw error(what + ": needs at least one level besides null and else");
      }
      Set<String> labels = new LinkedHashSet<>();
      for (Level l : levels) {
        if (!labels.add(l.label())) {
          throw error(what + ": two levels are labelled '" + l.label() + "'");
        }
      }
      return new Comparison(name, lc, rc, List.copyOf(levels));
    }

    private List<String> listOf(JsonNode c, String field, String what) {
      JsonNode v = c.get(field);
      if (v == null || !v.isArray() || v.isEmpty()) {
        throw error(what + " needs a non-empty array '" + field + "' (the columns it reads)");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual() || !e.asText().matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw error(what + ": '" + field + "' must list plain column names, not " + e);
        }
        out.add(e.asText());
      }
      return List.copyOf(out);
    }

    Level level(JsonNode l, String what, List<String> lc, List<String> rc) {
      onlyFields(l, LEVEL_FIELDS, what);
      JsonNode typeNode = l.get("type");
      LevelType type = LevelType.of(typeNode == null ? null : typeNode.asText());
      if (type == null) {
        throw error(what + ": 'type' must be one of null, exact, jaro_winkler, levenshtein, damerau_levenshtein,"
            + " sql, else (got "
            + typeNode + ")");
      }
      String left = l.hasNonNull("left") ? l.get("left").asText() : lc.get(0);
      String right = l.hasNonNull("right") ? l.get("right").asText() : rc.get(0);
      if (!lc.contains(left) || !rc.contains(right)) {
        throw error(what + ": compares " + left + " with " + right
            + ", which must be among the comparison's left_columns " + lc + " and right_columns " + rc);
      }
      double threshold = Double.NaN;
      String condition = null;
      String label;
      switch (type) {
        case JARO_WINKLER -> {
          threshold = number(l, "min", Double.NaN, 0, 1, true);
          if (Double.isNaN(threshold) || threshold <= 0) {
            throw error(what + ": a jaro_winkler level needs 'min' in (0, 1]");
          }
          label = "jaro_winkler>=" + threshold;
        }
        case LEVENSHTEIN, DAMERAU_LEVENSHTEIN -> {
          String kind = type.name().toLowerCase(Locale.ROOT);
          threshold = number(l, "max", Double.NaN, 0, 1000, true);
          if (Double.isNaN(threshold) || threshold != Math.rint(threshold)) {
            throw error(what + ": a " + kind + " level needs an integer 'max' >= 0");
          }
          label = kind + "<=" + (int) threshold;
        }
        case SQL -> {
          condition = sql(requiredText(l, "condition", what), what);
          label = null;
        }
        case NULL -> {
          // Optional: a SQL condition saying when the comparison has nothing to compare (instead of left/right null).
          condition = l.hasNonNull("condition") ? sql(l.get("condition").asText(), what) : null;
          label = "null";
        }
        default -> label = type.name().toLowerCase();
      }
      if (l.hasNonNull("label")) {
        label = l.get("label").asText();
      } else if (label == null) {
        throw error(what + ": a sql level needs a 'label' saying what it means");
      }
      boolean tf = l.hasNonNull("tf_adjust") && l.get("tf_adjust").asBoolean();
      if (tf && type != LevelType.EXACT) {
        throw error(what + ": tf_adjust is only allowed on an exact level");
      }
      String tfColumn = l.hasNonNull("tf_column") ? l.get("tf_column").asText() : right;
      if (tf && !rc.contains(tfColumn)) {
        throw error(what + ": tf_column " + tfColumn + " must be one of the right_columns " + rc);
      }
      double m = number(l, "m", Double.NaN, 0, 1, false);
      if (!Double.isNaN(m) && (type == LevelType.NULL)) {
        throw error(what + ": a null level has no m");
      }
      return new Level(type, label, left, right, threshold, condition, tf, tf ? tfColumn : null, m);
    }
  }

  public String name() {
    return name;
  }

  public String leftId() {
    return leftId;
  }

  public String rightId() {
    return rightId;
  }

  /** Left-table columns within which the assignment is one-to-one (e.g. platform). */
  public List<String> groupColumns() {
    return groupColumns;
  }

  public List<BlockingRule> blockingRules() {
    return blockingRules;
  }

  public List<Comparison> comparisons() {
    return comparisons;
  }

  /** The initial λ of each EM session: the share of matches among the pairs of one blocking rule, before EM. */
  public double prior() {
    return prior;
  }

  public int emMaxIterations() {
    return emMaxIterations;
  }

  public double emTolerance() {
    return emTolerance;
  }

  public long uRandomPairs() {
    return uRandomPairs;
  }

  public long seed() {
    return seed;
  }

  public long maxBlockPairs() {
    return maxBlockPairs;
  }

  public double autoLinkProbability() {
    return autoLinkProbability;
  }

  public double reviewMinProbability() {
    return reviewMinProbability;
  }

  /** The floor of a term frequency used in place of u, so that an unseen value cannot give an infinite weight. */
  public double tfMinimumU() {
    return tfMinimumU;
  }

  /**
   * Values the right table holds at most this many times get a Good–Turing frequency instead of their count's share
   * (0: off). A name held by one customer in 90,000 is not a one-in-90,000 name: most such names are far rarer, and
   * Good–Turing's {@code (r+1)·N(r+1)/N(r)} (N(r): how many values the right table holds r times) says how much
   * rarer on average. The right table is the sample: the union of both tables counts every matched person twice.
   */
  public int tfGoodTuringMaxCount() {
    return tfGoodTuringMaxCount;
  }

  /**
   * The fewest right-table rows Good–Turing is applied on (0: any). On a small table the counts of counts are noise
   * (1,898 customers hold 4 names twice), and the estimate makes every name held once far too rare.
   */
  public long tfGoodTuringMinRightRows() {
    return tfGoodTuringMinRightRows;
  }

  /** Left-table columns the pairs carry: the id, the group columns and every column a comparison reads. */
  public List<String> leftColumns() {
    Set<String> cols = new LinkedHashSet<>();
    cols.add(leftId);
    cols.addAll(groupColumns);
    comparisons.forEach(c -> cols.addAll(c.leftColumns()));
    return List.copyOf(cols);
  }

  /** Right-table columns the pairs carry: the id and every column a comparison reads. */
  public List<String> rightColumns() {
    Set<String> cols = new LinkedHashSet<>();
    cols.add(rightId);
    comparisons.forEach(c -> cols.addAll(c.rightColumns()));
    return List.copyOf(cols);
  }
}
