package io.socialcrm.privacy;

import static io.socialcrm.testing.CliRunner.assertOneLineError;
import static io.socialcrm.testing.CliRunner.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import io.socialcrm.testing.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code socialcrm erase} as an operator meets it: clear errors, what was removed, the VACUUM advice, repeats. */
class EraseCommandTest extends SparkTestBase {
  @TempDir
  Path tmp;

  @Test
  void badArgumentsAreOneClearLine() {
    String lake = tmp.resolve("lake").toString();
    assertOneLineError(cli("erase", "--profile", "12345", "--lake", lake), 2,
        "invalid --profile '12345': expected PLATFORM:ID with PLATFORM one of x, facebook, linkedin");
    assertOneLineError(cli("erase", "--profile", "myspace:12345", "--lake", lake), 2, "invalid --profile 'myspace:12345'");
    assertOneLineError(cli("erase", "--lake", lake), 2, "--customer");
    assertOneLineError(cli("erase", "--customer", "C1", "--profile", "x:1", "--lake", lake), 2, "mutually exclusive");
    assertOneLineError(cli("erase", "--customer", "C1", "--lake", lake), 1, "cannot use the lake");
  }

  @Test
  void eraseReportsWhatItRemovedAndHowToPurgeOldVersions() throws IOException {
    Path landing = tmp.resolve("landing");
    Path lake = tmp.resolve("lake");
    ErasureFixture.landing(landing);
    ErasureFixture.ingest(session(), landing, lake);
    Result r = cli("erase", "--profile", "facebook:" + ErasureFixture.FB_PROFILE, "--lake", lake.toString(),
        "--requested-by", "ticket-4711");
    assertEquals(0, r.code(), r.err());
    Assertions.assertTrue(r.out().contains("erased profile facebook:" + ErasureFixture.FB_PROFILE), r.out());
    Assertions.assertTrue(r.out().matches("(?s).*\\| bronze\\.facebook_comments\\s+\\|\\s+1 \\|\\s+0 \\|.*"), r.out());
    Assertions.assertTrue(r.out().contains("VACUUM delta.\\`" + lake.resolve("bronze/facebook_comments") + "\\` RETAIN 0 HOURS"), r.out());
    Assertions.assertTrue(r.out().contains("retentionDurationCheck.enabled=false"), r.out());
    Assertions.assertTrue(r.out().contains("landing files"), r.out());
    Result again = cli("erase", "--profile", "facebook:" + ErasureFixture.FB_PROFILE, "--lake", lake.toString());
    assertEquals(0, again.code(), again.err());
    Assertions.assertTrue(again.out().contains("was already erased") && again.out().contains("nothing to do"), again.out());
  }
}
