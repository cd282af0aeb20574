package io.socialcrm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.orchestration.PipelineRunner;
import io.socialcrm.orchestration.RunListener;
import io.socialcrm.orchestration.RunReport;
import io.socialcrm.orchestration.Step;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Generated data through bronze ingestion: exactly the records the generator broke on purpose are quarantined
 * (same input, file and line), nothing else, and the unknown fields it added are kept in bronze.
 */
class GeneratedDataIngestTest extends SparkTestBase {
  private static final Sizes TINY = Sizes.of(300, 900, 6_000, 4);
  private static final Set<String> RECORD_DEFECTS = Set.of("malformed_json", "wrong_type", "missing_required", "duplicate");

  @Test
  void exactlyTheInjectedDefectsAreQuarantined() throws IOException {
    Path out = newTempDir("generated");
    LocalDate start = LocalDate.of(2026, 11, 1);
    GeneratorSummary summary = new SampleDataGenerator(session())
        .generate(new GeneratorOptions(Scale.SMALL, 4, start, 7L, out), TINY);
    GeneratedFiles.moveLateIntoLanding(out);
    Path lake = newTempDir("lake");
    Settings settings = Settings.defaults().with(Setting.LANDING, out.resolve("landing").toString())
        .with(Setting.LAKE, lake.toString());
    PipelineRunner runner = new PipelineRunner(session(), settings, Clock.systemUTC());
    long read = 0;
    for (LocalDate d : summary.days()) {
      RunReport r = runner.run(d, List.of(Step.INGEST), RunListener.NONE);
      read += r.totals().read();
    }
    assertEquals(summary.totalLandingRecords(), read, "every generated record was read");

    GeneratedData data = new GeneratedData(out);
    Set<String> expected = new TreeSet<>();
    for (var d : data.truth("defects.csv")) {
      if (RECORD_DEFECTS.contains(d.get("defect"))) {
        long line = Long.parseLong(d.get("line_or_row"));
        boolean csv = d.get("file").endsWith(".csv");
        expected.add(d.get("input") + "/" + d.get("date") + "/" + d.get("file") + ":" + (csv ? line - 1 : line));
      }
    }
    Set<String> quarantined = new TreeSet<>();
    for (String source : List.of("x", "facebook", "linkedin", "crm")) {
      for (Row r : session().read().format("delta").load(lake.resolve("quarantine").resolve(source).toString())
          .select("_source_file", "_source_row").collectAsList()) {
        String file = r.getString(0);
        String tail = file.substring(file.indexOf("/landing/") + "/landing/".length());
        quarantined.add(tail + ":" + r.getLong(1));
      }
    }
    Assertions.assertFalse(expected.isEmpty());
    assertEquals(expected, quarantined);

    long withExtra = session().read().format("delta").load(lake.resolve("bronze/x_posts").toString())
        .filter("_extra['data.source_app'] IS NOT NULL").count();
    Assertions.assertTrue(withExtra > 0, "the unknown field source_app is kept in _extra");
  }
}
