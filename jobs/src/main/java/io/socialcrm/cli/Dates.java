package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

final class Dates {
  private Dates() {}

  /** A range of dates from --from to --to, both included. */
  record Range(LocalDate start, LocalDate end) {}

  /** Parses {@code --from} and {@code --to}; a start after the end is a bad argument. */
  static Range range(String from, String to) {
    LocalDate start = parse("--from", from);
    LocalDate end = parse("--to", to);
    if (start.isAfter(end)) {
      throw Errors.badDateRange(start, end);
    }
    return new Range(start, end);
  }

  static LocalDate parse(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Errors.badArgument(option, value, "a date as YYYY-MM-DD");
    }
  }
}
