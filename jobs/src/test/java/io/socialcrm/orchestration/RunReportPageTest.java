package io.socialcrm.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socialcrm.identity.IdentityResult;
import io.socialcrm.ingest.InputResult;
import io.socialcrm.testing.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML run report, opened in headless Chromium: its script runs without error and draws every chart with one
 * bar per figure, and a run's text cannot break out of the page.
 */
class RunReportPageTest {
  private static final Pattern CHART = Pattern.compile("<svg[^>]*data-chart=\"([a-z]+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);

  @TempDir
  Path dir;

  private static RunReport report(String status, String error) {
    Map<String, Long> durations = new LinkedHashMap<>();
    durations.put("ingest", 41_000L);
    durations.put("conform", 12_500L);
    durations.put("identity", 30_000L);
    durations.put("marts", 52_000L);
    List<RunReport.SourceCounts> sources = List.of(
        new RunReport.SourceCounts("x_posts", "x", List.of(new InputResult.FileCount("x_posts/2026-11-02/a.jsonl", "2026-11-02", 120, 10, 0)),
            120, 110, 10, 0, Map.of("bad_timestamp", 6L, "missing_required", 4L), 900, InputResult.LOADED),
        new RunReport.SourceCounts("crm_orders", "crm", List.of(), 50, 49, 0, 1, Map.of(), 300, InputResult.LOADED));
    Map<String, StepWork> work = new LinkedHashMap<>();
    work.put("ingest", new StepWork(StepWork.RAN, 41_000L, 120, 60, 7, List.of("bronze.x_posts"), List.of("bronze.x_posts"), false));
    work.put("conform", new StepWork(StepWork.UNCHANGED, 12_500L, 0, 0, 0, List.of(), List.of(), null));
    return new RunReport("2026-11-02_20261203T010000_00ab", "2026-11-02", List.of("2026-11-02"),
        List.of("ingest", "conform", "identity", "marts"), status, "2026-12-03T01:00:00Z", "2026-12-03T01:02:15Z",
        "/lake", "/landing", durations, sources, RunReport.Totals.of(sources), error, Map.of(), work);
  }

  /** A regular expression for consecutive table cells holding these texts. */
  private static String cells(String... texts) {
    return String.join("", Arrays.stream(texts).map(t -> "<td[^>]*>" + Pattern.quote(t) + "</td>").toList());
  }

  private static ReportFigures figures() {
    return new ReportFigures("2026-11-02",
        List.of(new ReportFigures.FunnelStage("aware", 1, 2000, 40, 0.3),
            new ReportFigures.FunnelStage("preference", 2, 600, 12, 0.5),
            new ReportFigures.FunnelStage("customer", 3, 300, 5, 0.4),
            new ReportFigures.FunnelStage("loyal", 4, 120, 2, 0.2),
            new ReportFigures.FunnelStage("advocate", 5, 30, 1, null)),
        List.of(new ReportFigures.CampaignModelRoi("C01", "Autumn", "linear", 200, 260, 0.3),
            new ReportFigures.CampaignModelRoi("C01", "Autumn", "markov", 200, 150, -0.25),
            new ReportFigures.CampaignModelRoi("C02", null, "linear", 80, 10, -0.875),
            new ReportFigures.CampaignModelRoi("C02", null, "markov", 80, 0, -1.0)),
        List.of(new ReportFigures.PlatformLinks("facebook", 400, 50, 30, 4),
            new ReportFigures.PlatformLinks("x", 900, 120, 200, 17)),
        List.of(new ReportFigures.ScoreBin(0.5, 0, 9), new ReportFigures.ScoreBin(0.6, 0, 8),
            new ReportFigures.ScoreBin(0.9, 200, 0)));
  }

  /** The chart name → the number of bars drawn in it, from the DOM after the page's script ran. */
  private static Map<String, Integer> bars(String dom) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Matcher m = CHART.matcher(dom);
    while (m.find()) {
      Matcher bar = Pattern.compile("<rect[^>]*class=\"bar\"").matcher(m.group(2));
      int n = 0;
      while (bar.find()) {
        n++;
      }
      out.put(m.group(1), n);
    }
    return out;
  }

  private String render(RunReport report, ReportFigures figures) throws Exception {
    Path page = dir.resolve(report.runId() + ".html");
    Files.writeString(page, RunReportPage.render(report, figures), StandardCharsets.UTF_8);
    return HeadlessChromium.dumpDom(page, dir.resolve("chromium-profile"));
  }

  @Test
  void everyChartIsDrawnWithABarPerFigure() throws Exception {
    String dom = render(report(RunReport.SUCCEEDED, null), figures());

    assertTrue(dom.contains("data-rendered=\"true\""), "the page's script ran to its end");
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("funnel", 5);          // one bar per stage
    expected.put("roi", 4);             // two campaigns × two models
    expected.put("identity", 6);        // two platforms × deterministic, probabilistic, not linked
    expected.put("scores", 6);          // three bins × links, review band
    expected.put("inputs", 6);          // two inputs × loaded, quarantined, erased
    expected.put("steps", 4);           // one bar per step
    assertEquals(expected, bars(dom));
    assertTrue(dom.contains("bad_timestamp"), "the quarantine reasons are listed");
    assertTrue(Pattern.compile(cells("ingest", "ran", "41.0", "120", "60", "7", "1", "1")).matcher(dom).find(),
        "the work table gives each step's jobs, executions, commits and tables");
    assertTrue(Pattern.compile(cells("conform", "unchanged", "12.5", "0")).matcher(dom).find(),
        "a step that found nothing to do says so");
    assertTrue(dom.contains("→ next 30.0 %"), "the funnel shows the conversion to the next stage");
    assertTrue(dom.contains("Built by this run's marts step."), "the funnel says which run built it");
    assertTrue(dom.contains("Built by this run's identity step."), "the identity figures say which run built them");
    assertTrue(Pattern.compile("<rect[^>]*class=\"bar\"[^>]*data-series=\"markov\"[^>]*data-value=\"150\"").matcher(dom).find(),
        "a bar carries its model and value");
    String page = Files.readString(dir.resolve(report(RunReport.SUCCEEDED, null).runId() + ".html"));
    assertFalse(Pattern.compile("(src|href)\\s*=|@import|url\\(|<link").matcher(page).find(),
        "the page links nothing, so it reads offline");
  }

  @Test
  void aFailedRunWithoutMartsShowsItsErrorAndSaysWhatIsMissing() throws Exception {
    String error = "no landing data for 2026-11-02 </script><script>document.body.setAttribute('data-owned','1')</script>";
    RunReport failed = report(RunReport.FAILED, error);
    String dom = render(failed, ReportFigures.empty(LocalDate.of(2026, 11, 2)));

    assertTrue(dom.contains("data-rendered=\"true\""), "the page's script ran to its end");
    assertFalse(dom.contains("data-owned=\"1\""), "the run's text is data, not markup: its script did not run");
    assertTrue(dom.contains("no landing data for 2026-11-02 &lt;/script&gt;"), "the error is shown as text");
    assertTrue(dom.contains("no funnel yet"), "an empty chart says why");
    Map<String, Integer> drawn = bars(dom);
    assertEquals(0, drawn.get("funnel"));
    assertEquals(0, drawn.get("roi"));
    assertEquals(6, drawn.get("inputs"));
  }

  @Test
  void aRunOfOneStepSaysWhichFiguresItDidNotRebuild() throws Exception {
    RunReport full = report(RunReport.SUCCEEDED, null);
    RunReport ingestOnly = new RunReport(full.runId(), full.date(), full.dates(), List.of("ingest"), full.status(),
        full.startedAt(), full.finishedAt(), full.lake(), full.landing(), Map.of("ingest", 41_000L), full.sources(),
        full.totals(), null, Map.of(), Map.of());
    String dom = render(ingestOnly, figures());

    assertTrue(dom.contains("data-rendered=\"true\""), "the page's script ran to its end");
    assertTrue(dom.contains("Not rebuilt by this run (it did not finish the marts step): the lake's marts tables as"
        + " they stood for 2026-11-02."), "the funnel says it is the lake's, not this run's");
    assertTrue(dom.contains("it did not finish the identity step"), "so do the identity figures");
    assertEquals(5, bars(dom).get("funnel"), "the lake's funnel is still drawn");
    assertEquals(1, bars(dom).get("steps"));
  }

  @Test
  void aStepsWarningsAreShownAtTheTop() throws Exception {
    RunReport full = report(RunReport.SUCCEEDED, null);
    Map<String, Map<String, Object>> metrics = Map.of("identity", Map.of("skipped_blocks", 2L,
        IdentityResult.WARNINGS, List.of("2 blocks over max_block_pairs 20,000 skipped, holding"
            + " 61,000 candidate pairs that were not compared; largest: same_name_tokens / <b>ann</b> lee (150 × 250 = 37,500)")));
    RunReport warned = new RunReport(full.runId(), full.date(), full.dates(), full.steps(), full.status(),
        full.startedAt(), full.finishedAt(), full.lake(), full.landing(), full.stepDurationsMs(), full.sources(),
        full.totals(), null, metrics, full.stepWork());
    String dom = render(warned, figures());

    assertTrue(dom.contains("data-rendered=\"true\""), "the page's script ran to its end");
    assertTrue(dom.contains("<p class=\"warn\">WARN identity: 2 blocks over max_block_pairs 20,000 skipped, holding"
        + " 61,000 candidate pairs that were not compared; largest: same_name_tokens / &lt;b&gt;ann&lt;/b&gt; lee"),
        "the warning is shown, as text");
    assertFalse(render(full, figures()).contains("class=\"warn\""), "a run without warnings shows none");
  }
}
