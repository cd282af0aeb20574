package io.socialcrm.marts;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The rule-based attribution models, each sharing an order's revenue out over the touches of its path (touches in
 * time order, ties by touch_id). Every touch of the path gets a row per model, with credit 0 where the model gives
 * it nothing, so per order and model the credits sum to the revenue.
 * <ul>
 *   <li>{@code first_touch}: all to the first touch; {@code last_touch}: all to the last;</li>
 *   <li>{@code linear}: equal shares;</li>
 *   <li>{@code time_decay}: shares proportional to {@code 2^(-(order_ts - touch_ts) / halfLifeDays)} (age in days of
 *       24 hours), i.e. the weight halves every halfLifeDays before the order;</li>
 *   <li>{@code position_based}: positionFirst (0.4) to the first touch, the same to the last, the rest spread evenly
 *       over the touches between; with two touches half each, with one touch all.</li>
 * </ul>
 */
public final class AttributionModels {
  /** The heuristic models, in the order their rows are produced. */
  public static final List<String> HEURISTIC = List.of("first_touch", "last_touch", "linear", "time_decay",
      "position_based");

  private AttributionModels() {}

  /**
   * Rows order × touch × model: the path columns ({@link AttributionPaths#of}) plus model and credit (double, in the
   * revenue's currency).
   */
  public static Dataset<Row> heuristic(Dataset<Row> paths, MartSettings settings) {
    WindowSpec inOrder = Window.partitionBy("order_id").orderBy("touch_ts", "touch_id");
    // the whole order, summed in touch order: the same sum, to the last bit, however the rows are partitioned
    WindowSpec wholeOrder = inOrder.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Column rn = col("_rn");
    Column n = col("_n");
    // Time decay relative to the order's latest touch: the same shares as ages from the order itself
    // (2^(-a/h) / sum 2^(-a'/h) does not change when every age shrinks by the same amount), but the latest touch
    // weighs 1, so the sum never underflows to 0.
    Column ageFromLatestDays = AttributionPaths.microsBetween(col("touch_ts"), col("_latest_ts"))
        .divide(lit((double) AttributionPaths.MICROS_PER_DAY));
    double p = settings.positionFirst();
    Column positionShare = when(n.equalTo(1), lit(1.0))
        .when(n.equalTo(2), lit(0.5))
        .when(rn.equalTo(1).or(rn.equalTo(n)), lit(p))
        .otherwise(lit(1.0 - 2 * p).divide(n.minus(2)));
    Dataset<Row> ranked = paths
        .withColumn("_rn", row_number().over(inOrder))
        .withColumn("_n", count(lit(1)).over(wholeOrder))
        .withColumn("_latest_ts", max("touch_ts").over(wholeOrder))
        .withColumn("_decay", pow(lit(2.0), ageFromLatestDays.divide(lit(-settings.halfLifeDays()))))
        .withColumn("_decay_sum", sum("_decay").over(wholeOrder));
    Column[] shares = {
        when(rn.equalTo(1), lit(1.0)).otherwise(lit(0.0)),
        when(rn.equalTo(n), lit(1.0)).otherwise(lit(0.0)),
        lit(1.0).divide(n),
        col("_decay").divide(col("_decay_sum")),
        positionShare};
    List<Column> perModel = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      perModel.add(struct(lit(HEURISTIC.get(i)).as("model"), shares[i].as("share")));
    }
    List<Column> out = AttributionPaths.columns();
    out.add(col("_m.model").as("model"));
    out.add(col("revenue").cast("double").multiply(col("_m.share")).as("credit"));
    return ranked.withColumn("_m", explode(array(perModel.toArray(new Column[0]))))
        .select(out.toArray(new Column[0]));
  }
}
