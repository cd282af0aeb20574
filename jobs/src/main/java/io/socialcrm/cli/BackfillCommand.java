package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the pipeline over a range of dates. By default the dates are taken in batches of {@code
 * backfill.batch.days}: each batch is one run that ingests all its dates in one pass and then runs the other
 * steps once, for the batch's last date (they are incremental over all new bronze data). {@code --per-date} runs
 * the whole pipeline once per date instead.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Run the pipeline for every date from --from to --to (inclusive), oldest first. By default one run "
        + "per batch of up to backfill.batch.days dates (31): ingest takes the batch's dates in one pass, the other "
        + "steps run once, for the batch's last date. Rerunnable.")
final class BackfillCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD")
  String from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD")
  String to;

  @Option(names = "--steps", paramLabel = "STEP[,STEP]", description = "Steps to run (default: all, in order).")
  String steps;

  @Option(names = "--per-date", description = "One full run per date (slower; identity links, care queue and alerts "
      + "are then made for every date).")
  boolean perDate;

  @Option(names = "--force", description = "Do every step's work even where its inputs are as it last left them "
      + "(by default a date whose landing files are as loaded is not ingested again, and a step whose tables did not "
      + "move since it last ran is skipped and reported unchanged).")
  boolean force;

  @Override
  public Integer call() {
    Dates.Range range = Dates.range(from, to);
    LocalDate start = range.start();
    LocalDate end = range.end();
    List<Step> chosen = Step.parse(steps);
    Settings settings = common.settings();
    List<List<LocalDate>> runs = batches(start, end, perDate ? 1 : batchDays(settings));
    PipelineRunner runner = new PipelineRunner(common.spark(), settings, Clock.systemUTC());
    long days = ChronoUnit.DAYS.between(start, end) + 1;
    long t0 = System.nanoTime();
    int i = 0;
    for (List<LocalDate> batch : runs) {
      i++;
      String dates = batch.size() == 1 ? "date " + batch.get(0) : "dates " + batch.get(0) + " to " + batch.get(batch.size() - 1);
      System.out.printf("== %s (%d of %d, elapsed %s)%n", dates, i, runs.size(), ConsoleProgress.elapsed(t0));
      RunReport report = runner.run(batch, chosen, force, new ConsoleProgress(System.out));
      ConsoleProgress.printSummary(System.out, report, runner);
    }
    System.out.printf("backfill of %d dates in %d runs done in %s%n", days, runs.size(), ConsoleProgress.elapsed(t0));
    return 0;
  }

  /** The dates from start to end (inclusive), oldest first, in consecutive runs of at most {@code size} dates. */
  static List<List<LocalDate>> batches(LocalDate start, LocalDate end, int size) {
    List<List<LocalDate>> out = new ArrayList<>();
    List<LocalDate> batch = new ArrayList<>();
    for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
      if (batch.size() == size) {
        out.add(batch);
        batch = new ArrayList<>();
      }
      batch.add(d);
    }
    out.add(batch);
    return out;
  }

  static int batchDays(Settings s) {
    return (int) s.getLong(Setting.BACKFILL_BATCH_DAYS, 1, 366, "days");
  }
}
