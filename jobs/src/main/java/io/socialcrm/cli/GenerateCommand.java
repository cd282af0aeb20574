package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.generate.GeneratorOptions;
import io.socialcrm.generate.GeneratorSummary;
import io.socialcrm.generate.SampleDataGenerator;
import io.socialcrm.generate.Scale;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate realistic sample data: <out>/landing/<input>/<yyyy-mm-dd>/ files of every source, "
        + "late files in <out>/late/, and the ground truth in <out>/truth/ (for evaluation only).")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "small", description = "small, medium or large (default ${DEFAULT-VALUE}).")
  Scale scale;

  @Option(names = "--days", description = "Number of days, 1 to 90 (default: 14 for small, 30 otherwise).")
  Integer days;

  @Option(names = "--start", defaultValue = "2026-11-01", paramLabel = "YYYY-MM-DD", description = "First day (default ${DEFAULT-VALUE}).")
  String start;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same files (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "data", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
  String out;

  @Option(names = {"-v", "--verbose"})
  boolean verbose;

  @Override
  public Integer call() {
    LocalDate first = Dates.parse("--start", start);
    int n = days == null ? scale.defaultDays() : days;
    if (n < 1 || n > 90) {
      throw Errors.badArgument("--days", String.valueOf(days), "a number of days from 1 to 90");
    }
    CommonOptions common = new CommonOptions();
    common.verbose = verbose;
    long t0 = System.nanoTime();
    GeneratorSummary summary = new SampleDataGenerator(common.spark())
        .generate(new GeneratorOptions(scale, n, first, seed, Path.of(out).toAbsolutePath()));
    System.out.println(summary);
    System.out.printf("customers with a unique full name: %d of %d (%.3f)%n", summary.uniqueFullNames(),
        summary.customers(), summary.uniqueFullNameShare());
    System.out.printf("generated %s data for %d days from %s into %s in %.1fs%n", scale.name().toLowerCase(), n,
        first, Path.of(out).toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
