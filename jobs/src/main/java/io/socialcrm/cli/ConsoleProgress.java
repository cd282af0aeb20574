package io.socialcrm.cli;

import io.socialcrm.identity.IdentityResult;
import io.socialcrm.ingest.InputResult;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunListener;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import io.socialcrm.orchestration.StepWork;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shows a run's progress (step n of m, elapsed) and its summary table. */
final class ConsoleProgress implements RunListener {
  private final PrintStream out;
  private final long t0 = System.nanoTime();

  ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void stepStarted(int n, int of, Step step) {
    out.printf("[step %d of %d] %s: %s (elapsed %s)%n", n, of, step.id(), step.description(), elapsed(t0));
  }

  @Override
  public void inputDone(Step step, InputResult r) {
    if (InputResult.UNCHANGED.equals(r.status())) {
      out.printf("  %-20s unchanged: its files are as loaded before, nothing read or written%n", r.input());
      return;
    }
    out.printf("  %-20s %3d files %9d read %9d loaded %7d quarantined%s  (%.1fs, elapsed %s)%n", r.input(),
        r.files().size(), r.read(), r.loaded(), r.quarantined(), r.erased() == 0 ? "" : " " + r.erased() + " erased",
        r.durationMs() / 1000.0, elapsed(t0));
  }

  @Override
  public void stepMetrics(Step step, Map<String, Object> metrics) {
    // Warnings are logged when they arise and repeated at the end of the run (printSummary), not in this line.
    Map<String, Object> figures = new LinkedHashMap<>(metrics);
    figures.remove(IdentityResult.WARNINGS);
    out.printf("  %s: %s%n", step.id(), figures);
  }

  /** "WARN identity: ..." for each warning in the steps' metrics ({@link IdentityResult#WARNINGS}). */
  static List<String> warnings(RunReport report) {
    List<String> lines = new ArrayList<>();
    if (report.stepMetrics() != null) {
      report.stepMetrics().forEach((step, m) -> {
        if (m.get(IdentityResult.WARNINGS) instanceof List<?> ws) {
          ws.forEach(w -> lines.add("WARN " + step + ": " + w));
        }
      });
    }
    return lines;
  }

  @Override
  public void stepFinished(int n, int of, Step step, StepWork work) {
    out.printf("[step %d of %d] %s %s in %.1fs: %s%n", n, of, step.id(),
        StepWork.UNCHANGED.equals(work.status()) ? "unchanged" : "done", work.wallMs() / 1000.0, counts(work));
  }

  /** "12 Spark jobs, 3 Delta commits, 4 tables read, 2 written", and "small input" when it ran with the small-input settings. */
  static String counts(StepWork w) {
    return String.format("%d Spark jobs, %d SQL executions, %d Delta commits, %d tables read, %d written%s", w.sparkJobs(),
        w.sqlExecutions(), w.deltaCommits(), w.tablesRead().size(), w.tablesWritten().size(),
        Boolean.TRUE.equals(w.smallInput()) ? ", small input" : "");
  }

  static String elapsed(long t0) {
    long s = (System.nanoTime() - t0) / 1_000_000_000L;
    return String.format("%02d:%02d", s / 60, s % 60);
  }

  static void printSummary(PrintStream out, RunReport report, PipelineRunner runner) {
    TablePrinter t = new TablePrinter(List.of("source", "input", "status", "files", "read", "loaded", "quarantined",
        "erased", "reasons"));
    for (RunReport.SourceCounts s : report.sources()) {
      List<Object> row = new ArrayList<>();
      row.add(s.source());
      row.add(s.input());
      row.add(s.status());
      row.add(s.files().size());
      row.add(s.read());
      row.add(s.loaded());
      row.add(s.quarantined());
      row.add(s.erased());
      row.add(s.quarantineReasons().isEmpty() ? "" : s.quarantineReasons().toString());
      t.row(row);
    }
    if (report.totals() != null) {
      t.row(List.of("", "TOTAL", "", report.totals().files(), report.totals().read(), report.totals().loaded(),
          report.totals().quarantined(), report.totals().erased(), ""));
    }
    List<String> dates = report.dates();
    String when = dates.size() == 1 ? report.date()
        : dates.get(0) + " to " + dates.get(dates.size() - 1) + ", " + dates.size() + " dates";
    out.printf("run %s (%s) %s%n", report.runId(), when, report.status());
    t.print(out);
    if (report.stepWork() != null) {
      report.stepWork().forEach((k, w) -> out.printf("step %-8s %-9s %6.1fs  %s%n", k, w.status(), w.wallMs() / 1000.0,
          counts(w)));
    }
    warnings(report).forEach(out::println);
    out.println("report: " + runner.reportPath(report.runId()) + " (and " + runner.pagePath(report.runId()) + ")");
  }
}
