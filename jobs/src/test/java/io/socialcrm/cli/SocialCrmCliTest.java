package io.socialcrm.cli;

import static io.socialcrm.testing.CliRunner.assertOneLineError;
import static io.socialcrm.testing.CliRunner.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.ingest.LandingFixtureAccess;
import io.socialcrm.testing.SparkTestBase;
import io.socialcrm.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The CLI as a user meets it: exit codes, one-line errors, help, and the sql command over a real lake. */
class SocialCrmCliTest extends SparkTestBase {

  @Test
  void badArgumentsAreOneLineAndExitTwo() {
    assertOneLineError(cli("run"), 2, "--date");
    assertOneLineError(cli("run", "--date", "2026-13-01"), 2, "invalid --date '2026-13-01'");
    assertOneLineError(cli("run", "--date", "2026-11-01", "--steps", "ingest,bogus"), 2, "unknown step 'bogus'");
    assertOneLineError(cli("backfill", "--from", "2026-11-02", "--to", "2026-11-01"), 2, "invalid date range");
    assertOneLineError(cli("frobnicate"), 2, "frobnicate");
  }

  @Test
  void aDateWithoutLandingDataAndAnUnreadableLakeAreOneLine() throws IOException {
    Path landing = newTempDir("landing");
    LandingFixtureAccess.standard(landing);
    Path lake = newTempDir("lake");
    assertOneLineError(cli("run", "--date", "2030-01-01", "--landing", landing.toString(), "--lake", lake.toString()),
        1, "no landing data for 2030-01-01");
    Path file = Files.writeString(newTempDir("x").resolve("not-a-dir"), "x");
    assertOneLineError(cli("run", "--date", "2026-11-01", "--landing", landing.toString(), "--lake", file.toString()),
        1, "cannot use the lake at " + file);
    assertOneLineError(cli("sql", "SELECT 1", "--lake", lake.resolve("missing").toString()), 1, "cannot use the lake");
    Result verbose = cli("run", "--date", "2030-01-01", "--landing", landing.toString(), "--lake", lake.toString(), "--verbose");
    assertEquals(1, verbose.code());
    Assertions.assertTrue(verbose.err().contains("\tat io.socialcrm."), "--verbose shows the stack trace");
  }

  @Test
  void helpOnEveryCommand() {
    for (String cmd : List.of("run", "backfill", "sql", "generate", "benchmark", "erase", "identity",
        "identity explain", "identity eval", "link")) {
      List<String> args = new ArrayList<>(List.of(cmd.split(" ")));
      args.add("--help");
      Result r = cli(args.toArray(new String[0]));
      assertEquals(0, r.code(), cmd);
      Assertions.assertTrue(r.out().contains("Usage: socialcrm " + cmd), r.out());
    }
    Result top = cli("--help");
    Assertions.assertTrue(top.out().contains("run") && top.out().contains("backfill") && top.out().contains("sql"));
  }

  @Test
  void runPrintsTheSummaryAndSqlQueriesTheLake() throws IOException {
    Path landing = newTempDir("landing");
    LandingFixtureAccess.standard(landing);
    Path lake = newTempDir("lake");
    Result run = cli("run", "--date", "2026-11-01", "--landing", landing.toString(), "--lake", lake.toString());
    assertEquals(0, run.code(), run.err());
    Assertions.assertTrue(run.out().contains("[step 1 of 4] ingest"), run.out());
    Assertions.assertTrue(run.out().contains("[step 3 of 4] identity done"), run.out());
    Assertions.assertTrue(run.out().contains("[step 4 of 4] marts done"), run.out());
    Assertions.assertTrue(run.out().matches("(?s).*\\| x\\s+\\| x_posts\\s+\\| loaded\\s+\\|\\s+1 \\|\\s+6 \\|\\s+4 \\|\\s+2 \\|.*"), run.out());
    Assertions.assertTrue(run.out().matches("(?s).*step marts\\s+ran\\s+[0-9.]+s\\s+[1-9][0-9]* Spark jobs, [0-9]+ SQL executions, [1-9][0-9]* Delta commits.*"),
        "the summary gives each step's work: " + run.out());
    Result sql = cli("sql", "SELECT count(*) AS n FROM bronze.x_posts WHERE _ingest_date = '2026-11-01'", "--lake", lake.toString());
    assertEquals(0, sql.code(), sql.err());
    Assertions.assertTrue(sql.out().matches("(?s).*\\|\\s+4 \\|.*"), sql.out());
    // The fixture's 4 X posts and 2 Facebook comments: every text is scored once into gold.post_signals.
    Result gold = cli("sql", "SELECT count(*) AS n FROM gold.post_signals", "--lake", lake.toString());
    assertEquals(0, gold.code(), gold.err());
    Assertions.assertTrue(gold.out().matches("(?s).*\\|\\s+6 \\|.*"), gold.out());
    Result again = cli("sql", "SELECT count(*) AS n FROM bronze.x_posts", "--lake", lake.toString());
    Assertions.assertTrue(again.out().matches("(?s).*\\|\\s+4 \\|.*"), "re-registering keeps the data: " + again.out());
    Result silver = cli("sql", "SELECT count(*) FROM silver.interactions WHERE platform = 'x'", "--lake", lake.toString());
    Assertions.assertTrue(silver.out().matches("(?s).*\\|\\s+4 \\|.*"), "the 4 loaded posts reach silver: " + silver.out());
    Result q = cli("sql", "SELECT count(*) FROM quarantine.x WHERE _input = 'x_posts'", "--lake", lake.toString());
    Assertions.assertTrue(q.out().matches("(?s).*\\|\\s+2 \\|.*"), q.out());
    assertOneLineError(cli("sql", "SELECT * FROM gold.nothing", "--lake", lake.toString()), 1, "query failed");
  }
}
