package io.socialcrm.generate;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was generated.
 *
 * @param landingRecords records written per landing input (contract name), late files included, CSV headers not
 * @param truthRecords rows per truth file (file name), headers not included
 * @param days the days generated, in order
 */
public record GeneratorSummary(Map<String, Long> landingRecords, Map<String, Long> truthRecords,
    List<LocalDate> days) {

  public GeneratorSummary {
    landingRecords = Collections.unmodifiableMap(new LinkedHashMap<>(landingRecords));
    truthRecords = Collections.unmodifiableMap(new LinkedHashMap<>(truthRecords));
    days = List.copyOf(days);
  }

  /** All landing records. */
  public long totalLandingRecords() {
    return landingRecords.values().stream().mapToLong(Long::longValue).sum();
  }
}
