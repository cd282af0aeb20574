package io.socialcrm.marts;

import static io.socialcrm.marts.PathRows.PATHS;
import static io.socialcrm.marts.PathRows.TOUCHES;
import static io.socialcrm.marts.PathRows.frame;
import static io.socialcrm.marts.PathRows.path;
import static io.socialcrm.marts.PathRows.touch;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AttributionTest extends SparkTestBase {
  private static final List<String> MODELS = List.of("first_touch", "last_touch", "linear", "time_decay",
      "position_based", "markov");

  @Test
  void everyModelGivesOutExactlyEachOrdersRevenue() {
    // Orders with 1, 2, 3 and 5 touches (two at the same instant), odd amounts, three channels; one null path.
    Dataset<Row> paths = frame(session(), PATHS,
        path("s1", "19.99", 20, "a1", 19.5, "x:c1"),
        path("s2", "250.10", 20, "b1", 1, "x:c1"),
        path("s2", "250.10", 20, "b2", 12, "facebook:organic"),
        path("s3", "1234.56", 25, "c1", 0, "facebook:organic"),
        path("s3", "1234.56", 25, "c2", 3, "x:organic"),
        path("s3", "1234.56", 25, "c3", 24.9, "x:c1"),
        path("s5", "77.77", 30, "d1", 2, "x:organic"),
        path("s5", "77.77", 30, "d2", 9, "x:c1"),
        path("s5", "77.77", 30, "d3", 9, "facebook:organic"),
        path("s5", "77.77", 30, "d4", 16, "x:organic"),
        path("s5", "77.77", 30, "d5", 29, "x:organic"));
    Dataset<Row> nullPaths = frame(session(), TOUCHES, touch("n1", "k9", 1, "x:organic"),
        touch("n2", "k9", 2, "x:c1")).withColumn("path_id", col("customer_id"));
    Map<String, Integer> touches = Map.of("s1", 1, "s2", 2, "s3", 3, "s5", 5);
    Map<String, Double> revenue = Map.of("s1", 19.99, "s2", 250.10, "s3", 1234.56, "s5", 77.77);
    for (Dataset<Row> nulls : List.of(nullPaths, nullPaths.limit(0))) {
      Dataset<Row> credited = AttributionModels.heuristic(paths, MartSettings.defaults())
          .unionByName(MarkovAttribution.credit(paths, MarkovAttribution.fit(paths, nulls)));
      List<Row> sums = credited.groupBy("order_id", "model")
          .agg(sum("credit").as("credit"), count("touch_id").as("rows")).collectAsList();
      assertEquals(4 * MODELS.size(), sums.size());
      for (Row r : sums) {
        String order = r.getString(0);
        assertEquals(revenue.get(order), r.getDouble(2), 1e-9, order + " " + r.getString(1));
        assertEquals((long) touches.get(order), r.getLong(3), order + " " + r.getString(1));
      }
    }
  }

  @Test
  void buildGivesTheDeclaredMartsFromTheInputs() {
    var s = session();
    MartInputs in = new MartInputs(BrandActivity.interactions(s), BrandActivity.orders(s), BrandActivity.links(s),
        null, BrandActivity.profiles(s), BrandActivity.campaigns(s), null, null);
    Attribution built = Attribution.build(in, MartSettings.defaults());

    Dataset<Row> attribution = built.attribution();
    assertEquals(List.of(GoldTables.load(Attribution.ATTRIBUTION).schema().fieldNames()),
        List.of(attribution.columns()));
    // Only O1 (C1's paid order) has touches: its 7 touches x 6 models. The refund and C2's order have none.
    assertEquals(7 * 6, attribution.count());
    assertEquals(1, attribution.select("order_id").distinct().count());
    Row firstTouch = attribution.where("model = 'first_touch' AND credit > 0").first();
    assertEquals("x:repost:300", firstTouch.getAs("touch_id"));
    assertEquals(123.45, firstTouch.<Double>getAs("credit"), 1e-9);
    Row lastTouch = attribution.where("model = 'last_touch' AND credit > 0").first();
    assertEquals("fb:comment:9", lastTouch.getAs("touch_id"));

    // Channels: x:camp-n has 3 of the 7 touches (300, 302, 306), x:organic 2 (301, 303), facebook:camp-n 2.
    Dataset<Row> channels = built.channelAttribution();
    assertEquals(List.of(GoldTables.load(Attribution.CHANNEL_ATTRIBUTION).schema().fieldNames()),
        List.of(channels.columns()));
    Map<String, Row> byKey = new HashMap<>();
    for (Row r : channels.collectAsList()) {
      byKey.put(r.<String>getAs("channel") + "/" + r.<String>getAs("model"), r);
    }
    assertEquals(3 * 6, byKey.size());
    Row camp = byKey.get("x:camp-n/linear");
    assertEquals("x", camp.getAs("platform"));
    assertEquals("camp-n", camp.getAs("campaign_id"));
    assertEquals(3.0 / 7, camp.<Double>getAs("conversions"), 1e-9);
    assertEquals(123.45 * 3 / 7, camp.<Double>getAs("revenue"), 1e-9);
    assertNull(byKey.get("x:organic/linear").getAs("campaign_id"));
    assertEquals(2.0 / 7, byKey.get("x:organic/linear").<Double>getAs("conversions"), 1e-9);
    assertEquals(2.0 / 7, byKey.get("facebook:camp-n/linear").<Double>getAs("conversions"), 1e-9);
    // Markov, one converting path camp, org, camp, org, camp, fb, fb -> conversion (no null path: every touch is
    // O1's). Transitions: start -> camp 1; camp -> org 2, camp -> fb 1; org -> camp 2; fb -> fb 1, fb -> conv 1.
    // Removing camp or fb loses every conversion (effect 1). Removing org: from camp 2/3 is lost, 1/3 reaches fb,
    // which converts: P' = 1/3, effect 2/3. Touch weights 1, 2/3, 1, 2/3, 1, 1, 1 sum to 19/3:
    // camp 3 / (19/3) = 9/19, org (4/3) / (19/3) = 4/19, fb 2 / (19/3) = 6/19.
    assertEquals(9.0 / 19, byKey.get("x:camp-n/markov").<Double>getAs("conversions"), 1e-9);
    assertEquals(4.0 / 19, byKey.get("x:organic/markov").<Double>getAs("conversions"), 1e-9);
    assertEquals(6.0 / 19, byKey.get("facebook:camp-n/markov").<Double>getAs("conversions"), 1e-9);
    assertEquals(123.45 * 6 / 19, byKey.get("facebook:camp-n/markov").<Double>getAs("revenue"), 1e-9);
    assertEquals(1.0, byKey.get("x:camp-n/first_touch").<Double>getAs("conversions"), 1e-9);
    assertEquals(0.0, byKey.get("x:organic/first_touch").<Double>getAs("conversions"), 1e-9);
    assertEquals(1.0, byKey.get("facebook:camp-n/last_touch").<Double>getAs("conversions"), 1e-9);
    for (Row r : channels.groupBy("model").agg(sum("conversions"), sum("revenue")).collectAsList()) {
      assertEquals(1.0, r.getDouble(1), 1e-9, r.getString(0));
      assertEquals(123.45, r.getDouble(2), 1e-9, r.getString(0));
    }
  }
}
