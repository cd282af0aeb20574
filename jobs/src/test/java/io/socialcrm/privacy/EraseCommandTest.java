package io.socialcrm.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.cli.SocialCrmCli;
import io.socialcrm.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code socialcrm erase} as an operator meets it: clear errors, what was removed, the VACUUM advice, repeats. */
class EraseCommandTest extends SparkTestBase {
  @TempDir
  Path tmp;

  record Result(int code, String out, String err) {}

  static synchronized Result cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = SocialCrmCli.execute(args);
      return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static void assertOneLineError(Result r, int code, String contains) {
    assertEquals(code, r.code(), r.err());
    List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("try '")).toList();
    assertEquals(1, lines.size(), "one line, no stack trace: " + r.err());
    Assertions.assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(contains), lines.get(0));
  }

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
