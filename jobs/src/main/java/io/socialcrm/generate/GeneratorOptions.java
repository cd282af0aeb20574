package io.socialcrm.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param scale entity counts ({@link Scale})
 * @param days number of days of landing data, from {@code start} on (at least 1)
 * @param start the first day
 * @param seed everything derives from it: the same options give byte-identical files
 * @param out output directory; the generator replaces its {@code landing/}, {@code late/} and {@code truth/}
 */
public record GeneratorOptions(Scale scale, int days, LocalDate start, long seed, Path out) {
  public static final int DEFAULT_DAYS = 14;
  public static final LocalDate DEFAULT_START = LocalDate.of(2024, 3, 4);
  public static final long DEFAULT_SEED = 42L;

  public GeneratorOptions {
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(out, "out");
    if (days < 1 || days > 90) {
      throw new IllegalArgumentException("days must be between 1 and 90, not " + days);
    }
  }

  /** Small scale, 14 days from {@link #DEFAULT_START}, seed 42. */
  public static GeneratorOptions defaults(Path out) {
    return new GeneratorOptions(Scale.SMALL, DEFAULT_DAYS, DEFAULT_START, DEFAULT_SEED, out);
  }
}
