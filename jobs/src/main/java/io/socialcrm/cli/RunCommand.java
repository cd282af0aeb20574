package io.socialcrm.cli;

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

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the pipeline for one date: ingest, conform, identity, marts (all, in order, unless --steps). "
        + "Writes <lake>/_runs/<run-id>.json and prints its summary.")
final class RunCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The landing date to process.")
  String date;

  @Option(names = "--steps", paramLabel = "STEP[,STEP]", description = "Steps to run (default: all, in order).")
  String steps;

  @Option(names = "--force", description = "Do every step's work even where its inputs are as it last left them "
      + "(by default a date whose landing files are as loaded is not ingested again, and a step whose tables did not "
      + "move since it last ran is skipped and reported unchanged).")
  boolean force;

  @Override
  public Integer call() {
    LocalDate d = Dates.parse("--date", date);
    List<Step> chosen = Step.parse(steps);
    PipelineRunner runner = new PipelineRunner(common.spark(), common.settings(), Clock.systemUTC());
    RunReport report = runner.run(List.of(d), chosen, force, new ConsoleProgress(System.out));
    ConsoleProgress.printSummary(System.out, report, runner);
    return 0;
  }
}
