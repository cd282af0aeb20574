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
 * @param customers the CRM customers of the whole period
 * @param uniqueFullNames of those, how many have a full name (first name and surnames as the person is named, not as
 *     a source spells it) no other customer has
 */
public record GeneratorSummary(Map<String, Long> landingRecords, Map<String, Long> truthRecords,
    List<LocalDate> days, long customers, long uniqueFullNames) {

  public GeneratorSummary {
    landingRecords = Collections.unmodifiableMap(new LinkedHashMap<>(landingRecords));
    truthRecords = Collections.unmodifiableMap(new LinkedHashMap<>(truthRecords));
    days = List.copyOf(days);
  }

  /** The share of customers with a unique full name (0 when there are none). */
  public double uniqueFullNameShare() {
    return customers == 0 ? 0.0 : (double) uniqueFullNames / customers;
  }

  /** All landing records. */
  public long totalLandingRecords() {
    return landingRecords.values().stream().mapToLong(Long::longValue).sum();
  }
}
