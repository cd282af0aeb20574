package io.socialcrm.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.socialcrm.common.CodeVersion;
import io.socialcrm.common.Errors;
import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.conform.ConformJob;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.identity.IdentityJob;
import io.socialcrm.marts.MartSettings;
import io.socialcrm.marts.MartsJob;
import io.socialcrm.ingest.BronzeIngestJob;
import io.socialcrm.ingest.CrmJdbcReader;
import io.socialcrm.ingest.InputResult;
import io.socialcrm.ingest.Landing;
import io.socialcrm.lake.Lake;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the steps of one date, or of a batch of dates, in order and writes the run report: {@code running} when it
 * starts, then {@code succeeded} or {@code failed} with the error. Wires jobs only; the logic lives in the step
 * packages.
 */
public final class PipelineRunner {
  private static final DateTimeFormatter RUN_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final Settings settings;
  private final Lake lake;
  private final Landing landing;
  private final Clock clock;

  public PipelineRunner(SparkSession spark, Settings settings, Clock clock) {
    this.spark = spark;
    this.settings = settings;
    this.lake = new Lake(spark, settings.get(Setting.LAKE));
    this.landing = new Landing(settings.get(Setting.LANDING), lake);
    this.clock = clock;
  }

  /** Runs the steps for one date (the nightly run). */
  public RunReport run(LocalDate date, List<Step> steps, RunListener listener) {
    return run(List.of(date), steps, listener);
  }

  /**
   * Runs the steps for a batch of dates as one run: ingest takes every date in one pass (each into its own
   * partitions, as separate runs would), then conform, identity and marts run once, for the last date. They are
   * incremental over everything bronze gained, so silver ends as it would after one run per date; what a run
   * makes for its own date only (identity links' start, the care queue and alerts) is made for the last date.
   */
  public RunReport run(List<LocalDate> dates, List<Step> steps, RunListener listener) {
    return run(dates, steps, false, listener);
  }

  /**
   * As {@link #run(List, List, RunListener)}. A step whose inputs are as it last left them is skipped and reported
   * {@link StepWork#UNCHANGED}: ingest per source and date by its load log, the others by {@link StepGate}. With
   * {@code force} every step does its work whatever its inputs say.
   */
  public RunReport run(List<LocalDate> dates, List<Step> steps, boolean force, RunListener listener) {
    List<LocalDate> days = dates.stream().distinct().sorted().toList();
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a run needs a date");
    }
    LocalDate date = days.get(days.size() - 1);
    lake.ensureWritable();
    Instant started = clock.instant();
    String label = days.size() == 1 ? date.toString() : days.get(0) + "_" + date;
    String runId = label + "_" + RUN_TS.format(started) + "_" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    List<String> dayIds = days.stream().map(LocalDate::toString).toList();
    List<String> stepIds = steps.stream().map(Step::id).toList();
    Map<String, Long> durations = new LinkedHashMap<>();
    List<RunReport.SourceCounts> sources = new ArrayList<>();
    Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
    Map<String, StepWork> work = new LinkedHashMap<>();
    write(new RunReport(runId, date.toString(), dayIds, stepIds, RunReport.RUNNING, started.toString(), null,
        lake.root(), landing.root(), durations, sources, null, null, metrics, work));
    try (WorkMeter meter = new WorkMeter(spark, lake)) {
      int n = 0;
      for (Step step : steps) {
        n++;
        listener.stepStarted(n, steps.size(), step);
        WorkMeter.Reading reading = meter.start();
        Outcome outcome = switch (step) {
          case INGEST -> {
            try (SmallInputSettings small = smallInput(step.id(), landingBytes(days))) {
              boolean any = false;
              for (InputResult r : ingestJob().run(Contracts.all(), days, runId, started, force,
                  res -> listener.inputDone(step, res))) {
                sources.add(RunReport.SourceCounts.of(r));
                any |= !InputResult.UNCHANGED.equals(r.status());
              }
              yield new Outcome(any, any ? small.small() : null);
            }
          }
          case CONFORM, IDENTITY, MARTS -> gated(step, date, runId, force, metrics);
          default -> throw new IllegalStateException("step without a job: " + step);
        };
        if (metrics.containsKey(step.id())) {
          listener.stepMetrics(step, metrics.get(step.id()));
        }
        StepWork done = reading.finish(outcome.ran() ? StepWork.RAN : StepWork.UNCHANGED, outcome.smallInput());
        work.put(step.id(), done);
        durations.put(step.id(), done.wallMs());
        listener.stepFinished(n, steps.size(), step, done);
      }
    } catch (RuntimeException e) {
      RunReport failed = new RunReport(runId, date.toString(), dayIds, stepIds, RunReport.FAILED, started.toString(),
          clock.instant().toString(), lake.root(), landing.root(), durations, sources, RunReport.Totals.of(sources),
          e instanceof SocialCrmException ? e.getMessage() : Errors.rootMessage(e), metrics, work);
      write(failed);
      try {
        writePage(failed, date);
      } catch (RuntimeException pageFailed) {
        e.addSuppressed(pageFailed);
      }
      throw e;
    }
    RunReport done = new RunReport(runId, date.toString(), dayIds, stepIds, RunReport.SUCCEEDED, started.toString(),
        clock.instant().toString(), lake.root(), landing.root(), durations, sources, RunReport.Totals.of(sources), null, metrics,
        work);
    writePage(done, date);
    write(done);
    return done;
  }

  /** Whether a step did its work, and whether it ran with the small-input settings (null when it did nothing). */
  private record Outcome(boolean ran, Boolean smallInput) {
    static final Outcome SKIPPED = new Outcome(false, null);
  }

  /**
   * Runs conform, identity or marts unless its {@link StepGate} finds every table it reads or writes as it left them
   * under the same key (and not {@code force}). Identity with a refit asked never skips.
   */
  private Outcome gated(Step step, LocalDate date, String runId, boolean force, Map<String, Map<String, Object>> metrics) {
    String key = switch (step) {
      case CONFORM -> step.id();
      case IDENTITY -> IdentityJob.refit(settings) ? null : date + " " + IdentityJob.configFingerprint();
      case MARTS -> date + " " + MartSettings.from(settings);
      default -> throw new IllegalStateException("no gate for step " + step);
    };
    // The code is an input too: a new build recomputes.
    key = key == null ? null : key + " " + CodeVersion.fingerprint();
    StepGate gate = new StepGate(lake, step.id());
    List<String> watched = StepTables.watched(lake, step);
    if (!force && key != null && gate.unchanged(key, watched)) {
      return Outcome.SKIPPED;
    }
    long inputBytes = SmallInputSettings.tableBytes(lake, watched.stream().map(t -> Lake.join(lake.root(), t)).toList());
    boolean smallInput;
    try (SmallInputSettings small = smallInput(step.id(), inputBytes)) {
      smallInput = small.small();
      switch (step) {
        case CONFORM -> metrics.put(step.id(), new ConformJob(spark, lake).run(date, runId).metrics());
        case IDENTITY -> metrics.put(step.id(), new IdentityJob(spark, lake, settings).run(date, runId).metrics());
        case MARTS -> metrics.put(step.id(), new MartsJob(spark, lake, MartSettings.from(settings)).run(date, runId).metrics());
        default -> throw new IllegalStateException("step without a job: " + step);
      }
    }
    gate.record(key == null ? "" : key, StepTables.watched(lake, step), runId);
    return new Outcome(true, smallInput);
  }

  /** Spark's own settings or the small-input ones for work over {@code inputBytes}, by {@code run.small.input.mb}. */
  private SmallInputSettings smallInput(String name, long inputBytes) {
    return SmallInputSettings.forInput(spark, name, inputBytes,
        settings.getLong(Setting.SMALL_INPUT_MB, 0, 1L << 30, "MB") << 20);
  }

  /** The bytes of the landing files ingest reads for these dates; unknown when the CRM is read over JDBC. */
  private long landingBytes(List<LocalDate> days) {
    if ("jdbc".equalsIgnoreCase(settings.get(Setting.CRM_SOURCE))) {
      return SmallInputSettings.UNKNOWN;
    }
    long sum = 0;
    for (var contract : Contracts.all()) {
      for (LocalDate day : days) {
        for (String file : landing.files(contract, day)) {
          sum += lake.size(file);
        }
      }
    }
    return sum;
  }

  /** Writes the HTML report beside the JSON, with the figures the lake holds as of the run's date. */
  private void writePage(RunReport report, LocalDate date) {
    ReportFigures figures;
    long inputBytes = SmallInputSettings.tableBytes(lake, ReportFigures.sources().stream().map(lake::path).toList());
    try (SmallInputSettings small = smallInput("report", inputBytes)) {
      figures = ReportFigures.readCached(spark, lake, date);
    }
    lake.writeText(pagePath(report.runId()), RunReportPage.render(report, figures));
  }

  public String pagePath(String runId) {
    return Lake.join(lake.runsDir(), runId + ".html");
  }

  private BronzeIngestJob ingestJob() {
    CrmJdbcReader crm = null;
    String source = settings.get(Setting.CRM_SOURCE);
    if ("jdbc".equalsIgnoreCase(source)) {
      if (settings.get(Setting.CRM_JDBC_URL).isBlank()) {
        throw settings.invalid(Setting.CRM_JDBC_URL, "a JDBC URL when crm.source=jdbc");
      }
      crm = new CrmJdbcReader(spark, settings.get(Setting.CRM_JDBC_URL), settings.get(Setting.CRM_JDBC_USER),
          settings.get(Setting.CRM_JDBC_PASSWORD), settings.get(Setting.CRM_JDBC_SCHEMA));
    } else if (!"files".equalsIgnoreCase(source)) {
      throw settings.invalid(Setting.CRM_SOURCE, "files or jdbc");
    }
    return new BronzeIngestJob(spark, lake, landing, crm);
  }

  private void write(RunReport report) {
    try {
      lake.writeText(reportPath(report.runId()), JSON.writeValueAsString(report));
    } catch (JsonProcessingException e) {
      throw Errors.io("cannot write the run report", e);
    }
  }

  public String reportPath(String runId) {
    return Lake.join(lake.runsDir(), runId + ".json");
  }

  public static RunReport readReport(String json) {
    try {
      return JSON.readValue(json, RunReport.class);
    } catch (IOException e) {
      throw Errors.io("cannot parse run report", e);
    }
  }
}
