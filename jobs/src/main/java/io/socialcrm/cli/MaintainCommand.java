package io.socialcrm.cli;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeMaintenance;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code socialcrm maintain}: OPTIMIZE and VACUUM every table of the lake (the nightly DAG's last task). */
@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = "Compact (OPTIMIZE) and then VACUUM every Delta table of the lake, one table at a time, and print "
        + "what each lost. VACUUM keeps the files of versions younger than the retention (setting "
        + "maintenance.vacuum.retain.hours, default 168, never less unless Delta's retention check is turned off).")
final class MaintainCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Option(names = "--retain-hours", paramLabel = "H",
      description = "VACUUM retention in hours (env SOCIALCRM_VACUUM_RETAIN_HOURS; default 168).")
  String retainHours;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    if (retainHours != null) {
      settings = settings.with(Setting.VACUUM_RETAIN_HOURS, retainHours);
    }
    long hours = retainHours(settings);
    SparkSession spark = common.spark();
    Lake lake = new Lake(spark, settings.get(Setting.LAKE));
    lake.requireExisting();
    long t0 = System.nanoTime();
    List<LakeMaintenance.TableResult> results = new LakeMaintenance(spark, lake).run(hours, r ->
        System.out.printf("  %-32s files %5d -> %5d  vacuumed %5d  (%.1fs)%n", r.table(), r.filesBefore(),
            r.filesAfter(), r.vacuumed(), r.durationMs() / 1000.0));
    long before = results.stream().mapToLong(LakeMaintenance.TableResult::filesBefore).sum();
    long after = results.stream().mapToLong(LakeMaintenance.TableResult::filesAfter).sum();
    long vacuumed = results.stream().mapToLong(LakeMaintenance.TableResult::vacuumed).sum();
    System.out.printf("maintained %d tables: files %d -> %d, %d old files vacuumed (retention %d h) in %s%n",
        results.size(), before, after, vacuumed, hours, ConsoleProgress.elapsed(t0));
    return 0;
  }

  static long retainHours(Settings s) {
    return s.getLong(Setting.VACUUM_RETAIN_HOURS, 0, Long.MAX_VALUE, "hours");
  }
}
