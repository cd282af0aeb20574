package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.serve.SqlEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code benchmark sql}: starts the SQL endpoint over a lake on a loopback port and times what a BI dashboard
 * asks of the gold marts, over a real JDBC connection: each query once cold, then {@code repeat} times, and prints
 * the median against the one-second goal (a ratio, not a test).
 */
final class SqlBenchmark {
  /** A dashboard's queries: the funnel, ROI by campaign and model, care, influencers, share of voice, stages. */
  static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("funnel by day and stage, 30 days", "SELECT date, stage, sum(people_reached) AS reached, "
        + "sum(entries) AS entries FROM gold.funnel_daily WHERE is_own_brand AND date > "
        + "(SELECT date_sub(max(date), 30) FROM gold.funnel_daily) GROUP BY date, stage ORDER BY date, stage");
    QUERIES.put("ROI by campaign and model", "SELECT campaign_name, model, sum(cost) AS cost, "
        + "sum(attributed_revenue) AS revenue, (sum(attributed_revenue) - sum(cost)) / sum(cost) AS roi "
        + "FROM gold.campaign_roi GROUP BY campaign_name, model ORDER BY cost DESC, model");
    QUERIES.put("care by month and channel", "SELECT month, channel, cases, cost_per_case, savings "
        + "FROM gold.care ORDER BY month, channel");
    QUERIES.put("top 20 influencers", "SELECT platform, handle, authority, advocacy_score, revenue "
        + "FROM gold.influencers ORDER BY authority DESC LIMIT 20");
    QUERIES.put("share of voice by day, 30 days", "SELECT date, brand, sum(mentions) AS mentions, "
        + "avg(share_of_voice) AS sov FROM gold.share_of_voice WHERE date > "
        + "(SELECT date_sub(max(date), 30) FROM gold.share_of_voice) GROUP BY date, brand ORDER BY date, brand");
    QUERIES.put("people by stage and segment", "SELECT current_stage, segment, count(*) AS people "
        + "FROM gold.person_stage WHERE is_own_brand GROUP BY current_stage, segment ORDER BY people DESC");
  }

  private SqlBenchmark() {}

  static int run(Settings settings, int repeat) throws Exception {
    if (repeat < 1 || repeat > 100) {
      throw Errors.badArgument("--repeat", Integer.toString(repeat), "a number from 1 to 100");
    }
    int port = SqlEndpoint.Listen.freePort();
    String password = UUID.randomUUID().toString();
    Settings s = settings.with(Setting.SQL_HOST, "127.0.0.1").with(Setting.SQL_PORT, Integer.toString(port))
        .with(Setting.SQL_USER, "benchmark").with(Setting.SQL_PASSWORD, password);
    long t0 = System.nanoTime();
    SqlEndpoint.Serving serving = SqlEndpoint.serve(s, "socialcrm-benchmark-sql", true);
    System.out.printf("benchmark sql: %d tables of %s served, started in %.1fs; %d cores; each query once cold, then %d times%n",
        serving.tables().size(), serving.lake().root(), (System.nanoTime() - t0) / 1e9,
        serving.spark().sparkContext().defaultParallelism(), repeat);
    System.out.printf("%-36s %8s %10s %10s %8s%n", "query", "rows", "cold ms", "median ms", "/ 1 s");
    List<Double> medians = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/gold", "benchmark", password);
         Statement st = c.createStatement()) {
      for (Map.Entry<String, String> q : QUERIES.entrySet()) {
        long[] rows = new long[1];
        double cold = timeMs(st, q.getValue(), rows);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
          warm.add(timeMs(st, q.getValue(), rows));
        }
        Collections.sort(warm);
        double median = warm.get(warm.size() / 2);
        medians.add(median);
        System.out.printf("%-36s %8d %10.0f %10.0f %8.2f%n", q.getKey(), rows[0], cold, median, median / 1000.0);
      }
    }
    Collections.sort(medians);
    System.out.printf("slowest median %.0f ms = %.2f of the one-second goal; median of medians %.0f ms%n",
        medians.get(medians.size() - 1), medians.get(medians.size() - 1) / 1000.0, medians.get(medians.size() / 2));
    return 0;
  }

  /** Runs the query to its last row (as a BI tool fetches it) and returns the wall time in ms. */
  private static double timeMs(Statement st, String sql, long[] rows) throws Exception {
    long t0 = System.nanoTime();
    long n = 0;
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        n++;
      }
    }
    rows[0] = n;
    return (System.nanoTime() - t0) / 1e6;
  }
}
