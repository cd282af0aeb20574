package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Run the pipeline for every date from --from to --to (inclusive), oldest first. "
        + "Each date is a separate, rerunnable run.")
final class BackfillCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD")
  String from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD")
  String to;

  @Option(names = "--steps", paramLabel = "STEP[,STEP]", description = "Steps to run (default: all, in order).")
  String steps;

  @Override
  public Integer call() {
    LocalDate start = Dates.parse("--from", from);
    LocalDate end = Dates.parse("--to", to);
    if (start.isAfter(end)) {
      throw Errors.badDateRange(start, end);
    }
    List<Step> chosen = Step.parse(steps);
    PipelineRunner runner = new PipelineRunner(common.spark(), common.settings(), Clock.systemUTC());
    long days = java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1;
    long t0 = System.nanoTime();
    int i = 0;
    for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
      i++;
      System.out.printf("== date %s (%d of %d, elapsed %s)%n", d, i, days, ConsoleProgress.elapsed(t0));
      RunReport report = runner.run(d, chosen, new ConsoleProgress(System.out));
      ConsoleProgress.printSummary(System.out, report, runner.reportPath(report.runId()));
    }
    System.out.printf("backfill of %d dates done in %s%n", days, ConsoleProgress.elapsed(t0));
    return 0;
  }
}
