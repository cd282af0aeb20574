package io.socialcrm.ingest;

import static io.socialcrm.ingest.LandingFixture.D1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunListener;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import io.socialcrm.testing.SparkTestBase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A real kill: the CLI runs in its own JVM and gets SIGKILL as soon as it has committed its first table, in the
 * middle of the run. The rerun must leave exactly the tables of a clean run.
 */
class KilledRunTest extends SparkTestBase {

  @Test
  void aRunKilledWithSigkillThenRerunEqualsACleanRun() throws Exception {
    Path landing = newTempDir("landing");
    LandingFixture.standard(landing);
    Path lake = newTempDir("lake");

    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String opens : System.getProperty("socialcrm.test.opens", "").split(" ")) {
      if (!opens.isBlank()) {
        cmd.add(opens);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.socialcrm.cli.SocialCrmCli",
        "run", "--date", D1.toString(), "--landing", landing.toString(), "--lake", lake.toString()));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(newTempDir("child").resolve("out.txt").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    boolean committed = false;
    while (System.nanoTime() < deadline && child.isAlive() && !committed) {
      committed = firstCommitExists(lake);
      Thread.sleep(20);
    }
    Assertions.assertTrue(child.isAlive(), "the run was still going when it was killed");
    Assertions.assertTrue(committed, "the run had committed a table before it was killed");
    child.destroyForcibly().waitFor();

    Path runs = lake.resolve("_runs");
    try (Stream<Path> reports = Files.list(runs)) {
      Path report = reports.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      assertEquals(RunReport.RUNNING, PipelineRunner.readReport(Files.readString(report)).status(),
          "a killed run's report says it never finished");
    }

    Settings settings = Settings.defaults().with(Setting.LANDING, landing.toString());
    new PipelineRunner(session(), settings.with(Setting.LAKE, lake.toString()), Clock.systemUTC())
        .run(D1, List.of(Step.INGEST), RunListener.NONE);
    Path clean = newTempDir("clean");
    new PipelineRunner(session(), settings.with(Setting.LAKE, clean.toString()), Clock.systemUTC())
        .run(D1, List.of(Step.INGEST), RunListener.NONE);
    for (String table : List.of("x_posts", "facebook_comments", "orders", "customers")) {
      assertDataFrameNoOrderEquals(TableContent.of(session(), clean, "bronze", table), TableContent.of(session(), lake, "bronze", table));
    }
    for (String source : List.of("x", "facebook", "linkedin", "crm")) {
      assertDataFrameNoOrderEquals(TableContent.of(session(), clean, "quarantine", source),
          TableContent.of(session(), lake, "quarantine", source));
    }
  }

  private static boolean firstCommitExists(Path lake) {
    for (String layer : List.of("bronze", "quarantine")) {
      File dir = lake.resolve(layer).toFile();
      File[] tables = dir.listFiles();
      if (tables != null) {
        for (File t : tables) {
          if (new File(t, "_delta_log/00000000000000000000.json").exists()) {
            return true;
          }
        }
      }
    }
    return false;
  }

}
