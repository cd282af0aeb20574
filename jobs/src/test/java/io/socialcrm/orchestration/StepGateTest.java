package io.socialcrm.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

import io.socialcrm.common.CodeVersion;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.TableVersions;
import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step is skipped only when every table it watches is at the version it left, or moved by maintenance alone, and
 * its key (date, settings, build) is the same; the versions come from the transaction log's file names.
 */
class StepGateTest extends SparkTestBase {

  @Test
  void aStepIsUnchangedUntilATableItWatchesCommitsRowsOrItsKeyChanges() {
    Lake lake = new Lake(session(), newTempDir("gate-lake").toString());
    String a = lake.root() + "/silver/a";
    String b = lake.root() + "/gold/b";
    session().range(5).write().format("delta").save(a);
    session().range(3).write().format("delta").save(b);
    TableVersions versions = new TableVersions(lake);
    assertEquals(0L, versions.latest(a));
    assertEquals(TableVersions.NONE, versions.latest(lake.root() + "/gold/missing"));
    assertEquals(5L, versions.lastCommit(a).metric("numOutputRows"), "what a write did, from its log entry");

    List<String> watched = List.of("gold/b", "silver/a");
    StepGate gate = new StepGate(lake, "marts");
    assertFalse(gate.unchanged("2026-11-02", watched), "never ran");
    gate.record("2026-11-02", watched, "run-1");
    Assertions.assertTrue(gate.unchanged("2026-11-02", watched));
    assertFalse(gate.unchanged("2026-11-03", watched), "another date is another key");
    assertFalse(gate.unchanged("2026-11-02", List.of("gold/b", "silver/a", "silver/c")), "a table it never saw");

    // Compaction and vacuum change no row: still unchanged.
    session().sql("OPTIMIZE delta.`" + a + "`");
    assertEquals(1L, versions.latest(a));
    Assertions.assertTrue(gate.unchanged("2026-11-02", watched), "OPTIMIZE moved the version but changed no row");

    // New rows: changed, until the step records again.
    session().range(2).write().format("delta").mode("append").save(b);
    assertFalse(gate.unchanged("2026-11-02", watched));
    gate.record("2026-11-02", watched, "run-2");
    Assertions.assertTrue(gate.unchanged("2026-11-02", watched));
    Map<String, Long> before = Map.of(a, 1L, b, 0L);
    assertEquals(List.of(b), TableVersions.moved(before, versions.latest(List.of(a, b))));
    assertEquals(1L, TableVersions.commitsBetween(before, versions.latest(List.of(a, b))));
  }

  @Test
  void theBuildIsFingerprintedFromItsOwnClasses() {
    String fingerprint = CodeVersion.fingerprint();
    Assertions.assertTrue(fingerprint.matches("[0-9a-f]{16}"), fingerprint);
    assertEquals(fingerprint, CodeVersion.fingerprint());
  }
}
