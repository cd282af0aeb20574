package io.socialcrm.orchestration;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.marts.GoldTables;
import io.socialcrm.testing.SparkTestBase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The HTML report's figures from small hand-made mart and identity tables. */
class ReportFiguresTest extends SparkTestBase {
  private static final LocalDate NOV2 = LocalDate.of(2026, 11, 2);

  private static Row funnelRow(String date, String brand, String platform, String stage, int order, String next,
      long reached, long entries, Long converted) {
    return RowFactory.create(Date.valueOf(date), brand, brand.equals("Nordwind"), platform, null, "retail", stage,
        order, next, reached, reached, entries, converted, converted == null ? null : (double) converted / reached);
  }

  private static List<String> strings(Dataset<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      out.add(r.toString());
    }
    return out;
  }

  @Test
  void theFunnelIsTheOwnBrandsLatestDayUpToTheRunDateSummedOverItsGroups() {
    Dataset<Row> funnelDaily = session().createDataFrame(List.of(
        funnelRow("2026-11-01", "Nordwind", "x", "aware", 1, "preference", 10, 10, 4L),
        funnelRow("2026-11-02", "Nordwind", "x", "aware", 1, "preference", 12, 2, 6L),
        funnelRow("2026-11-02", "Nordwind", "facebook", "aware", 1, "preference", 8, 1, 2L),
        funnelRow("2026-11-02", "Nordwind", "x", "preference", 2, "customer", 6, 1, 3L),
        funnelRow("2026-11-02", "Nordwind", "facebook", "advocate", 5, null, 1, 1, null),
        // A competitor, and a day after the run's date (a rerun of an older date): neither counts.
        funnelRow("2026-11-02", "Brisa", "x", "aware", 1, "preference", 99, 9, 9L),
        funnelRow("2026-11-03", "Nordwind", "x", "aware", 1, "preference", 50, 38, 20L)),
        GoldTables.load("funnel_daily").schema());

    assertEquals(List.of("[aware,1,20,3,0.4]", "[preference,2,6,1,0.5]", "[advocate,5,1,1,null]"),
        strings(ReportFigures.funnel(funnelDaily, NOV2)));
  }

  @Test
  void roiSumsEachCampaignsMonthsPerModelAndKeepsTheCostliestCampaigns() {
    StructType schema = new StructType().add("campaign_id", DataTypes.StringType).add("month", DataTypes.DateType)
        .add("model", DataTypes.StringType).add("campaign_name", DataTypes.StringType)
        .add("cost", DataTypes.DoubleType).add("attributed_revenue", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    for (String model : List.of("linear", "markov")) {
      rows.add(RowFactory.create("C01", Date.valueOf("2026-10-01"), model, "Autumn", 100.0, model.equals("linear") ? 150.0 : 50.0));
      rows.add(RowFactory.create("C01", Date.valueOf("2026-11-01"), model, "Autumn", 100.0, 50.0));
      // December is after the run's date.
      rows.add(RowFactory.create("C01", Date.valueOf("2026-12-01"), model, "Autumn", 1000.0, 1000.0));
    }
    rows.add(RowFactory.create("C02", Date.valueOf("2026-11-01"), "linear", null, 0.0, 30.0));
    // Eleven more campaigns with costs 10..110: with C01 (200) they fill the twelve places, so C02 (no cost) drops.
    for (int i = 1; i <= 11; i++) {
      rows.add(RowFactory.create(String.format("K%02d", i), Date.valueOf("2026-11-01"), "linear", "K" + i, 10.0 * i, 5.0));
    }
    Dataset<Row> campaignRoi = session().createDataFrame(rows, schema)
        .withColumn("cost", col("cost").cast("decimal(18,2)"));

    Dataset<Row> roi = ReportFigures.roi(campaignRoi, NOV2);

    List<String> got = strings(roi);
    assertEquals(13, got.size(), "C01 under two models and eleven K campaigns: " + got);
    assertEquals("[C01,Autumn,linear,200.0,200.0,0.0]", got.get(0));
    assertEquals("[C01,Autumn,markov,200.0,100.0,-0.5]", got.get(1));
    assertEquals("[K11,K11,linear,110.0,5.0," + ((5.0 - 110.0) / 110.0) + "]", got.get(2));
    assertEquals("K01", got.get(12).substring(1, 4), "the cheapest kept campaign comes last");
    assertEquals(0, roi.where(col("campaign_id").equalTo("C02")).count(), "only the twelve costliest campaigns");
  }

  @Test
  void identityCountsCurrentProfilesLinksByKindAndTheReviewBandPerPlatform() {
    Dataset<Row> profiles = session().createDataFrame(List.of(
        RowFactory.create("x", false, true), RowFactory.create("x", false, true), RowFactory.create("x", null, true),
        RowFactory.create("x", true, true), RowFactory.create("x", false, false),
        RowFactory.create("linkedin", false, true)),
        new StructType().add("platform", DataTypes.StringType).add("is_brand", DataTypes.BooleanType)
            .add("is_current", DataTypes.BooleanType));
    StructType linkSchema = new StructType().add("platform", DataTypes.StringType).add("method", DataTypes.StringType)
        .add("match_probability", DataTypes.DoubleType).add("is_current", DataTypes.BooleanType);
    Dataset<Row> links = session().createDataFrame(List.of(
        RowFactory.create("x", "email", 1.0, true), RowFactory.create("x", "probabilistic", 0.97, true),
        RowFactory.create("x", "probabilistic", 1.0, true), RowFactory.create("x", "probabilistic", 0.42, false),
        RowFactory.create("facebook", "crm_handle", 1.0, true)), linkSchema);
    Dataset<Row> review = session().createDataFrame(List.of(RowFactory.create("x", 0.55), RowFactory.create("x", 0.5)),
        new StructType().add("platform", DataTypes.StringType).add("match_probability", DataTypes.DoubleType));

    // facebook has a link but no current profile row here; a full join keeps every platform.
    assertEquals(List.of("[facebook,0,1,0,0]", "[linkedin,1,0,0,0]", "[x,3,1,2,2]"),
        strings(ReportFigures.identity(profiles, links, review)));

    List<String> bins = strings(ReportFigures.scores(links, review));
    assertEquals(ReportFigures.SCORE_BINS, bins.size(), "every bin, empty ones too");
    assertEquals("[0.0,0,0]", bins.get(0));
    assertEquals("[0.4,0,0]", bins.get(4), "a closed link is not scored");
    assertEquals("[0.5,0,2]", bins.get(5));
    assertEquals("[0.9,2,0]", bins.get(9), "1.0 falls in the last bin");
  }
}
