package io.socialcrm.cli;

import static io.socialcrm.testing.CliRunner.assertOneLineError;
import static io.socialcrm.testing.CliRunner.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Assertions;

import io.socialcrm.identity.LinkFixture;
import io.socialcrm.testing.CliRunner.Result;
import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code socialcrm link} as a user meets it: what it prints, and one-line errors with their exit codes. */
class LinkCommandTest extends SparkTestBase {

  @Test
  void linksTwoTablesAndPrintsPhasesEvalAndSkippedBlocks() throws Exception {
    Path dir = newTempDir("link-cli");
    LinkFixture.Files4 f = LinkFixture.write(session(), dir.resolve("in"));
    Path out = dir.resolve("out");
    Result r = cli("link", "--left", f.left().toString(), "--right", f.right().toString(), "--right-format", "parquet",
        "--config", f.config().toString(), "--out", out.toString(), "--truth", f.truth().toString());
    assertEquals(0, r.code(), r.err());
    Assertions.assertTrue(r.out().contains("link people: left 40 rows, right 50 rows"), r.out());
    Assertions.assertTrue(r.out().matches("(?s).*phases: read [0-9.]+ s, block\\+compare [0-9.]+ s, estimate [0-9.]+ s, score "
        + "[0-9.]+ s, one-to-one [0-9.]+ s; linkage [0-9.]+ s.*"), r.out());
    Assertions.assertTrue(r.out().contains("links: 39 (one-to-one at match_probability >= 0.9)"), r.out());
    Assertions.assertTrue(r.out().contains("precision=1.0000 recall=0.9750 f1=0.9873"), r.out());
    Assertions.assertTrue(r.err().contains("warning: 5 blocks over max_block_pairs (20) were skipped: 400 candidate pairs"),
        r.err());
    Assertions.assertTrue(Files.exists(out.resolve("links.csv")) && Files.exists(out.resolve("model.json")));
  }

  @Test
  void errorsAreOneLine() throws Exception {
    Path dir = newTempDir("link-cli-errors");
    LinkFixture.Files4 f = LinkFixture.write(session(), dir.resolve("in"));
    String out = dir.resolve("out").toString();
    assertOneLineError(cli("link", "--left", dir.resolve("none.csv").toString(), "--right", f.right().toString(),
        "--config", f.config().toString(), "--out", out), 2, "no file or folder at");
    assertOneLineError(cli("link", "--left", f.left().toString(), "--right", f.right().toString(),
        "--config", f.config().toString(), "--out", out, "--left-format", "xml"), 2, "--left-format");
    Path noDob = Files.writeString(dir.resolve("no_dob.csv"), "person_id,first_name,last_name,city\np1,a,b,c\n");
    assertOneLineError(cli("link", "--left", noDob.toString(), "--right", f.right().toString(),
        "--config", f.config().toString(), "--out", out), 1, "has no column dob");
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"left_id\": \"person_id\"}");
    assertOneLineError(cli("link", "--left", f.left().toString(), "--right", f.right().toString(),
        "--config", bad.toString(), "--out", out), 1, "match config " + bad + " is invalid");
    assertOneLineError(cli("link", "--left", f.left().toString()), 2, "--right");
  }
}
