package io.socialcrm.marts;

import static io.socialcrm.marts.PathRows.PATHS;
import static io.socialcrm.marts.PathRows.credits;
import static io.socialcrm.marts.PathRows.frame;
import static io.socialcrm.marts.PathRows.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AttributionModelsTest extends SparkTestBase {
  private static final double EPS = 1e-9;

  /** The defaults with another half-life and position share. */
  private static MartSettings settings(double halfLifeDays, double positionFirst) {
    MartSettings d = MartSettings.defaults();
    return new MartSettings(d.lookbackDays(), halfLifeDays, positionFirst, d.loyalOrders(), d.loyalWindowDays(),
        d.careHourlyCost(), d.responseTargetMinutes(), d.alertBaselineDays(), d.alertSpikeZ(), d.alertMinMentions(),
        d.influenceDamping(), d.influenceIterations(), d.influenceEveryDays());
  }

  @Test
  void firstLastAndLinearWithTiesBrokenByTouchId() {
    // Order of 90.00 on day 3; touches t2 and t1 on day 1 (same instant: t1 comes first by id), t3 on day 2.
    Dataset<Row> paths = frame(session(), PATHS,
        path("o1", "90.00", 3, "t2", 1, "x:organic"),
        path("o1", "90.00", 3, "t1", 1, "x:c1"),
        path("o1", "90.00", 3, "t3", 2, "facebook:organic"));
    Map<String, Double> c = credits(AttributionModels.heuristic(paths, MartSettings.defaults()));
    assertEquals(90.0, c.get("o1/t1/first_touch"), EPS);
    assertEquals(0.0, c.get("o1/t2/first_touch"), EPS);
    assertEquals(0.0, c.get("o1/t3/first_touch"), EPS);
    assertEquals(0.0, c.get("o1/t1/last_touch"), EPS);
    assertEquals(0.0, c.get("o1/t2/last_touch"), EPS);
    assertEquals(90.0, c.get("o1/t3/last_touch"), EPS);
    for (String t : new String[] {"t1", "t2", "t3"}) {
      assertEquals(30.0, c.get("o1/" + t + "/linear"), EPS);
    }
    assertEquals(3 * 5, c.size(), "every touch has a row per heuristic model");
  }

  @Test
  void timeDecayHalvesTheWeightEveryHalfLife() {
    // Half-life 7 days. Order of 70.00 on day 21, touches 21, 14 and 7 days before it:
    // weights 2^-3 = 1/8, 2^-2 = 1/4, 2^-1 = 1/2, sum 7/8 -> shares 1/7, 2/7, 4/7 -> 10, 20, 40.
    // Order of 35.00 on day 10.5, touches d (day 0, 10.5 days before) and e (day 7, 3.5 days before):
    // weights 2^-1.5 and 2^-0.5, ratio 1:2 -> shares 1/3, 2/3 -> 11.666.., 23.333..
    Dataset<Row> paths = frame(session(), PATHS,
        path("o1", "70.00", 21, "a", 0, "x:organic"),
        path("o1", "70.00", 21, "b", 7, "x:organic"),
        path("o1", "70.00", 21, "c", 14, "x:organic"),
        path("o2", "35.00", 10.5, "d", 0, "x:organic"),
        path("o2", "35.00", 10.5, "e", 7, "x:organic"));
    Map<String, Double> c = credits(AttributionModels.heuristic(paths, MartSettings.defaults()));
    assertEquals(10.0, c.get("o1/a/time_decay"), EPS);
    assertEquals(20.0, c.get("o1/b/time_decay"), EPS);
    assertEquals(40.0, c.get("o1/c/time_decay"), EPS);
    assertEquals(35.0 / 3, c.get("o2/d/time_decay"), EPS);
    assertEquals(70.0 / 3, c.get("o2/e/time_decay"), EPS);
  }

  @Test
  void timeDecayUsesTheHalfLifeSetting() {
    // Half-life 14 days: touches 28 and 14 days before an order of 60.00 weigh 1/4 and 1/2 -> 20 and 40.
    Dataset<Row> paths = frame(session(), PATHS,
        path("o1", "60.00", 28, "a", 0, "x:organic"),
        path("o1", "60.00", 28, "b", 14, "x:organic"));
    Map<String, Double> c = credits(AttributionModels.heuristic(paths, settings(14.0, 0.4)));
    assertEquals(20.0, c.get("o1/a/time_decay"), EPS);
    assertEquals(40.0, c.get("o1/b/time_decay"), EPS);
  }

  @Test
  void positionBasedWithOneTwoThreeFourAndFiveTouches() {
    // 40% first, 40% last, 20% over the middle: 1 touch 100; 2 touches 50/50; 3 touches 40/20/40;
    // 4 touches 40/10/10/40; 5 touches of 90.00: 36 / 6 / 6 / 6 / 36.
    Dataset<Row> paths = frame(session(), PATHS,
        path("p1", "100.00", 10, "a", 1, "x:organic"),
        path("p2", "100.00", 10, "a", 1, "x:organic"),
        path("p2", "100.00", 10, "b", 2, "x:organic"),
        path("p3", "100.00", 10, "a", 1, "x:organic"),
        path("p3", "100.00", 10, "b", 2, "x:organic"),
        path("p3", "100.00", 10, "c", 3, "x:organic"),
        path("p4", "100.00", 10, "a", 1, "x:organic"),
        path("p4", "100.00", 10, "b", 2, "x:organic"),
        path("p4", "100.00", 10, "c", 3, "x:organic"),
        path("p4", "100.00", 10, "d", 4, "x:organic"),
        path("p5", "90.00", 10, "a", 1, "x:organic"),
        path("p5", "90.00", 10, "b", 2, "x:organic"),
        path("p5", "90.00", 10, "c", 3, "x:organic"),
        path("p5", "90.00", 10, "d", 4, "x:organic"),
        path("p5", "90.00", 10, "e", 5, "x:organic"));
    Map<String, Double> c = credits(AttributionModels.heuristic(paths, MartSettings.defaults()));
    assertEquals(100.0, c.get("p1/a/position_based"), EPS);
    assertEquals(50.0, c.get("p2/a/position_based"), EPS);
    assertEquals(50.0, c.get("p2/b/position_based"), EPS);
    assertEquals(40.0, c.get("p3/a/position_based"), EPS);
    assertEquals(20.0, c.get("p3/b/position_based"), EPS);
    assertEquals(40.0, c.get("p3/c/position_based"), EPS);
    assertEquals(40.0, c.get("p4/a/position_based"), EPS);
    assertEquals(10.0, c.get("p4/b/position_based"), EPS);
    assertEquals(10.0, c.get("p4/c/position_based"), EPS);
    assertEquals(40.0, c.get("p4/d/position_based"), EPS);
    assertEquals(36.0, c.get("p5/a/position_based"), EPS);
    for (String t : new String[] {"b", "c", "d"}) {
      assertEquals(6.0, c.get("p5/" + t + "/position_based"), EPS);
    }
    assertEquals(36.0, c.get("p5/e/position_based"), EPS);

    // positionFirst 0.3: 4 touches get 30 / 20 / 20 / 30.
    Map<String, Double> c3 = credits(AttributionModels.heuristic(paths.where("order_id = 'p4'"),
        settings(7.0, 0.3)));
    assertEquals(30.0, c3.get("p4/a/position_based"), EPS);
    assertEquals(20.0, c3.get("p4/b/position_based"), EPS);
    assertEquals(20.0, c3.get("p4/c/position_based"), EPS);
    assertEquals(30.0, c3.get("p4/d/position_based"), EPS);
  }
}
