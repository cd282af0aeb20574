package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.orchestration.airflow.AirflowClient;
import io.socialcrm.orchestration.airflow.Backfill;
import io.socialcrm.orchestration.airflow.Dag;
import io.socialcrm.orchestration.airflow.DagRun;
import io.socialcrm.orchestration.airflow.TaskInstance;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code socialcrm airflow ...}: drives the nightly DAG on an Airflow 3 API server through
 * {@link AirflowClient}. The commands only parse and print; no Spark session is started.
 */
@Command(name = "airflow", mixinStandardHelpOptions = true,
    description = "Drive the socialcrm DAG on Airflow 3 (REST API v2): trigger, status, logs, backfill, clear, unpause.",
    subcommands = {AirflowCommand.Trigger.class, AirflowCommand.Status.class, AirflowCommand.Logs.class,
        AirflowCommand.BackfillRange.class, AirflowCommand.Clear.class, AirflowCommand.Unpause.class})
final class AirflowCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** {@code --wait} and how: shared by the commands that start or restart runs. */
  static final class WaitOptions {
    @Option(names = "--wait", description = "Wait until the run(s) succeed or fail (exit code 1 if one failed).")
    boolean await;

    @Option(names = "--poll-seconds", defaultValue = "15", paramLabel = "N",
        description = "With --wait: seconds between two looks (default ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Option(names = "--timeout-minutes", defaultValue = "180", paramLabel = "M",
        description = "With --wait: give up after this many minutes (default ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    void check() {
      if (pollSeconds < 1) {
        throw Errors.badArgument("--poll-seconds", Integer.toString(pollSeconds), "a whole number of seconds >= 1");
      }
      if (timeoutMinutes < 1) {
        throw Errors.badArgument("--timeout-minutes", Integer.toString(timeoutMinutes), "a whole number >= 1");
      }
    }

    Duration poll() {
      return Duration.ofSeconds(pollSeconds);
    }

    Duration timeout() {
      return Duration.ofMinutes(timeoutMinutes);
    }

    /** Waits for run {@code runId}, printing each state change, then its final state and tasks; 1 if it failed. */
    int waitForRun(AirflowClient client, String runId, String state, PrintStream out) {
      String[] last = {state};
      DagRun done = client.waitFor(runId, poll(), timeout(), r -> {
        if (r.state() != null && !r.state().equals(last[0])) {
          out.printf("  %s%n", r.state());
          last[0] = r.state();
        }
      });
      out.printf("run %s %s%n", done.dagRunId(), done.state());
      printTasks(out, client.taskInstances(done.dagRunId()));
      return done.failed() ? 1 : 0;
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = "Trigger a run of the DAG that processes one date D (logical date D 00:00 UTC, data interval "
          + "[D, D+1): the scheduled run of D, which the scheduler then does not make again) and print its run id; "
          + "with --wait, wait for it and print its final state and each task's state (exit code 1 if it failed). "
          + "A date before the DAG's start date is refused: backfill it.")
  static final class Trigger implements Callable<Integer> {
    @Mixin
    AirflowOptions airflow;

    @Mixin
    WaitOptions wait;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The run's date.")
    String date;

    @Override
    public Integer call() {
      LocalDate day = Dates.parse("--date", date);
      wait.check();
      AirflowClient client = airflow.client();
      Dag dag = client.details();
      DagRun run = client.trigger(day, dag);
      PrintStream out = System.out;
      out.printf("triggered run %s of DAG %s for %s (%s)%n", run.dagRunId(), client.dagId(), day, run.state());
      if (Boolean.TRUE.equals(dag.paused())) {
        System.err.printf("note: DAG %s is paused: the run stays queued until 'socialcrm airflow unpause'%n",
            client.dagId());
      }
      return wait.await ? wait.waitForRun(client, run.dagRunId(), run.state(), out) : 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Print a run of the DAG (default: the one with the latest logical date) and its task instances.")
  static final class Status implements Callable<Integer> {
    @Mixin
    AirflowOptions airflow;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "The run (default: the latest).")
    String runId;

    @Override
    public Integer call() {
      AirflowClient client = airflow.client();
      DagRun run = client.runOrLatest(runId);
      printRun(System.out, run);
      printTasks(System.out, client.taskInstances(run.dagRunId()));
      return 0;
    }
  }

  @Command(name = "logs", mixinStandardHelpOptions = true,
      description = "Print the log of one task of a run (default: the latest run, the task's latest try).")
  static final class Logs implements Callable<Integer> {
    @Mixin
    AirflowOptions airflow;

    @Option(names = "--task", required = true, paramLabel = "TASK_ID", description = "The task.")
    String task;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "The run (default: the latest).")
    String runId;

    @Option(names = "--try", paramLabel = "N", description = "The try (default: the latest).")
    Integer tryNumber;

    @Override
    public Integer call() {
      if (tryNumber != null && tryNumber < 1) {
        throw Errors.badArgument("--try", tryNumber.toString(), "a try number >= 1");
      }
      AirflowClient client = airflow.client();
      String run = client.runIdOrLatest(runId);
      String log = tryNumber == null ? client.log(run, task) : client.log(run, task, tryNumber);
      System.out.print(log.endsWith("\n") || log.isEmpty() ? log : log + "\n");
      return 0;
    }
  }

  @Command(name = "backfill", mixinStandardHelpOptions = true,
      description = "Ask Airflow to backfill the DAG for the dates --from to --to (inclusive), one run at a time, "
          + "oldest first; dates whose run failed run again. With --wait, wait until the backfill is complete and "
          + "print each of its runs (exit code 1 if one failed).")
  static final class BackfillRange implements Callable<Integer> {
    @Mixin
    AirflowOptions airflow;

    @Mixin
    WaitOptions wait;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD")
    String to;

    @Override
    public Integer call() {
      Dates.Range range = Dates.range(from, to);
      wait.check();
      AirflowClient client = airflow.client();
      Backfill b = client.backfill(range.start(), range.end());
      PrintStream out = System.out;
      out.printf("backfill %s of DAG %s created: %s to %s, reprocess %s, %s run(s) at a time%n", b.id(),
          b.dagId(), time(b.fromDate()), time(b.toDate()), b.reprocessBehavior(), b.maxActiveRuns());
      if (!wait.await) {
        return 0;
      }
      Backfill done = client.waitForBackfill(b.id(), wait.poll(), wait.timeout());
      List<DagRun> runs = client.backfillRuns(range.start(), range.end());
      runs.forEach(r -> out.printf("  %s  %-8s %s%n", time(r.logicalDate()), r.state(), r.dagRunId()));
      long failed = runs.stream().filter(DagRun::failed).count();
      out.printf("backfill %s complete at %s: %d run(s), %d failed%n", done.id(), time(done.completedAt()),
          runs.size(), failed);
      return failed > 0 ? 1 : 0;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = "Clear the failed tasks of a run (default: the latest) so that Airflow runs them again; with "
          + "--wait, wait for the run to end again.")
  static final class Clear implements Callable<Integer> {
    @Mixin
    AirflowOptions airflow;

    @Mixin
    WaitOptions wait;

    @Option(names = "--failed", required = true, description = "Clear the failed tasks (the only kind cleared).")
    boolean failed;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "The run (default: the latest).")
    String runId;

    @Override
    public Integer call() {
      wait.check();
      AirflowClient client = airflow.client();
      String run = client.runIdOrLatest(runId);
      List<TaskInstance> cleared = client.clearFailed(run);
      if (cleared.isEmpty()) {
        System.out.printf("run %s has no failed tasks: nothing cleared%n", run);
        return 0;
      }
      List<String> ids = new ArrayList<>();
      cleared.forEach(t -> ids.add(t.taskId()));
      System.out.printf("cleared %d task(s) of run %s: %s%n", cleared.size(), run, String.join(", ", ids));
      return wait.await ? wait.waitForRun(client, run, "queued", System.out) : 0;
    }
  }

  @Command(name = "unpause", mixinStandardHelpOptions = true,
      description = "Unpause the DAG (the runs of a paused DAG stay queued).")
  static final class Unpause implements Callable<Integer> {
    @Mixin
    AirflowOptions airflow;

    @Override
    public Integer call() {
      Dag dag = airflow.client().unpause();
      System.out.printf("DAG %s is %s%n", dag.dagId(), Boolean.TRUE.equals(dag.paused()) ? "still paused" : "unpaused");
      return 0;
    }
  }

  static void printRun(PrintStream out, DagRun r) {
    out.printf("run %s of DAG %s: %s%n", r.dagRunId(), r.dagId(), r.state());
    out.printf("  logical date %s, type %s, started %s, ended %s%n", time(r.logicalDate()), r.runType(),
        time(r.startDate()), time(r.endDate()));
  }

  static void printTasks(PrintStream out, List<TaskInstance> tasks) {
    if (tasks.isEmpty()) {
      out.println("no task instances yet");
      return;
    }
    TablePrinter table = new TablePrinter(List.of("task", "state", "try", "started", "ended", "seconds"));
    for (TaskInstance t : tasks) {
      table.row(List.of(t.mapIndex() == null || t.mapIndex() < 0 ? t.taskId() : t.taskId() + "[" + t.mapIndex() + "]",
          t.state() == null ? "-" : t.state(), t.tryNumber() == null ? "-" : t.tryNumber().toString(),
          time(t.startDate()), time(t.endDate()),
          t.seconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", t.seconds())));
    }
    table.print(out);
  }

  private static String time(OffsetDateTime t) {
    return t == null ? "-" : t.toString();
  }
}
