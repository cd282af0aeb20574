package io.socialcrm.cli;

import io.socialcrm.common.Setting;
import io.socialcrm.lake.Lake;
import io.socialcrm.privacy.ErasureJob;
import io.socialcrm.privacy.ErasureRegister;
import io.socialcrm.privacy.ErasureResult;
import io.socialcrm.privacy.ErasureSubject;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code socialcrm erase}: erases a person (GDPR right to be forgotten) from every table of the lake. */
@Command(name = "erase", mixinStandardHelpOptions = true,
    description = "Erase a person from every Delta table of the lake (bronze, silver, gold, quarantine) and record "
        + "the erasure (hashed) in <lake>/_privacy/erasures, so a replay of old landing files does not bring them "
        + "back. A customer takes every profile ever linked to them along. Old table versions stay until VACUUM "
        + "(see the README, 'Erasing a person').")
final class EraseCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Who who;

  /** Exactly one of --customer and --profile. */
  static final class Who {
    @Option(names = "--customer", paramLabel = "ID", description = "A CRM customer_id, e.g. C0000001.")
    String customer;

    @Option(names = "--profile", paramLabel = "PLATFORM:ID",
        description = "A social profile: x:<user id>, facebook:<user id> or linkedin:<member URN>.")
    String profile;
  }

  @Option(names = "--requested-by", paramLabel = "WHO",
      description = "Who asked for the erasure, recorded in the register (default: the OS user, ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.name}")
  String requestedBy;

  @Override
  public Integer call() {
    ErasureSubject subject = who.customer != null ? ErasureSubject.customer(who.customer)
        : ErasureSubject.parseProfile(who.profile);
    SparkSession spark = common.spark();
    Lake lake = new Lake(spark, common.settings().get(Setting.LAKE));
    lake.requireExisting();
    ErasureResult result = new ErasureJob(spark, lake, Clock.systemUTC()).erase(subject, requestedBy);
    print(System.out, subject, result, lake);
    return 0;
  }

  static void print(PrintStream out, ErasureSubject subject, ErasureResult r, Lake lake) {
    if (r.alreadyErased()) {
      out.printf("%s was already erased at %s (erasure %s): nothing to do.%n", subject.describe(), r.erasedAt(),
          r.erasureId());
      return;
    }
    out.printf("erased %s%s at %s (erasure %s)%n", subject.describe(),
        r.linkedProfiles() == 0 ? "" : " and " + r.linkedProfiles() + " linked profile(s)", r.erasedAt(), r.erasureId());
    if (r.rowsRemoved().isEmpty()) {
      out.println("no table held them; the erasure is registered, so ingestion will drop them if they come in.");
    } else {
      TablePrinter t = new TablePrinter(List.of("table", "rows removed", "rows rewritten"));
      for (Map.Entry<String, Long> e : r.rowsRemoved().entrySet()) {
        t.row(List.of(e.getKey(), e.getValue(), r.rowsRewritten().getOrDefault(e.getKey(), 0L)));
      }
      t.row(List.of("TOTAL", r.totalRemoved(), r.rowsRewritten().values().stream().mapToLong(Long::longValue).sum()));
      t.print(out);
    }
    out.println("registered in " + Lake.join(lake.root(), ErasureRegister.FOLDER, ErasureRegister.TABLE)
        + " (hashed id only).");
    if (!r.tablePaths().isEmpty()) {
      out.println("Delta keeps the old versions of these tables (time travel) until VACUUM: a nightly VACUUM with the");
      out.println("normal 168 hours retention purges them within 7 days (README, 'Erasing a person'); to purge them now, run with");
      out.println("SOCIALCRM_JAVA_OPTS=-Dspark.databricks.delta.retentionDurationCheck.enabled=false (only while no");
      out.println("job uses these tables):");
      for (String path : r.tablePaths().values()) {
        out.printf("  ./socialcrm sql \"VACUUM delta.\\`%s\\` RETAIN 0 HOURS\" --lake %s%n", path, lake.root());
      }
    }
    out.println("Delete the person's landing files yourself: the lake never deletes landing files "
        + "(a replay of them is dropped at ingestion).");
  }
}
