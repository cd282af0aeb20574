package io.socialcrm.marts;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Data-driven attribution with a first-order Markov chain over channels (model {@code markov}).
 *
 * <p>The chain: every path is {@code (start) -> channel of touch 1 -> ... -> channel of touch k -> end}, where end is
 * {@code (conversion)} for an order's path and {@code (null)} for a non-converting path. Transition probabilities are
 * the observed transition counts (aggregated by Spark, at most (channels + 1)^2 rows) divided by the counts leaving
 * each state. P(conversion) is the absorption probability in {@code (conversion)} from {@code (start)}, solved
 * exactly ({@link AbsorbingChain}). The removal effect of a channel is {@code 1 - P'(conversion) / P(conversion)},
 * where P' is the same chain with the channel removed: every transition into it goes to {@code (null)}.
 *
 * <p>Order-level credit: an order's revenue is split over its touches in proportion to the removal effect of each
 * touch's channel, normalised within the order (so a channel touched twice gets two shares, and each order's credits
 * sum to its revenue exactly). When every touch of an order has removal effect 0 (a channel the chain never saw),
 * the order's credit is split evenly, as in the linear model.
 */
public final class MarkovAttribution {
  /** The model name in {@code gold.attribution}. */
  public static final String MODEL = "markov";
  /** The state every path starts from (names in parentheses never clash with a channel "platform:..."). */
  public static final String START = "(start)";
  /** The absorbing state an order's path ends in. */
  public static final String CONVERSION = "(conversion)";
  /** The absorbing state a non-converting path ends in, and where a removed channel's transitions go. */
  public static final String NULL = "(null)";

  /** The counted transitions between two states. */
  public record Transition(String from, String to, long count) {}

  /**
   * A fitted chain: P(conversion) from the start, and each channel's removal effect (in [0, 1]; 0 for every channel
   * when nothing converts).
   */
  public record Fit(double conversionProbability, Map<String, Double> removalEffects) {}

  private MarkovAttribution() {}

  /**
   * The transition counts (from_state, to_state, transitions) of the orders' paths ({@link AttributionPaths#of},
   * ending in {@link #CONVERSION}) and of the non-converting paths ({@link AttributionPaths#nullPaths}, ending in
   * {@link #NULL}); pass an empty {@code nullPaths} to fit on converting paths only.
   */
  public static Dataset<Row> transitions(Dataset<Row> paths, Dataset<Row> nullPaths) {
    Dataset<Row> steps = steps(paths.select(col("order_id").as("_path"), col("touch_ts"), col("touch_id"),
        col("channel")), CONVERSION)
        .unionByName(steps(nullPaths.select(col("path_id").as("_path"), col("touch_ts"), col("touch_id"),
            col("channel")), NULL));
    return steps.groupBy("from_state", "to_state").agg(count(lit(1)).as("transitions"));
  }

  /** Every step of the paths: from the start to the first channel, between channels, from the last to {@code end}. */
  private static Dataset<Row> steps(Dataset<Row> paths, String end) {
    WindowSpec inPath = Window.partitionBy("_path").orderBy("touch_ts", "touch_id");
    Dataset<Row> ordered = paths
        .withColumn("_rn", row_number().over(inPath))
        .withColumn("_next", lead(col("channel"), 1).over(inPath));
    Dataset<Row> fromStart = ordered.where(col("_rn").equalTo(1))
        .select(lit(START).as("from_state"), col("channel").as("to_state"));
    Dataset<Row> onward = ordered.select(col("channel").as("from_state"),
        coalesce(col("_next"), lit(end)).as("to_state"));
    return fromStart.unionByName(onward);
  }

  /** Fits the chain on the paths (see {@link #transitions}); collects only the transition counts. */
  public static Fit fit(Dataset<Row> paths, Dataset<Row> nullPaths) {
    List<Transition> counted = new ArrayList<>();
    for (Row r : transitions(paths, nullPaths).collectAsList()) {
      counted.add(new Transition(r.getString(0), r.getString(1), r.getLong(2)));
    }
    return fit(counted);
  }

  /** Fits the chain on transition counts: exact P(conversion) and removal effects. */
  public static Fit fit(List<Transition> transitions) {
    TreeSet<String> channels = new TreeSet<>();
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Transition t : transitions) {
      counts.computeIfAbsent(t.from(), k -> new TreeMap<>()).merge(t.to(), t.count(), Long::sum);
      for (String s : List.of(t.from(), t.to())) {
        if (!s.equals(START) && !s.equals(CONVERSION) && !s.equals(NULL)) {
          channels.add(s);
        }
      }
    }
    List<String> states = new ArrayList<>();
    states.add(START);
    states.addAll(channels);
    double base = conversionFromStart(states, counts, null);
    Map<String, Double> effects = new LinkedHashMap<>();
    for (String c : channels) {
      double removed = conversionFromStart(states, counts, c);
      effects.put(c, base > 0 ? Math.max(0.0, 1.0 - removed / base) : 0.0);
    }
    return new Fit(base, effects);
  }

  /** P(conversion) from the start, with channel {@code removed} (if not null) sending everything to (null). */
  private static double conversionFromStart(List<String> states, Map<String, Map<String, Long>> counts,
      String removed) {
    int n = states.size();
    Map<String, Integer> index = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      index.put(states.get(i), i);
    }
    double[][] q = new double[n][n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      String from = states.get(i);
      Map<String, Long> out = counts.get(from);
      if (out == null || from.equals(removed)) {
        continue; // never left in the data, or removed: all its mass goes to (null)
      }
      double total = out.values().stream().mapToLong(Long::longValue).sum();
      for (Map.Entry<String, Long> e : out.entrySet()) {
        double p = e.getValue() / total;
        if (e.getKey().equals(CONVERSION)) {
          r[i] += p;
        } else if (index.containsKey(e.getKey())) {
          q[i][index.get(e.getKey())] += p;
        }
      }
    }
    return AbsorbingChain.absorptionProbabilities(q, r)[index.get(START)];
  }

  /**
   * Rows order × touch with model {@value #MODEL}: the path columns ({@link AttributionPaths#of}) plus model and
   * credit, the order's revenue split in proportion to the removal effects of the touches' channels.
   */
  public static Dataset<Row> credit(Dataset<Row> paths, Fit fit) {
    StructType schema = new StructType().add("_channel", DataTypes.StringType)
        .add("_effect", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    fit.removalEffects().forEach((c, e) -> rows.add(RowFactory.create(c, e)));
    Dataset<Row> effects = paths.sparkSession().createDataFrame(rows, schema);
    // the whole order, summed in touch order: the same sum, to the last bit, however the rows are partitioned
    WindowSpec wholeOrder = Window.partitionBy("order_id").orderBy("touch_ts", "touch_id")
        .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Dataset<Row> weighted = paths
        .join(broadcast(effects), col("channel").equalTo(col("_channel")), "left")
        .withColumn("_w", coalesce(col("_effect"), lit(0.0)))
        .withColumn("_w_sum", sum("_w").over(wholeOrder))
        .withColumn("_n", count(lit(1)).over(wholeOrder));
    Column share = when(col("_w_sum").gt(0), col("_w").divide(col("_w_sum")))
        .otherwise(lit(1.0).divide(col("_n")));
    List<Column> out = AttributionPaths.columns();
    out.add(lit(MODEL).as("model"));
    out.add(col("revenue").cast("double").multiply(share).as("credit"));
    return weighted.select(out.toArray(new Column[0]));
  }
}
