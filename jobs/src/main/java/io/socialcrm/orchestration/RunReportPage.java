package io.socialcrm.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run report as one self-contained HTML page ({@code <lake>/_runs/<run-id>.html}, beside the JSON): the run
 * and its figures are embedded as JSON, and the page's own script draws the charts (funnel, return by campaign and
 * model, identity, inputs and quarantine, step durations) as SVG, so it reads offline and fetches nothing.
 */
public final class RunReportPage {
  private static final String TEMPLATE = "report/run-report.html";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunReportPage() {}

  public static String render(RunReport report, ReportFigures figures) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("report", report);
    data.put("figures", figures);
    String json;
    try {
      json = JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw Errors.io("cannot write the HTML run report", e);
    }
    // Inside <script>, "</script>" or "<!--" in a value would end the block: '<' only occurs in JSON strings,
    // where \u003c means the same.
    String safe = json.replace("<", "\\u003c");
    return template().replace("@@TITLE@@", escapeHtml(report.runId())).replace("@@DATA@@", safe);
  }

  static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String template() {
    try (InputStream in = RunReportPage.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IOException("resource " + TEMPLATE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.io("cannot read the HTML run report template", e);
    }
  }
}
