package io.socialcrm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.socialcrm.identity.IdentityResult;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console names a step's warnings at the end of the run, and keeps them out of the step's figures line. */
class ConsoleProgressTest {

  @Test
  void warningsAreListedOnceAtTheEnd() {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("skipped_blocks", 1L);
    identity.put(IdentityResult.WARNINGS, List.of("1 block over max_block_pairs 3 skipped, holding 4 candidate pairs"));
    Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
    metrics.put("conform", Map.of("rows", 3L));
    metrics.put("identity", identity);
    RunReport report = new RunReport("r", "2026-11-02", List.of("2026-11-02"), List.of("conform", "identity"),
        RunReport.SUCCEEDED, "a", "b", "/lake", "/landing", Map.of(), List.of(), null, null, metrics, Map.of());
    assertEquals(List.of("WARN identity: 1 block over max_block_pairs 3 skipped, holding 4 candidate pairs"),
        ConsoleProgress.warnings(report));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).stepMetrics(Step.IDENTITY, identity);
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertEquals("  identity: {skipped_blocks=1}" + System.lineSeparator(), line);
    assertFalse(line.contains("WARN"));
  }
}
