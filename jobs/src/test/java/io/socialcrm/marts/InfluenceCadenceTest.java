package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The influence mart's cadence rule, date by date. */
class InfluenceCadenceTest {
  private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

  @Test
  void everyDayRebuildsEveryRun() {
    assertTrue(InfluenceCadence.due(MONDAY, MONDAY, 1), "a rerun of the same date");
    assertTrue(InfluenceCadence.due(MONDAY, MONDAY.plusDays(1), 1));
  }

  @Test
  void weeklyKeepsTheBuildThroughSundayAndRebuildsOnMonday() {
    for (int d = 1; d <= 6; d++) {
      assertFalse(InfluenceCadence.due(MONDAY, MONDAY.plusDays(d), 7), "day " + d);
    }
    assertTrue(InfluenceCadence.due(MONDAY, MONDAY.plusDays(7), 7));
    assertTrue(InfluenceCadence.due(MONDAY, MONDAY.plusDays(30), 7), "after a pause");
  }

  @Test
  void aRerunOfTheBuildDateOrABackfillOfAnEarlierOneRebuilds() {
    assertTrue(InfluenceCadence.due(MONDAY, MONDAY, 7));
    assertTrue(InfluenceCadence.due(MONDAY, MONDAY.minusDays(3), 7));
  }
}
