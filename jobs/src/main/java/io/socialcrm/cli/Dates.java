package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

final class Dates {
  private Dates() {}

  static LocalDate parse(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Errors.badArgument(option, value, "a date as YYYY-MM-DD");
    }
  }
}
