package io.socialcrm.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** silver.campaigns, spend, support_cases and leads: latest version per key, derived columns. */
class CrmFactsTransformTest extends SparkTestBase {

  private static Map<String, Row> byKey(Dataset<Row> df, String... key) {
    return df.collectAsList().stream().collect(Collectors.toMap(
        r -> Arrays.stream(key).map(k -> String.valueOf((Object) r.getAs(k))).collect(Collectors.joining("|")),
        r -> r));
  }

  @Test
  void campaignsKeepTheLatestVersion() {
    Dataset<Row> bronze = BronzeRows.of("campaigns")
        .row("campaign_id", "CMP004", "name", "Semana del Senderismo", "brand", "Nordwind", "platform", "multi",
            "utm_campaign", "nw_semana_senderismo_2026_all", "objective", "conversion", "start_date", "2026-10-25",
            "end_date", "2026-11-08", "updated_at", "2026-10-20 09:00:00")
        .loadedOn("2026-11-02")
        .row("campaign_id", "CMP004", "name", "Semana del Senderismo", "brand", "Nordwind", "platform", "multi",
            "utm_campaign", "nw_semana_senderismo_2026_all", "objective", "conversion", "start_date", "2026-10-25",
            "end_date", "2026-11-15", "updated_at", "2026-11-02 09:00:00")
        .row("campaign_id", "CMP001", "name", "Nordwind Always-On", "brand", "Nordwind", "platform", "multi",
            "utm_campaign", "nw_always_on_2026_all", "start_date", "2026-08-03", "end_date", "2027-03-04",
            "updated_at", "2026-09-02 03:33:21")
        .build(session());
    Dataset<Row> silver = CrmFactsTransform.campaigns(bronze);
    assertEquals(CrmFactsTransform.CAMPAIGN_COLUMNS, Arrays.asList(silver.columns()));
    Map<String, Row> rows = byKey(silver, "campaign_id");
    assertEquals(2, rows.size());
    assertEquals(Date.valueOf("2026-11-15"), rows.get("CMP004").getAs("end_date"));
  }

  @Test
  void spendKeepsTheLatestVersionPerCampaignDayAndCostTypeInTheReportingCurrency() {
    Dataset<Row> bronze = BronzeRows.of("marketing_spend")
        .row("campaign_id", "CMP004", "spend_date", "2026-11-01", "cost_type", "media", "amount", "43.00",
            "currency", "PLN", "updated_at", "2026-11-01 23:18:11")
        .row("campaign_id", "CMP004", "spend_date", "2026-11-01", "cost_type", "staff", "amount", "86.00",
            "currency", "PLN", "updated_at", "2026-11-01 23:18:11")
        .loadedOn("2026-11-02")
        .row("campaign_id", "CMP004", "spend_date", "2026-11-01", "cost_type", "media", "amount", "430.00",
            "currency", "PLN", "updated_at", "2026-11-02 00:18:11")
        .row("campaign_id", "CMP001", "spend_date", "2026-11-02", "cost_type", "media", "amount", "12.50",
            "currency", "EUR", "updated_at", "2026-11-02 23:00:00")
        .build(session());
    FxRates.Converted result = CrmFactsTransform.spend(bronze, FxRates.load(session()));
    assertEquals(CrmFactsTransform.SPEND_COLUMNS, Arrays.asList(result.rows().columns()));
    Map<String, Row> rows = byKey(result.rows(), "campaign_id", "spend_date", "cost_type");
    assertEquals(3, rows.size());
    Row media = rows.get("CMP004|2026-11-01|media");
    assertEquals(new BigDecimal("430.00"), media.getAs("amount"), "the later correction wins");
    assertEquals(new BigDecimal("100.00"), media.getAs("amount_reporting"));
    assertEquals(new BigDecimal("20.00"), rows.get("CMP004|2026-11-01|staff").getAs("amount_reporting"));
    assertEquals(new BigDecimal("12.50"), rows.get("CMP001|2026-11-02|media").getAs("amount_reporting"));
    assertEquals(0L, result.rejects().count());
  }

  @Test
  void supportCasesGetResponseAndResolutionMinutesFromTheirLatestVersion() {
    Dataset<Row> bronze = BronzeRows.of("support_cases")
        .row("case_id", "S1", "channel", "social", "platform", "x", "social_post_id", "1721157725909028697",
            "topic", "billing", "opened_at", "2026-11-01 10:00:00", "status", "open",
            "updated_at", "2026-11-01 10:00:00")
        .row("case_id", "S1", "customer_id", "C0000660", "channel", "social", "platform", "x",
            "social_post_id", "1721157725909028697", "topic", "billing", "opened_at", "2026-11-01 10:00:00",
            "first_response_at", "2026-11-01 10:30:30", "resolved_at", "2026-11-01 12:00:00", "status", "closed",
            "handling_minutes", "12.1", "updated_at", "2026-11-01 12:00:00")
        .row("case_id", "S2", "channel", "phone", "opened_at", "2026-11-01 08:00:00",
            "first_response_at", "2026-11-01 08:00:20", "status", "pending", "updated_at", "2026-11-01 08:00:20")
        .row("case_id", "S3", "channel", "email", "opened_at", "2026-11-01 08:00:00", "status", "open",
            "updated_at", "2026-11-01 08:00:00")
        .build(session());
    Dataset<Row> silver = CrmFactsTransform.supportCases(bronze);
    assertEquals(CrmFactsTransform.SUPPORT_CASE_COLUMNS, Arrays.asList(silver.columns()));
    Map<String, Row> rows = byKey(silver, "case_id");
    assertEquals(3, rows.size());
    Row s1 = rows.get("S1");
    assertEquals("closed", s1.getAs("status"));
    assertEquals("C0000660", s1.getAs("customer_id"));
    assertEquals(30.5, (double) s1.<Double>getAs("first_response_minutes"), 1e-9);
    assertEquals(120.0, (double) s1.<Double>getAs("resolution_minutes"), 1e-9);
    assertEquals(0.33, (double) rows.get("S2").<Double>getAs("first_response_minutes"), 1e-9);
    assertNull(rows.get("S2").getAs("resolution_minutes"));
    assertNull(rows.get("S3").getAs("first_response_minutes"));
  }

  @Test
  void leadsKeepTheLatestVersionAndDropTheTechnicalColumns() {
    Dataset<Row> bronze = BronzeRows.of("leads")
        .row("lead_id", "L1", "first_name", "Joaquín", "last_name", "Díaz", "email", "joaquin78@hotmail.es",
            "source", "social", "campaign_id", "CMP004", "status", "new", "created_at", "2026-11-01 11:46:29",
            "updated_at", "2026-11-01 11:46:29")
        .row("lead_id", "L1", "first_name", "Joaquín", "last_name", "Díaz", "email", "joaquin78@hotmail.es",
            "source", "social", "campaign_id", "CMP004", "status", "converted", "converted_customer_id", "C0000007",
            "created_at", "2026-11-01 11:46:29", "updated_at", "2026-11-01 18:00:00")
        .build(session());
    Dataset<Row> silver = CrmFactsTransform.leads(bronze);
    assertEquals(CrmFactsTransform.LEAD_COLUMNS, Arrays.asList(silver.columns()));
    List<Row> rows = silver.collectAsList();
    assertEquals(1, rows.size());
    assertEquals("converted", rows.get(0).getAs("status"));
    assertEquals("C0000007", rows.get(0).getAs("converted_customer_id"));
  }

  @Test
  void aTieOnUpdatedAtGoesToTheNewestLoad() {
    Dataset<Row> bronze = BronzeRows.of("leads")
        .row("lead_id", "L2", "source", "web", "status", "new", "created_at", "2026-11-01 08:00:00",
            "updated_at", "2026-11-01 08:00:00")
        .loadedOn("2026-11-02")
        .row("lead_id", "L2", "source", "web", "status", "lost", "created_at", "2026-11-01 08:00:00",
            "updated_at", "2026-11-01 08:00:00")
        .build(session());
    assertEquals("lost", CrmFactsTransform.leads(bronze).head().getAs("status"));
  }
}
